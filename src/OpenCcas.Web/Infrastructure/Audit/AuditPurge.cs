using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>
/// Removes the organisation's audit lines older than the retention of the log (data-protection.md: 5 years), from the
/// start of the chain: every line before the oldest line written on or after the limit. In one transaction, holding
/// the chain's head: the lines go, the head records where the chain now starts (that line's sequence and previous
/// hash), and a purge line saying the same is chained, so that the verifier starts there and a head moved by hand shows.
/// </summary>
public static class AuditPurge
{
    private const string LockHead = """SELECT * FROM "AuditChainHeads" WHERE "OrganisationId" = {0} FOR UPDATE""";

    /// <summary>Removes the lines written before <paramref name="before"/> (counts them only on a dry run); returns how many.</summary>
    public static async Task<int> RunAsync(AppDbContext db, DateTimeOffset before, bool dryRun, CancellationToken ct = default)
    {
        var org = db.Tenant.Required;
        if (dryRun) return await OldLines(db, await FirstKeptAsync(db, before, null, ct)).CountAsync(ct);

        var owned = db.Database.CurrentTransaction is null;
        // SQLite transactions take the write lock at BEGIN IMMEDIATE; PostgreSQL locks the head's row.
        await using var transaction = owned ? await db.Database.BeginTransactionAsync(ct) : null;
        var heads = db.Database.IsNpgsql()
            ? db.AuditChainHeads.FromSqlRaw(LockHead, org)
            : db.AuditChainHeads.Where(h => h.OrganisationId == org);
        var head = (await heads.AsNoTracking().ToListAsync(ct)).FirstOrDefault();
        if (head is null) return 0;
        var firstKept = await FirstKeptAsync(db, before, head, ct);
        if (firstKept <= head.FirstSequence) return 0;
        var previousHash = firstKept == head.LastSequence + 1
            ? head.LastHash
            : await db.AuditEntries.Where(e => e.Sequence == firstKept).Select(e => e.PreviousHash).FirstAsync(ct);

        var removed = await OldLines(db, firstKept).ExecuteDeleteAsync(ct);
        await db.AuditChainHeads.Where(h => h.OrganisationId == org).ExecuteUpdateAsync(s => s
            .SetProperty(h => h.FirstSequence, firstKept).SetProperty(h => h.FirstPreviousHash, previousHash), ct);
        db.PendingAudit.Add(new AuditEntry
        {
            OrganisationId = org,
            At = DateTimeOffset.UtcNow,
            UserId = db.Actor.UserId,
            UserName = db.Actor.Name,
            Action = AuditAction.Purge,
            EntityType = nameof(AuditEntry),
            Details = new AuditPurgeRecord(removed, before, firstKept, previousHash).ToJson(),
            PreviousHash = "",
            Hash = "",
        });
        await db.SaveChangesAsync(ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return removed;
    }

    /// <summary>The first line to keep: the oldest written on or after the limit, or the next one if every line is older.</summary>
    private static async Task<long> FirstKeptAsync(AppDbContext db, DateTimeOffset before, AuditChainHead? head, CancellationToken ct)
    {
        var recent = await db.AuditEntries.Where(e => e.At >= before).MinAsync(e => (long?)e.Sequence, ct);
        return recent ?? (head?.LastSequence ?? await db.AuditEntries.MaxAsync(e => (long?)e.Sequence, ct) ?? 0) + 1;
    }

    private static IQueryable<AuditEntry> OldLines(AppDbContext db, long firstKept) => db.AuditEntries.Where(e => e.Sequence < firstKept);
}
