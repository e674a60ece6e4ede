using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception.Desk;

/// <summary>The desk's quick entry: a contact in two or three keystrokes, and today's contacts at the site.</summary>
[Permission(Permission.RecordReception)]
public sealed class IndexModel(AppDbContext db, CurrentUser current, TimeProvider clock) : PageModel
{
    [BindProperty] public ReceptionVisitInput Input { get; set; } = new();
    /// <summary>The name typed in the person picker.</summary>
    [BindProperty] public string? PersonQuery { get; set; }

    public List<Site> Sites { get; private set; } = [];
    public List<ReceptionReason> Reasons { get; private set; } = [];
    public List<Person> Matches { get; private set; } = [];
    public List<VisitRow> Today { get; private set; } = [];
    public string? ChosenPersonName { get; private set; }
    public bool Searched { get; private set; }
    public bool CanManageReasons { get; private set; }

    public async Task OnGetAsync(Guid? site, Guid? personne)
    {
        var actor = await current.RequireActorAsync();
        Input.SiteId = site ?? await DefaultSiteAsync(actor);
        if (personne is { } p && (await Appointments.PeopleNamesAsync(db, actor, [p])).TryGetValue(p, out var name))
        {
            Input.PersonId = p;
            ChosenPersonName = name;
        }
        await LoadAsync(actor);
    }

    /// <summary>The server-side person picker (without JavaScript): shows the matches of the name typed.</summary>
    public async Task<IActionResult> OnPostSearchAsync()
    {
        var actor = await current.RequireActorAsync();
        ModelState.Clear();
        await SearchAsync(actor);
        await LoadAsync(actor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await current.RequireActorAsync();
        // A name typed but no one chosen: show the matches rather than record an anonymous contact.
        if (Input.PersonId is null && !string.IsNullOrWhiteSpace(PersonQuery))
        {
            ModelState.Clear();
            await SearchAsync(actor);
            ModelState.AddModelError(nameof(PersonQuery), Matches.Count == 0
                ? "Aucune personne ne correspond à ce nom : videz le champ pour un passage anonyme."
                : "Choisissez la personne dans la liste, ou videz le champ pour un passage anonyme.");
            await LoadAsync(actor);
            return Page();
        }
        if (ModelState.IsValid)
        {
            var visit = new ReceptionVisit();
            var result = await ReceptionDesk.RecordAsync(db, actor, Input, visit, clock.GetUtcNow());
            if (result.Outcome == SaveOutcome.Denied) return Forbid();
            if (result.Outcome == SaveOutcome.Saved)
            {
                Response.Cookies.Append(ReceptionDesk.SiteCookie, visit.SiteId.ToString(),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, MaxAge = TimeSpan.FromDays(365), Secure = Request.IsHttps });
                TempData["Message"] = $"{ReceptionLabels.Label(visit.Channel)} enregistré{(visit.Channel is ContactChannel.Visit ? "e" : "")} à {ParisTime.Local(visit.At):HH:mm}.";
                return Redirect($"/accueil?site={visit.SiteId}");
            }
            foreach (var (field, message) in result.Errors) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }
        if (Input.PersonId is { } p) ChosenPersonName = (await Appointments.PeopleNamesAsync(db, actor, [p])).GetValueOrDefault(p);
        await LoadAsync(actor);
        return Page();
    }

    /// <summary>The htmx picker: the matches as radio buttons, to swap into the form.</summary>
    public async Task<IActionResult> OnGetPeopleAsync(string? personQuery)
    {
        var actor = await current.RequireActorAsync();
        Matches = await Appointments.SearchPeopleAsync(db, actor, personQuery);
        Searched = !string.IsNullOrWhiteSpace(personQuery);
        return Partial("/Reception/Desk/_PersonMatches.cshtml", new PersonMatchesModel("Input.PersonId", Matches, Searched, null));
    }

    private async Task SearchAsync(Actor actor)
    {
        Input.PersonId = null;
        Searched = !string.IsNullOrWhiteSpace(PersonQuery);
        Matches = await Appointments.SearchPeopleAsync(db, actor, PersonQuery);
    }

    private async Task<Guid?> DefaultSiteAsync(Actor actor)
    {
        if (Guid.TryParse(Request.Cookies[ReceptionDesk.SiteCookie], out var remembered) && await db.Sites.AnyAsync(s => s.Id == remembered && s.Active))
            return remembered;
        var limited = actor.Grants.Where(g => g.SiteId is not null && Appointments.AgentRoles.Contains(g.Role)).Select(g => g.SiteId).FirstOrDefault();
        if (limited is not null) return limited;
        return await db.Sites.Where(s => s.Active).OrderBy(s => s.Name).Select(s => (Guid?)s.Id).FirstOrDefaultAsync();
    }

    private async Task LoadAsync(Actor actor)
    {
        Sites = await db.Sites.AsNoTracking().Where(s => s.Active || s.Id == Input.SiteId).OrderBy(s => s.Name).ToListAsync();
        Reasons = await ReceptionDesk.ReasonsAsync(db, activeOnly: true);
        Today = await ReceptionDesk.DayAsync(db, actor, Input.SiteId, ParisTime.Today(clock.GetUtcNow()));
        CanManageReasons = AccessRules.Can(actor, Permission.ManageReceptionSettings);
    }
}

public sealed record PersonMatchesModel(string FieldName, IReadOnlyList<Person> Matches, bool Searched, Guid? Selected);
