using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>
/// Links audit lines to their organisation's hash chain inside the caller's transaction, and writes the lines and the
/// moved head with the caller's batch.
/// <para>
/// Where the chain ends is known two ways. The safe way reads the head row and takes its lock (SELECT … FOR UPDATE on
/// PostgreSQL; on SQLite the transaction already holds the write lock): one round trip. The quick way, for a save
/// that owns its transaction and touches one organisation on PostgreSQL, uses the end this process wrote last (<see cref="Turn"/>):
/// the process's writers of that organisation take turns in memory, so the head is not read at all. That memory is
/// only a hint: the head row is updated only where it still holds the end the lines were linked to (its sequence and
/// hash are concurrency tokens), so if anything else moved the chain (another process, a save inside a caller's
/// transaction, a restored database) the batch fails — as it does on the unique index of (organisation, sequence) —
/// and the save is rolled back and done again the safe way. The chain can never fork.
/// </para>
/// </summary>
internal static class AuditChainWriter
{
    private const string ReadHead = """SELECT "LastSequence", "LastHash" FROM "AuditChainHeads" WHERE "OrganisationId" = {0}""";

    private sealed class Chain
    {
        public readonly SemaphoreSlim Gate = new(1, 1);
        public (long Sequence, string Hash)? End;
    }

    // Per database and organisation. A handful of entries per organisation hosted; never removed (a stale one is harmless).
    private static readonly ConcurrentDictionary<(string? Database, Guid Organisation), Chain> Chains = new();

    /// <summary>
    /// This process's turn to write to one organisation's chain, from before the head is needed until after the commit
    /// or rollback. <see cref="Committed"/> records the new end; disposing without it forgets the end.
    /// </summary>
    internal sealed class Turn : IAsyncDisposable
    {
        private readonly Chain chain;
        private (long, string)? committed;
        private bool released;

        private Turn(Chain chain) => this.chain = chain;

        /// <summary>
        /// The turn, or null when another writer has held it for <see cref="MaxWait"/>: the save then goes the safe
        /// way. The turn is only a hint, so it is never worth waiting for long, and a bounded wait means it can never
        /// join a deadlock with a database lock.
        /// </summary>
        public static async Task<Turn?> TakeAsync(AppDbContext db, Guid organisation, CancellationToken ct)
        {
            var chain = Chains.GetOrAdd((db.Database.GetConnectionString(), organisation), _ => new Chain());
            return await chain.Gate.WaitAsync(MaxWait, ct) ? new Turn(chain) : null;
        }

        private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

        public (long Sequence, string Hash)? KnownEnd => chain.End;

        public void Committed(AuditChainHead head) => committed = (head.LastSequence, head.LastHash);

        public ValueTask DisposeAsync()
        {
            if (released) return ValueTask.CompletedTask;
            released = true;
            chain.End = committed;
            chain.Gate.Release();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// After a save inside a transaction this process does not commit itself: the end it knew may be overtaken or
    /// rolled back, so it is forgotten (the next quick save reads the head).
    /// </summary>
    public static void Forget(AppDbContext db, IEnumerable<Guid> organisations)
    {
        foreach (var org in organisations)
            if (Chains.TryGetValue((db.Database.GetConnectionString(), org), out var chain)) chain.End = null;
    }

    /// <summary>
    /// Adds the lines and their organisations' moved heads to the context; <paramref name="heads"/> lists the heads
    /// added. With <paramref name="turn"/> (one organisation) its known end is used instead of reading the head.
    /// </summary>
    public static async Task LinkAsync(AppDbContext db, List<AuditEntry> lines, List<AuditChainHead> heads, Turn? turn, CancellationToken ct)
    {
        // In key order, so that two writers touching several organisations lock their heads in the same order.
        foreach (var group in lines.GroupBy(l => l.OrganisationId).OrderBy(g => g.Key))
        {
            var stored = turn?.KnownEnd ?? await ReadHeadAsync(db, group.Key, ct);
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
    /// The head's row, locked, in one round trip. A plain command rather than a LINQ or FromSql query: EF's query
    /// pipeline (parameter extraction, cache lookup, materialisation, tracking) cost several times the command itself.
    /// It still goes through EF's command logging and interceptors.
    /// </summary>
    private static async Task<(long Sequence, string Hash)?> ReadHeadAsync(AppDbContext db, Guid org, CancellationToken ct)
    {
        var sql = db.IsPostgres ? ReadHead + " FOR UPDATE" : ReadHead;
        var command = db.GetService<IRawSqlCommandBuilder>().Build(sql, [org], db.Model);
        await using var reader = await command.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
            db.GetService<IRelationalConnection>(), command.ParameterValues, null, db, db.GetService<IRelationalCommandDiagnosticsLogger>()), ct);
        return await reader.ReadAsync(ct) ? (reader.DbDataReader.GetInt64(0), reader.DbDataReader.GetString(1)) : null;
    }
}
