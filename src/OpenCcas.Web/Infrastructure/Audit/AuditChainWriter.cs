using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>
/// Links audit lines to their organisation's hash chain inside the caller's transaction. Reading the head of the
/// organisation's chain takes its row lock (SELECT … FOR UPDATE on PostgreSQL; on SQLite the transaction already
/// holds the write lock), so two writers of one organisation are ordered while other organisations go on in
/// parallel. The lines and the moved head are added to the context and written with the caller's batch.
/// </summary>
internal static class AuditChainWriter
{
    private const string ReadHead = """SELECT "LastSequence", "LastHash" FROM "AuditChainHeads" WHERE "OrganisationId" = {0}""";

    /// <summary>Adds the lines and their organisations' moved heads to the context; <paramref name="heads"/> lists the heads added.</summary>
    public static async Task LinkAsync(AppDbContext db, List<AuditEntry> lines, List<AuditChainHead> heads, CancellationToken ct)
    {
        // In key order, so that two writers touching several organisations lock their heads in the same order.
        foreach (var group in lines.GroupBy(l => l.OrganisationId).OrderBy(g => g.Key))
        {
            var stored = await ReadHeadAsync(db, group.Key, ct);
            var head = new AuditChainHead { OrganisationId = group.Key };
            // Heads are never left tracked (the save detaches them): attached as read, or added for a first line.
            if (stored is { } s)
            {
                (head.LastSequence, head.LastHash) = s;
                db.Attach(head);
            }
            else
            {
                db.Add(head);
            }
            heads.Add(head);
            var (sequence, hash) = AuditChain.Link(group, head.LastSequence, head.LastHash);
            // Automatic change detection is off during a save: the new end is set through the entry.
            var entry = db.Entry(head);
            entry.Property(h => h.LastSequence).CurrentValue = sequence;
            entry.Property(h => h.LastHash).CurrentValue = hash;
            foreach (var line in group) db.Add(line);
        }
    }

    /// <summary>
    /// The head's row, locked, in one round trip. A plain command rather than a LINQ or FromSql query: it runs on
    /// every audited save, and EF's query pipeline (parameter extraction, cache lookup, materialisation, tracking)
    /// cost several times the command itself. It still goes through EF's command logging and interceptors.
    /// </summary>
    private static async Task<(long Sequence, string Hash)?> ReadHeadAsync(AppDbContext db, Guid org, CancellationToken ct)
    {
        var sql = db.Database.IsNpgsql() ? ReadHead + " FOR UPDATE" : ReadHead;
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, [org], db.Model);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()), ct);
        return await reader.ReadAsync(ct) ? (reader.DbDataReader.GetInt64(0), reader.DbDataReader.GetString(1)) : null;
    }
}
