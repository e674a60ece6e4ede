using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Collective;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.DigitalHelp;

/// <summary>
/// Digital help ("aide aux démarches en ligne"): a procedure done at the desk with or for a person, recorded in a few
/// keystrokes. Who sees what: the procedures of a person are shown on their file to whoever may open its identity part
/// (reception records them and must see what it recorded; like the reception log, they say that the person came and for
/// which organism). The free description may say more (amounts, a benefit claimed): it is shown only to its author
/// and to those who may open the file's resources part.
/// </summary>
public static class OnlineProcedures
{
    public sealed record Count(ProcedureOrganism Organism, int Procedures);

    public static IQueryable<OnlineProcedure> InPeriod(AppDbContext db, DateOnly from, DateOnly to, Guid? siteId)
    {
        var start = PlanDisplay.StartOfDay(from);
        var end = PlanDisplay.StartOfDay(to.AddDays(1));
        var q = db.Set<OnlineProcedure>().Where(p => p.At >= start && p.At < end);
        if (siteId is { } site) q = q.Where(p => p.SiteId == site);
        return q;
    }

    public static async Task<List<Count>> CountsAsync(IQueryable<OnlineProcedure> procedures, CancellationToken ct = default) =>
        (await procedures.GroupBy(p => p.Organism).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
        .Select(x => new Count(x.Key, x.N)).OrderByDescending(c => c.Procedures).ThenBy(c => c.Organism).ToList();

    /// <summary>The site to propose: the one of the agent's last procedure, else the first open site.</summary>
    public static async Task<Guid?> DefaultSiteAsync(AppDbContext db, Actor actor, CancellationToken ct = default) =>
        await db.Set<OnlineProcedure>().Where(p => p.AgentId == actor.UserId).OrderByDescending(p => p.At).Select(p => (Guid?)p.SiteId).FirstOrDefaultAsync(ct)
        ?? actor.Grants.Select(g => g.SiteId).FirstOrDefault(s => s is not null)
        ?? await db.Sites.Where(s => s.Active).OrderBy(s => s.Name).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct);

    /// <summary>Which of these procedures' descriptions the actor may read (author, anonymous procedure, or resources part of the file).</summary>
    public static async Task<HashSet<Guid>> ReadableDescriptionsAsync(AppDbContext db, Actor actor, IReadOnlyCollection<OnlineProcedure> procedures, CancellationToken ct = default)
    {
        var resources = await CollectiveSessions.OpenableAsync(db, actor, procedures.Where(p => p.PersonId is not null).Select(p => p.PersonId!.Value), FilePart.Resources, ct);
        return procedures.Where(p => p.PersonId is null || p.AgentId == actor.UserId || resources.Contains(p.PersonId.Value)).Select(p => p.Id).ToHashSet();
    }

    public enum RecordOutcome { Ok, Invalid, PersonNotFound, PersonDenied }

    public static async Task<(RecordOutcome Outcome, OnlineProcedure? Procedure, List<(string Field, string Message)> Errors)> RecordAsync(
        AppDbContext db, Actor actor, ProcedureInput input, CancellationToken ct = default)
    {
        var errors = await input.CheckAsync(db, ct);
        if (errors.Count > 0) return (RecordOutcome.Invalid, null, errors);
        if (input.PersonId is { } personId)
        {
            var (access, _) = await PersonFiles.OpenAsync(db, actor, personId, FilePart.Identity, ct: ct);
            if (access == FileAccess.NotFound) return (RecordOutcome.PersonNotFound, null, [(nameof(input.PersonId), "Cette personne est introuvable.")]);
            if (access == FileAccess.Denied) return (RecordOutcome.PersonDenied, null, []);
        }
        var procedure = new OnlineProcedure
        {
            PersonId = input.PersonId, SiteId = input.SiteId!.Value, AgentId = actor.UserId,
            At = input.At(), Organism = input.Organism!.Value, Help = input.Help!.Value,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
        };
        db.Add(procedure);
        await db.SaveChangesAsync(ct);
        return (RecordOutcome.Ok, procedure, []);
    }
}

public sealed class ProcedureInput
{
    [Display(Name = "Date")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Heure")]
    public TimeOnly? Time { get; set; }
    [Required(ErrorMessage = "Le site est obligatoire.")]
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    [Required(ErrorMessage = "Choisissez l'organisme de la démarche.")]
    [Display(Name = "Organisme")]
    public ProcedureOrganism? Organism { get; set; }
    [Required(ErrorMessage = "Choisissez le type d'aide apportée.")]
    [Display(Name = "Aide apportée")]
    public ProcedureHelp? Help { get; set; }
    [Display(Name = "Personne")]
    public Guid? PersonId { get; set; }
    [Display(Name = "Description"), StringLength(500, ErrorMessage = "La description ne peut dépasser 500 caractères.")]
    public string? Description { get; set; }

    /// <summary>The moment of the procedure: the date and time given (Paris), or now.</summary>
    public DateTimeOffset At()
    {
        if (Date is null) return DateTimeOffset.UtcNow;
        return PlanDisplay.At(Date.Value, Time ?? (Date == PlanDisplay.Today() ? TimeOnly.FromDateTime(PlanDisplay.ToParis(DateTimeOffset.UtcNow).DateTime) : new TimeOnly(12, 0)));
    }

    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db, CancellationToken ct = default)
    {
        var errors = new List<(string, string)>();
        if (SiteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site, ct))
            errors.Add((nameof(SiteId), "Le site choisi n'existe pas dans votre organisation."));
        if (Organism is { } o && !Enum.IsDefined(o)) errors.Add((nameof(Organism), "Organisme inconnu."));
        if (Help is { } h && !Enum.IsDefined(h)) errors.Add((nameof(Help), "Type d'aide inconnu."));
        if (Date is { } d && At() > DateTimeOffset.UtcNow.AddMinutes(5))
            errors.Add((nameof(Date), $"Une démarche ne peut pas être datée dans le futur ({d:dd/MM/yyyy})."));
        return errors;
    }
}
