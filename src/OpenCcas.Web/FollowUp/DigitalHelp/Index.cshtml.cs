using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Collective;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.DigitalHelp;

/// <summary>Digital help at the desk: quick entry of an online procedure, and today's or this week's with counts by organism.</summary>
[Permission(Permission.RecordDigitalHelp)]
public sealed class IndexModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty] public ProcedureInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "personne")] public string? PersonQuery { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }

    public sealed record Row(Guid Id, DateTimeOffset At, ProcedureOrganism Organism, ProcedureHelp Help, Guid? PersonId, string? Person, string Agent, string Site, string? Description);
    public IReadOnlyList<(Guid Id, string Name)> Sites { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name, DateOnly? BirthDate, int FileNumber)> Found { get; private set; } = [];
    public string? PersonName { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<OnlineProcedures.Count> Counts { get; private set; } = [];
    public bool Week => Period == "semaine";
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? personId)
    {
        var actor = await current.RequireActorAsync();
        Input = new ProcedureInput { Help = ProcedureHelp.Accompanied, SiteId = await OnlineProcedures.DefaultSiteAsync(db, actor), PersonId = personId };
        if (personId is { } pid)
        {
            var visible = await CollectiveSessions.OpenableAsync(db, actor, [pid]);
            if (!visible.Contains(pid)) { Input.PersonId = null; ModelState.AddModelError("", "Vous ne pouvez pas ouvrir le dossier de cette personne."); }
        }
        if (!string.IsNullOrWhiteSpace(PersonQuery)) Found = await PlanDisplay.PickAsync(db, actor, PersonQuery);
        await LoadAsync(actor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await current.RequireActorAsync();
        if (ModelState.IsValid)
        {
            var (outcome, procedure, errors) = await OnlineProcedures.RecordAsync(db, actor, Input);
            if (outcome == OnlineProcedures.RecordOutcome.PersonDenied) return Forbid();
            if (outcome == OnlineProcedures.RecordOutcome.Ok)
            {
                TempData["Message"] = $"Démarche {PlanRules.ShortLabel(procedure!.Organism)} enregistrée.";
                return Redirect("/demarches" + (Week ? "?periode=semaine" : ""));
            }
            foreach (var (field, message) in errors) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }
        await LoadAsync(actor);
        return Page();
    }

    private async Task LoadAsync(Actor actor)
    {
        Sites = await PlanDisplay.SitesAsync(db);
        if (Input.PersonId is { } pid) PersonName = (await PlanDisplay.NamesAsync(db, [pid])).GetValueOrDefault(pid);
        To = PlanDisplay.Today();
        From = Week ? To.AddDays(-(((int)To.DayOfWeek + 6) % 7)) : To;
        var procedures = OnlineProcedures.InPeriod(db, From, To, null);
        Counts = await OnlineProcedures.CountsAsync(procedures);
        var list = await procedures.AsNoTracking().OrderByDescending(p => p.At).Take(300).ToListAsync();
        var people = await CollectiveSessions.OpenableAsync(db, actor, list.Where(p => p.PersonId is not null).Select(p => p.PersonId!.Value));
        var names = await PlanDisplay.NamesAsync(db, people);
        var readable = await OnlineProcedures.ReadableDescriptionsAsync(db, actor, list);
        var users = await PlanDisplay.UserNamesAsync(db);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        Rows = list.Select(p => new Row(p.Id, p.At, p.Organism, p.Help, p.PersonId is { } id && names.ContainsKey(id) ? id : null,
                p.PersonId is null ? null : p.PersonId is { } i && names.TryGetValue(i, out var n) ? n : "Personne suivie",
                users.GetValueOrDefault(p.AgentId, ""), sites.GetValueOrDefault(p.SiteId, ""), readable.Contains(p.Id) ? p.Description : null))
            .ToList();
    }
}
