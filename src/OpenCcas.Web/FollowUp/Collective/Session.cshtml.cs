using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.FollowUp.Collective;

/// <summary>
/// One collective session ("nouvelle" for a new one): its details, its participants known by name (added through a
/// name search among the files the user may open) and its count of participants not named.
/// </summary>
[Permission(CollectiveSessions.ReadPermission)]
public sealed class SessionModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty] public SessionInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }

    public CollectiveSession? Session { get; private set; }
    public bool IsNew => Session is null;
    public bool CanManage { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Sites { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Agents { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Participants { get; private set; } = [];
    /// <summary>Participants whose file the user may not open: counted, not named.</summary>
    public int HiddenParticipants { get; private set; }
    public IReadOnlyList<(Guid Id, string Name, DateOnly? BirthDate, int FileNumber)> Found { get; private set; } = [];
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];
    public string SiteName { get; private set; } = "";
    public string FacilitatorName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (Session is null)
        {
            if (!CanManage) return Forbid();
            var actor = await current.RequireActorAsync();
            Input = new SessionInput { Date = PlanDisplay.Today(), Time = new TimeOnly(14, 0), FacilitatorId = actor.UserId, SiteId = Sites.FirstOrDefault().Id };
        }
        else
        {
            Input = SessionInput.From(Session);
            if (CanManage && !string.IsNullOrWhiteSpace(Query))
            {
                var known = Participants.Select(p => p.Id).ToHashSet();
                Found = (await PlanDisplay.PickAsync(db, await current.RequireActorAsync(), Query)).Where(p => !known.Contains(p.Id)).ToList();
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        if (await LoadAsync(id, tracked: true) is { } refused) return refused;
        if (!CanManage) return Forbid();
        foreach (var (field, message) in await Input.CheckAsync(db))
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        var session = Session ?? new CollectiveSession { Topic = "" };
        if (Session is not null && Session.Version != Input.Version) return await ShowConflictAsync(id);
        Input.ApplyTo(session);
        if (Session is null) db.Add(session);
        if (!await ConcurrentSave.TrySaveAsync(db, session)) return await ShowConflictAsync(id);
        TempData["Message"] = IsNew ? $"Séance « {session.Topic} » créée : ajoutez ses participants." : $"Séance « {session.Topic} » enregistrée.";
        return Redirect($"/actions-collectives/{session.Id}");
    }

    public async Task<IActionResult> OnPostAddParticipantAsync(string id, Guid personId)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (Session is null) return NotFound();
        if (!CanManage) return Forbid();
        var outcome = await CollectiveSessions.AddParticipantAsync(db, await current.RequireActorAsync(), Session, personId);
        if (outcome == CollectiveSessions.AddOutcome.NotFound) return NotFound();
        if (outcome == CollectiveSessions.AddOutcome.Denied) return Forbid();
        var name = (await PlanDisplay.NamesAsync(db, [personId])).GetValueOrDefault(personId, "");
        TempData["Message"] = outcome == CollectiveSessions.AddOutcome.Added ? $"{name} ajouté(e) aux participants." : $"{name} participe déjà à cette séance.";
        return Redirect($"/actions-collectives/{Session.Id}#participants");
    }

    public async Task<IActionResult> OnPostRemoveParticipantAsync(string id, Guid personId)
    {
        if (await LoadAsync(id) is { } refused) return refused;
        if (Session is null) return NotFound();
        if (!CanManage) return Forbid();
        var row = await db.Set<CollectiveParticipant>().FirstOrDefaultAsync(p => p.CollectiveSessionId == Session.Id && p.PersonId == personId);
        if (row is null) return NotFound();
        // Only a participant the user may see can be removed by them.
        if (!Participants.Any(p => p.Id == personId)) return Forbid();
        db.Remove(row);
        await db.SaveChangesAsync();
        TempData["Message"] = "Participant retiré.";
        return Redirect($"/actions-collectives/{Session.Id}#participants");
    }

    public async Task<IActionResult> OnPostDeleteAsync(string id)
    {
        if (await LoadAsync(id, tracked: true) is { } refused) return refused;
        if (Session is null) return NotFound();
        if (!CanManage) return Forbid();
        db.RemoveRange(await db.Set<CollectiveParticipant>().Where(p => p.CollectiveSessionId == Session.Id).ToListAsync());
        db.Remove(Session);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Séance « {Session.Topic} » supprimée.";
        return Redirect("/actions-collectives");
    }

    private async Task<IActionResult> ShowConflictAsync(string id)
    {
        db.ChangeTracker.Clear();
        await LoadAsync(id);
        Conflicts = Conflict.Compare(Input, SessionInput.From(Session!));
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
        Input.Version = Session!.Version;
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(string id, bool tracked = false)
    {
        var actor = await current.RequireActorAsync();
        CanManage = AccessRules.Can(actor, Permission.ManageCollectiveActions);
        Sites = await PlanDisplay.SitesAsync(db);
        Agents = await ActionPlans.AgentsAsync(db);
        if (id == "nouvelle") return null;
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        var query = db.Set<CollectiveSession>().Where(s => s.Id == guid);
        Session = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (Session is null) return NotFound();
        var personIds = await db.Set<CollectiveParticipant>().Where(p => p.CollectiveSessionId == guid).Select(p => p.PersonId).ToListAsync();
        var visible = await CollectiveSessions.OpenableAsync(db, actor, personIds);
        var names = await PlanDisplay.NamesAsync(db, visible);
        Participants = names.OrderBy(n => n.Value).Select(n => (n.Key, n.Value)).ToList();
        HiddenParticipants = personIds.Count - Participants.Count;
        SiteName = await db.Sites.Where(s => s.Id == Session.SiteId).Select(s => s.Name).FirstOrDefaultAsync() ?? "";
        FacilitatorName = (await PlanDisplay.UserNamesAsync(db)).GetValueOrDefault(Session.FacilitatorId, "");
        return null;
    }
}
