using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.Reception;

public sealed record VisitRow(Guid Id, DateTimeOffset At, ContactChannel Channel, string? Reason, Guid? PersonId, string? PersonName,
    ReceptionOutcome Outcome, string? Comment, string? Agent, Guid SiteId);

/// <summary>The reception log: reasons (with the default list) and contacts at the desk.</summary>
public static class ReceptionDesk
{
    public const string SiteCookie = "openccas-accueil-site";

    /// <summary>
    /// An organisation that has no reason yet gets the default list, the first time a reception page or the API asks
    /// for it (organisations are created by the platform, which knows no module; and existing ones get it too).
    /// </summary>
    public static async Task EnsureDefaultReasonsAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.Set<ReceptionReason>().AnyAsync(ct)) return;
        var order = 0;
        foreach (var label in ReceptionDefaults.Reasons)
            db.Add(new ReceptionReason { Label = label, SortOrder = (order += 10) });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created the list at the same moment (unique label per organisation): keep theirs.
            foreach (var e in db.ChangeTracker.Entries<ReceptionReason>().Where(e => e.State == EntityState.Added).ToList())
                e.State = EntityState.Detached;
        }
    }

    public static async Task<List<ReceptionReason>> ReasonsAsync(AppDbContext db, bool activeOnly, CancellationToken ct = default)
    {
        await EnsureDefaultReasonsAsync(db, ct);
        var q = db.Set<ReceptionReason>().AsNoTracking();
        if (activeOnly) q = q.Where(r => r.Active);
        return await q.OrderBy(r => r.SortOrder).ThenBy(r => r.Label).ToListAsync(ct);
    }

    public static async Task<IEnumerable<(string Field, string Message)>> CheckReasonAsync(AppDbContext db, ReceptionReasonInput input, Guid? id, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(input.Label)) return [];
        var label = input.Label.Trim();
        return await db.Set<ReceptionReason>().AnyAsync(r => r.Label == label && r.Id != id, ct)
            ? [(nameof(input.Label), "Un motif porte déjà ce libellé.")]
            : [];
    }

    /// <summary>Records a contact. Denied when the person is outside the actor's reach; errors in French otherwise.</summary>
    public static async Task<SaveResult> RecordAsync(AppDbContext db, Actor actor, ReceptionVisitInput input, ReceptionVisit visit, DateTimeOffset now, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        if (input.PersonId is { } personId)
        {
            var (access, _) = await PersonFiles.OpenAsync(db, actor, personId, FilePart.Identity, ct: ct);
            if (access == FileAccess.Denied) return SaveResult.Denied;
            if (access == FileAccess.NotFound) errors.Add((nameof(input.PersonId), "Cette personne est introuvable."));
        }
        if (input.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId, ct))
            errors.Add((nameof(input.SiteId), "Ce site n'existe pas."));
        if (input.ReasonId is { } reasonId && !await db.Set<ReceptionReason>().AnyAsync(r => r.Id == reasonId && r.Active, ct))
            errors.Add((nameof(input.ReasonId), "Ce motif n'existe pas ou n'est plus utilisé."));
        if (!Enum.IsDefined(input.Channel)) errors.Add((nameof(input.Channel), "Canal inconnu."));
        if (!Enum.IsDefined(input.Outcome)) errors.Add((nameof(input.Outcome), "Suite donnée inconnue."));
        if (errors.Count > 0) return SaveResult.Invalid(errors);
        visit.SiteId = input.SiteId!.Value;
        visit.Channel = input.Channel;
        visit.ReasonId = input.ReasonId;
        visit.PersonId = input.PersonId;
        visit.Outcome = input.Outcome;
        visit.Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        visit.AgentId = actor.UserId;
        visit.At = now;
        db.Add(visit);
        await db.SaveChangesAsync(ct);
        return SaveResult.Saved;
    }

    /// <summary>The contacts of a day (Europe/Paris) at a site (or every site), latest first.</summary>
    public static async Task<List<VisitRow>> DayAsync(AppDbContext db, Actor actor, Guid? siteId, DateOnly day, CancellationToken ct = default)
    {
        var from = ParisTime.StartOfDay(day);
        var to = ParisTime.StartOfDay(day.AddDays(1));
        var q = db.Set<ReceptionVisit>().AsNoTracking().Where(v => v.At >= from && v.At < to);
        if (siteId is { } s) q = q.Where(v => v.SiteId == s);
        var visits = await q.OrderByDescending(v => v.At).Take(500).ToListAsync(ct);
        var reasons = await db.Set<ReceptionReason>().AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Label, ct);
        var agentIds = visits.Select(v => v.AgentId).OfType<Guid>().Distinct().ToList();
        var agents = await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FirstName + " " + u.LastName, ct);
        var people = await Appointments.PeopleNamesAsync(db, actor, visits.Select(v => v.PersonId), ct);
        return visits.Select(v => new VisitRow(v.Id, v.At, v.Channel, v.ReasonId is { } r ? reasons.GetValueOrDefault(r) : null,
            v.PersonId, v.PersonId is { } p ? people.GetValueOrDefault(p, "dossier non accessible") : null, v.Outcome, v.Comment,
            v.AgentId is { } a ? agents.GetValueOrDefault(a) : null, v.SiteId)).ToList();
    }
}
