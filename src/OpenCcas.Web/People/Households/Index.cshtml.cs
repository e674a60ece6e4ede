using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.People.Households;

/// <summary>
/// A household: current members and history, its monthly budget (resources and charges summed, OECD consumption units,
/// "reste à vivre" per unit), renaming it, and adding, changing or marking a member as left.
/// </summary>
public sealed class IndexModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public MemberInput Member { get; set; } = new();
    [BindProperty] public MemberRoleInput RoleInput { get; set; } = new();
    [BindProperty] public LeaveInput Leave { get; set; } = new();
    [BindProperty] public Guid MemberId { get; set; }
    [BindProperty] public HouseholdEditInput Edit { get; set; } = new();
    /// <summary>What someone else saved while this user was renaming (empty when there was no conflict).</summary>
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];
    /// <summary>The rename form is shown open: it was sent back with an error or a conflict.</summary>
    public bool EditOpen { get; private set; }
    public HouseholdView View { get; private set; } = null!;
    public List<Person> Found { get; private set; } = [];
    public Actor Actor { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await OpenAsync(id) is { } refused) return refused;
        await FillAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid id)
    {
        ModelState.Clear();
        if (await OpenAsync(id, tracked: true) is { } refused) return refused;
        var household = await db.Set<Household>().FirstAsync(h => h.Id == id);
        var (access, person) = await PersonFiles.OpenAsync(db, Actor, Member.PersonId, FilePart.Household, tracked: true);
        if (access == FileAccess.NotFound) return NotFound();
        if (access == FileAccess.Denied) return Forbid();
        foreach (var (field, message) in Member.Check()) ModelState.AddModelError($"Member.{field}", message);
        if (ModelState.IsValid)
        {
            var (_, error) = await HouseholdService.AddMemberAsync(db, household, person!, Member.Role, Member.Dependant, Member.Joined);
            if (error is null)
            {
                TempData["Message"] = $"{person!.DisplayName} ajouté(e) au ménage.";
                return Redirect($"/menages/{id}");
            }
            ModelState.AddModelError("", error);
        }
        await FillAsync(id);
        return Page();
    }

    /// <summary>Renames the household; a save over a newer version shows both names and keeps the user's.</summary>
    public async Task<IActionResult> OnPostEditAsync(Guid id)
    {
        ModelState.Clear();
        if (await OpenAsync(id) is { } refused) return refused;
        var household = await db.Set<Household>().FirstAsync(h => h.Id == id);
        foreach (var (field, message) in Edit.Check()) ModelState.AddModelError($"Edit.{field}", message);
        if (ModelState.IsValid)
        {
            if (household.Version == Edit.Version)
            {
                Edit.ApplyTo(household);
                if (await ConcurrentSave.TrySaveAsync(db, household))
                {
                    TempData["Message"] = $"Ménage renommé « {household.Name} ».";
                    return Redirect($"/menages/{id}");
                }
            }
            Conflicts = Conflict.Compare(Edit, HouseholdEditInput.From(household));
            // Someone else saved the very same name: nothing is lost, nothing to ask.
            if (Conflicts.Count == 0) return Redirect($"/menages/{id}");
            Edit.Version = household.Version;
        }
        EditOpen = true;
        await FillAsync(id, keepEdit: true);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id)
    {
        ModelState.Clear();
        if (await OpenAsync(id) is { } refused) return refused;
        var (member, denied) = await MemberAsync(id);
        if (denied is not null) return denied;
        if (!Enum.IsDefined(RoleInput.Role)) ModelState.AddModelError("", "Rôle inconnu.");
        else
        {
            member!.Role = RoleInput.Role;
            member.Dependant = RoleInput.Dependant;
            Files.PersonFileService.Touch(await db.Set<Person>().FirstAsync(p => p.Id == member.PersonId));
            await db.SaveChangesAsync();
            TempData["Message"] = "Rôle enregistré.";
            return Redirect($"/menages/{id}");
        }
        await FillAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostLeaveAsync(Guid id)
    {
        ModelState.Clear();
        if (await OpenAsync(id) is { } refused) return refused;
        var (member, denied) = await MemberAsync(id);
        if (denied is not null) return denied;
        if (HouseholdService.CheckLeave(member!, Leave.LeftOn, out var day) is { } error) ModelState.AddModelError("", error);
        else
        {
            member!.LeftOn = day;
            Files.PersonFileService.Touch(await db.Set<Person>().FirstAsync(p => p.Id == member.PersonId));
            await db.SaveChangesAsync();
            TempData["Message"] = $"Départ du ménage enregistré au {PeopleLabels.Date(day)}.";
            return Redirect($"/menages/{id}");
        }
        await FillAsync(id);
        return Page();
    }

    private async Task<IActionResult?> OpenAsync(Guid id, bool tracked = false)
    {
        Actor = await current.RequireActorAsync();
        var (access, _) = await HouseholdService.OpenAsync(db, Actor, id, tracked);
        return access switch
        {
            HouseholdService.Access.NotFound => NotFound(),
            HouseholdService.Access.Denied => Forbid(),
            _ => null,
        };
    }

    private async Task<(HouseholdMember?, IActionResult?)> MemberAsync(Guid id)
    {
        var member = await db.Set<HouseholdMember>().FirstOrDefaultAsync(m => m.Id == MemberId && m.HouseholdId == id);
        if (member is null) return (null, NotFound());
        var (access, _) = await PersonFiles.OpenAsync(db, Actor, member.PersonId, FilePart.Household);
        return access == FileAccess.Allowed ? (member, null) : (null, Forbid());
    }

    private async Task FillAsync(Guid id, bool keepEdit = false)
    {
        var household = await db.Set<Household>().AsNoTracking().Include(h => h.Members).FirstAsync(h => h.Id == id);
        View = await HouseholdService.ViewAsync(db, Actor, household);
        if (!keepEdit) Edit = HouseholdEditInput.From(household);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var members = View.Current.Select(m => m.PersonId).ToHashSet();
            Found = (await HouseholdSearch.PeopleAsync(db, Actor, Q, 20)).Where(p => !members.Contains(p.Id)).ToList();
        }
        Member.JoinedOn ??= FrenchInput.ForInput(FrenchInput.Today);
    }
}
