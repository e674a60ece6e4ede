using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People.Households;

namespace OpenCcas.Web.People.Files;

/// <summary>
/// Creating a person file. Likely duplicates are shown first and the user must say it is another person. Opened from
/// a household ("menage"), the new person joins it.
/// </summary>
[Permission(Permission.CreatePerson)]
public sealed class NewModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty] public NewPersonInput Input { get; set; } = new();
    /// <summary>The household the new person joins, when created from its page.</summary>
    [BindProperty(SupportsGet = true, Name = "menage")] public Guid? HouseholdId { get; set; }
    [BindProperty] public HouseholdRole Role { get; set; } = HouseholdRole.OtherRelative;
    public string? HouseholdName { get; private set; }
    public IReadOnlyList<DuplicateCandidate> Candidates { get; private set; } = [];
    public Dictionary<Guid, string> Sites { get; private set; } = [];
    public Dictionary<Guid, string> Teams { get; private set; } = [];
    public Dictionary<Guid, string> Agents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await current.RequireActorAsync();
        if (await HouseholdAsync(actor) is { } refused) return refused;
        Input = PersonFileService.Defaults(actor);
        await ListsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await current.RequireActorAsync();
        if (await HouseholdAsync(actor) is { } refused) return refused;
        foreach (var (field, error) in await Input.CheckAsync(db))
            ModelState.AddModelError($"{nameof(Input)}.{field}", error);
        if (!Enum.IsDefined(Role)) ModelState.AddModelError(nameof(Role), "Rôle inconnu.");
        if (!ModelState.IsValid) { await ListsAsync(); return Page(); }
        if (!Input.ConfirmDuplicate)
        {
            Candidates = await PersonDuplicates.CandidatesAsync(db, actor, Input.LastName, Input.FirstNames, Input.ParsedBirthDate);
            if (Candidates.Count > 0) { await ListsAsync(); return Page(); }
        }
        var person = await PersonFileService.CreateAsync(db, Input);
        var message = $"Dossier n° {person.FileNumber} créé pour {person.DisplayName}.";
        if (HouseholdId is { } hid)
        {
            var household = (await HouseholdService.OpenAsync(db, actor, hid, tracked: true)).Household!;
            var (_, refusal) = await HouseholdService.AddMemberAsync(db, household, person, Role, Role == HouseholdRole.Child, FrenchInput.Today);
            message += refusal is null ? $" Ajouté(e) au ménage « {household.Name} »." : " " + refusal;
            TempData["Message"] = message;
            return Redirect($"/menages/{hid}");
        }
        TempData["Message"] = message;
        return Redirect($"/personnes/{person.Id}");
    }

    private async Task<IActionResult?> HouseholdAsync(Actor actor)
    {
        if (HouseholdId is not { } id) return null;
        var (access, household) = await HouseholdService.OpenAsync(db, actor, id);
        if (access == HouseholdService.Access.NotFound) return NotFound();
        if (access == HouseholdService.Access.Denied) return Forbid();
        HouseholdName = household!.Name;
        return null;
    }

    private async Task ListsAsync()
    {
        Sites = await PersonPageModel.SiteNamesAsync(db);
        Teams = await PersonPageModel.TeamNamesAsync(db);
        Agents = await PersonPageModel.AgentNamesAsync(db);
    }
}
