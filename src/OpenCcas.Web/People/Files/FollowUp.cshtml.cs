using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.People.Files;

/// <summary>Who follows the file (site, referent, teams: they decide who may open it) and its status.</summary>
public sealed class FollowUpModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    [BindProperty] public FollowUpInput Input { get; set; } = new();
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];
    public Dictionary<Guid, string> Sites { get; private set; } = [];
    public Dictionary<Guid, string> Teams { get; private set; } = [];
    public Dictionary<Guid, string> Agents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Resources) is { } refused) return refused;
        Input = FollowUpInput.From(Person);
        await ListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Resources, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        AddErrors(await Input.CheckAsync(Db));
        if (!ModelState.IsValid) { await ListsAsync(); return Page(); }
        if (Person.Version != Input.Version) return await ShowConflictAsync();
        Input.ApplyTo(Person);
        PersonFileService.SetTeams(Db, Person, Input.TeamIds);
        PersonFileService.Touch(Person);
        if (!await ConcurrentSave.TrySaveAsync(Db, Person)) return await ShowConflictAsync();
        TempData["Message"] = "Suivi et statut enregistrés.";
        // The user may have moved the file out of their own reach.
        return AccessRules.CanOpen(Actor, AccessRules.ScopeOf(Person), FilePart.Identity) ? Redirect($"/personnes/{id}") : Redirect("/personnes");
    }

    private async Task<IActionResult> ShowConflictAsync()
    {
        var saved = FollowUpInput.From(Person);
        Conflicts = Conflict.Compare(Input, saved);
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
        Input.Version = Person.Version;
        await ListsAsync();
        return Page();
    }

    private async Task ListsAsync()
    {
        Sites = await SiteNamesAsync(Db);
        Teams = await TeamNamesAsync(Db);
        Agents = await AgentNamesAsync(Db);
    }
}
