using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>
/// Appends audit lines to their organisation's hash chain inside the caller's transaction. The head row of each
/// organisation is touched first, which takes its row lock (PostgreSQL) or the write lock (SQLite), so two
/// writers of one organisation are ordered while other organisations go on in parallel.
/// </summary>
internal static class AuditChainWriter
{
    public static async Task AppendAsync(AppDbContext db, List<AuditEntry> lines, CancellationToken ct)
    {
        foreach (var group in lines.GroupBy(l => l.OrganisationId).OrderBy(g => g.Key))
        {
            var org = group.Key;
            var locked = await db.AuditChainHeads.Where(h => h.OrganisationId == org)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence), ct);
            AuditChainHead head;
            if (locked == 0)
            {
                head = new AuditChainHead { OrganisationId = org };
                db.AuditChainHeads.Add(head);
            }
            else
            {
                head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.OrganisationId == org, ct);
            }

            var (sequence, hash) = AuditChain.Link(group, head.LastSequence, head.LastHash);
            db.AuditEntries.AddRange(group);
            if (locked == 0)
            {
                head.LastSequence = sequence;
                head.LastHash = hash;
            }
            else
            {
                await db.AuditChainHeads.Where(h => h.OrganisationId == org)
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, sequence).SetProperty(h => h.LastHash, hash), ct);
            }
        }
        await db.SaveAuditRowsAsync(ct);
    }
}
