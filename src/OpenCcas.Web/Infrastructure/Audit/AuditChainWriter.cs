using Microsoft.EntityFrameworkCore;
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
    public static async Task<List<AuditChainHead>> LinkAsync(AppDbContext db, List<AuditEntry> lines, CancellationToken ct)
    {
        var heads = new List<AuditChainHead>();
        foreach (var group in lines.GroupBy(l => l.OrganisationId).OrderBy(g => g.Key))
        {
            var org = group.Key;
            var head = (db.Database.IsNpgsql()
                    ? await db.AuditChainHeads.FromSql($"""SELECT * FROM "AuditChainHeads" WHERE "OrganisationId" = {org} FOR UPDATE""").ToListAsync(ct)
                    : await db.AuditChainHeads.Where(h => h.OrganisationId == org).ToListAsync(ct))
                .SingleOrDefault();
            if (head is null)
            {
                head = new AuditChainHead { OrganisationId = org };
                db.AuditChainHeads.Add(head);
            }
            (head.LastSequence, head.LastHash) = AuditChain.Link(group, head.LastSequence, head.LastHash);
            db.AuditEntries.AddRange(group);
            heads.Add(head);
        }
        // Automatic change detection is off during a save: tell the tracker about the moved heads.
        foreach (var head in heads) db.Entry(head).DetectChanges();
        return heads;
    }
}
