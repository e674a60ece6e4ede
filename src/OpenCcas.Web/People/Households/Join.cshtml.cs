using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;
using OpenCcas.Web.People.Files;

namespace OpenCcas.Web.People.Households;

/// <summary>From a person's file: create a household for them, or add them to an existing one (found by a member's name).</summary>
public sealed class JoinModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    public sealed record Found(Guid Id, string Name, List<string> Members);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public MemberInput Member { get; set; } = new();
    [BindProperty] public Guid HouseholdId { get; set; }
    public (Guid Id, string Name, DateOnly JoinedOn)? CurrentHousehold { get; private set; }
    public List<Found> Results { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Household) is { } refused) return refused;
        Name = $"Foyer {(Person.UsageName ?? Person.LastName).ToUpperInvariant()}";
        Member.JoinedOn = FrenchInput.ForInput(FrenchInput.Today);
        await FillAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Household, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(Name)) ModelState.AddModelError(nameof(Name), "Le nom du ménage est obligatoire.");
        else if (Name.Length > 200) ModelState.AddModelError(nameof(Name), "Le nom ne peut dépasser 200 caractères.");
        if (FrenchInput.CheckPastDate(Member.JoinedOn, "La date d'arrivée", out var joined) is { } e) ModelState.AddModelError("Member.JoinedOn", e);
        if (ModelState.IsValid)
        {
            var (household, error) = await HouseholdService.CreateAsync(Db, Person, Name, joined ?? FrenchInput.Today);
            if (error is null)
            {
                TempData["Message"] = $"Ménage « {household!.Name} » créé.";
                return Redirect($"/menages/{household.Id}");
            }
            ModelState.AddModelError("", error);
        }
        await FillAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostJoinAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Household, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        ModelState.Clear();
        var (access, household) = await HouseholdService.OpenAsync(Db, Actor, HouseholdId);
        if (access == HouseholdService.Access.NotFound) return NotFound();
        if (access == HouseholdService.Access.Denied) return Forbid();
        foreach (var (field, message) in Member.Check()) ModelState.AddModelError($"Member.{field}", message);
        if (ModelState.IsValid)
        {
            var (_, error) = await HouseholdService.AddMemberAsync(Db, household!, Person, Member.Role, Member.Dependant, Member.Joined);
            if (error is null)
            {
                TempData["Message"] = $"{Person.DisplayName} fait maintenant partie du ménage « {household!.Name} ».";
                return Redirect($"/menages/{household.Id}");
            }
            ModelState.AddModelError("", error);
        }
        await FillAsync();
        return Page();
    }

    private async Task FillAsync()
    {
        var h = await Db.Set<HouseholdMember>().AsNoTracking().Where(m => m.PersonId == Person.Id && m.LeftOn == null)
            .Join(Db.Set<Household>(), m => m.HouseholdId, x => x.Id, (m, x) => new { x.Id, x.Name, m.JoinedOn }).FirstOrDefaultAsync();
        if (h is not null) CurrentHousehold = (h.Id, h.Name, h.JoinedOn);
        if (string.IsNullOrWhiteSpace(Q)) return;
        var people = await HouseholdSearch.PeopleAsync(Db, Actor, Q, 30);
        var ids = people.Select(p => p.Id).ToList();
        var memberships = await Db.Set<HouseholdMember>().AsNoTracking().Where(m => ids.Contains(m.PersonId) && m.LeftOn == null)
            .Select(m => m.HouseholdId).Distinct().Take(10).ToListAsync();
        var households = await Db.Set<Household>().AsNoTracking().Include(x => x.Members.Where(m => m.LeftOn == null))
            .Where(x => memberships.Contains(x.Id)).ToListAsync();
        var memberIds = households.SelectMany(x => x.Members).Select(m => m.PersonId).Distinct().ToList();
        var names = await Db.Set<Person>().AsNoTracking().Where(p => memberIds.Contains(p.Id))
            .Select(p => new { p.Id, p.LastName, p.UsageName, p.BirthName, p.FirstNames, p.Sex }).ToListAsync();
        var byId = names.ToDictionary(n => n.Id, n => new Person { LastName = n.LastName, UsageName = n.UsageName, BirthName = n.BirthName, FirstNames = n.FirstNames, Sex = n.Sex }.DisplayName);
        Results = households.Select(x => new Found(x.Id, x.Name, x.Members.Select(m => byId.GetValueOrDefault(m.PersonId, "?")).ToList())).ToList();
    }
}

/// <summary>Finding people for the household screens, among the files the user may open at the household part.</summary>
public static class HouseholdSearch
{
    public static async Task<List<Person>> PeopleAsync(AppDbContext db, Actor actor, string q, int take)
    {
        var words = Text.Fold(q).Split([' ', '-', '\'', '’'], StringSplitOptions.RemoveEmptyEntries).Take(5).ToList();
        if (words.Count == 0) return [];
        var query = PersonFiles.Openable(db, actor, FilePart.Household).AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised);
        if (int.TryParse(q.Trim(), out var number)) query = query.Where(p => p.FileNumber == number);
        else foreach (var w in words) { var word = " " + w; query = query.Where(p => p.SearchName.Contains(word)); }
        return await query.OrderBy(p => p.SearchName).Take(take).ToListAsync();
    }
}
