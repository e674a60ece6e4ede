using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.Collective;

/// <summary>
/// Collective actions (workshops, information meetings): the session input and the queries shared by the pages and
/// the API. The list is readable by the desk and social roles (<see cref="ReadPermission"/>); creating and changing
/// sessions and their attendance needs <see cref="Permission.ManageCollectiveActions"/>.
/// </summary>
public static class CollectiveSessions
{
    /// <summary>
    /// Who may read the sessions: the roles that receive the public (manager, social worker, instructor, reception),
    /// the same set as recording reception contacts. Participants' names are shown only to those who may open their
    /// file's identity part.
    /// </summary>
    public const Permission ReadPermission = Permission.RecordReception;

    public sealed record Totals(int Sessions, int DistinctPeople, int NamedParticipations, int AnonymousParticipations)
    {
        public int Participations => NamedParticipations + AnonymousParticipations;
    }

    public static IQueryable<CollectiveSession> InPeriod(AppDbContext db, DateOnly? from, DateOnly? to, Guid? siteId)
    {
        var q = db.Set<CollectiveSession>().AsQueryable();
        if (from is { } f) { var start = PlanDisplay.StartOfDay(f); q = q.Where(s => s.At >= start); }
        if (to is { } t) { var end = PlanDisplay.StartOfDay(t.AddDays(1)); q = q.Where(s => s.At < end); }
        if (siteId is { } site) q = q.Where(s => s.SiteId == site);
        return q;
    }

    /// <summary>Sessions, distinct people known by name, and participations (named and anonymous), computed in the database.</summary>
    public static async Task<Totals> TotalsAsync(IQueryable<CollectiveSession> sessions, AppDbContext db, CancellationToken ct = default)
    {
        var ids = sessions.Select(s => s.Id);
        var participants = db.Set<CollectiveParticipant>().Where(p => ids.Contains(p.CollectiveSessionId));
        return new Totals(
            await sessions.CountAsync(ct),
            await participants.Select(p => p.PersonId).Distinct().CountAsync(ct),
            await participants.CountAsync(ct),
            await sessions.SumAsync(s => (int?)s.AnonymousParticipants, ct) ?? 0);
    }

    /// <summary>Of these people, those whose identity the actor may open.</summary>
    public static async Task<HashSet<Guid>> OpenableAsync(AppDbContext db, Actor actor, IEnumerable<Guid> personIds, FilePart part = FilePart.Identity, CancellationToken ct = default)
    {
        var ids = personIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        return (await PersonFiles.Openable(db, actor, part).Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
    }

    public enum AddOutcome { Added, AlreadyThere, NotFound, Denied }

    /// <summary>Adds a participant known by name: a person whose identity part the actor may open.</summary>
    public static async Task<AddOutcome> AddParticipantAsync(AppDbContext db, Actor actor, CollectiveSession session, Guid personId, CancellationToken ct = default)
    {
        var (access, _) = await PersonFiles.OpenAsync(db, actor, personId, FilePart.Identity, ct: ct);
        if (access == FileAccess.NotFound) return AddOutcome.NotFound;
        if (access == FileAccess.Denied) return AddOutcome.Denied;
        if (await db.Set<CollectiveParticipant>().AnyAsync(p => p.CollectiveSessionId == session.Id && p.PersonId == personId, ct)) return AddOutcome.AlreadyThere;
        db.Add(new CollectiveParticipant { CollectiveSessionId = session.Id, PersonId = personId });
        await db.SaveChangesAsync(ct);
        return AddOutcome.Added;
    }
}

public sealed class SessionInput
{
    [Required(ErrorMessage = "Le thème est obligatoire."), StringLength(200, ErrorMessage = "Le thème ne peut dépasser 200 caractères.")]
    [Display(Name = "Thème")]
    public string Topic { get; set; } = "";
    [Display(Name = "Date")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Heure de début")]
    public TimeOnly? Time { get; set; }
    [Range(1, 1440, ErrorMessage = "La durée doit être comprise entre 1 et 1 440 minutes.")]
    [Display(Name = "Durée (minutes)")]
    public int DurationMinutes { get; set; } = 120;
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    [Display(Name = "Animé par")]
    public Guid? FacilitatorId { get; set; }
    [Range(0, 10000, ErrorMessage = "Le nombre de participants anonymes doit être compris entre 0 et 10 000.")]
    [Display(Name = "Participants non nommés")]
    public int AnonymousParticipants { get; set; }
    public int Version { get; set; }

    public static SessionInput From(CollectiveSession s)
    {
        var local = PlanDisplay.ToParis(s.At);
        return new()
        {
            Topic = s.Topic, Date = DateOnly.FromDateTime(local.DateTime), Time = TimeOnly.FromDateTime(local.DateTime),
            DurationMinutes = s.DurationMinutes, SiteId = s.SiteId, FacilitatorId = s.FacilitatorId,
            AnonymousParticipants = s.AnonymousParticipants, Version = s.Version,
        };
    }

    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db, CancellationToken ct = default)
    {
        // Required fields are checked here rather than by attributes, so that a missing session answers 404 first.
        var errors = new List<(string, string)>();
        if (Date is null) errors.Add((nameof(Date), "La date est obligatoire."));
        if (Time is null) errors.Add((nameof(Time), "L'heure de début est obligatoire."));
        if (SiteId is null) errors.Add((nameof(SiteId), "Le site est obligatoire."));
        if (FacilitatorId is null) errors.Add((nameof(FacilitatorId), "L'animateur ou l'animatrice est obligatoire."));
        if (SiteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site, ct))
            errors.Add((nameof(SiteId), "Le site choisi n'existe pas dans votre organisation."));
        if (FacilitatorId is { } agent && !await db.Users.AnyAsync(u => u.Id == agent && u.Active, ct))
            errors.Add((nameof(FacilitatorId), "L'agent choisi n'existe pas dans votre organisation (ou son compte est désactivé)."));
        return errors;
    }

    public void ApplyTo(CollectiveSession s)
    {
        s.Topic = Topic.Trim();
        s.At = PlanDisplay.At(Date!.Value, Time!.Value);
        s.DurationMinutes = DurationMinutes;
        s.SiteId = SiteId!.Value;
        s.FacilitatorId = FacilitatorId!.Value;
        s.AnonymousParticipants = AnonymousParticipants;
    }
}
