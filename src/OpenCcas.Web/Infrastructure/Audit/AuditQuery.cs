using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>The audit log's filters, shared by the administrator's page and the API.</summary>
public sealed class AuditQuery
{
    public string? EntityType { get; set; }
    public string? EntityId { get; set; }
    public Guid? UserId { get; set; }
    public AuditAction? Action { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    /// <summary>Returns entries with an Id lower than this (paging from the newest).</summary>
    public long? Before { get; set; }
    public int? Take { get; set; }

    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> q)
    {
        if (!string.IsNullOrWhiteSpace(EntityType)) q = q.Where(e => e.EntityType == EntityType);
        if (!string.IsNullOrWhiteSpace(EntityId)) q = q.Where(e => e.EntityId == EntityId);
        if (UserId is { } u) q = q.Where(e => e.UserId == u);
        if (Action is { } a) q = q.Where(e => e.Action == a);
        if (From is { } from) { var f = Paris.StartOfDay(from); q = q.Where(e => e.At >= f); }
        if (To is { } to) { var t = Paris.StartOfDay(to.AddDays(1)); q = q.Where(e => e.At < t); }
        if (Before is { } b) q = q.Where(e => e.Id < b);
        return q.OrderByDescending(e => e.Id);
    }
}

/// <summary>Europe/Paris dates: what users see and type.</summary>
public static class Paris
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset ToParis(this DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The next time after <paramref name="now"/> at the time of day <paramref name="at"/>, Paris time (nightly jobs).</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at)
    {
        var day = DateOnly.FromDateTime(now.ToParis().DateTime);
        for (var i = 0; i < 3; i++)
        {
            var candidate = day.AddDays(i).ToDateTime(at);
            var next = new DateTimeOffset(candidate, Zone.GetUtcOffset(candidate));
            if (next > now) return next;
        }
        return now.AddDays(1);
    }

    public static string Display(this DateTimeOffset at) => at.ToParis().ToString("dd/MM/yyyy HH:mm");
    public static string DisplayDate(this DateTimeOffset at) => at.ToParis().ToString("dd/MM/yyyy");
}

public sealed record ChainReport(Guid OrganisationId, long Entries, bool Intact, long? FirstBrokenSequence, string Message);

/// <summary>
/// Recomputes an organisation's hash chain from where its head says it starts (1, or the first line kept by the last
/// purge, which a purge line must confirm), with the rules of <see cref="AuditChainCheck"/>, and checks that it ends
/// where the head says.
/// </summary>
public static class AuditVerifier
{
    public static async Task<ChainReport> VerifyAsync(AppDbContext db, CancellationToken ct = default)
    {
        var org = db.Tenant.Required;
        var head = await db.AuditChainHeads.AsNoTracking().FirstOrDefaultAsync(h => h.OrganisationId == org, ct);
        var check = head is null ? new AuditChainCheck(0, AuditChain.Genesis) : new AuditChainCheck(head.FirstSequence - 1, head.FirstPreviousHash);
        long? broken = null;
        while (broken is null)
        {
            var after = check.LastSequence;
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(5000).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var e in batch)
                if ((broken = check.Add(e)) is not null) break;
        }
        broken ??= check.Finish();
        // Lines removed from the end (or every line): the head remembers the end.
        if (broken is null && head is not null && (head.LastSequence != check.LastSequence || head.LastHash != check.LastHash))
            broken = Math.Min(head.LastSequence, check.LastSequence) + 1;
        var count = check.Count;
        return new ChainReport(org, count, broken is null, broken,
            broken is null ? $"Chaîne intacte : {count} entrées vérifiées." : $"Chaîne rompue à l'entrée n° {broken}.");
    }
}
