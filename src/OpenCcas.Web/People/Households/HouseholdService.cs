using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People.Files;

namespace OpenCcas.Web.People.Households;

public sealed record MemberView(Guid MemberId, Guid PersonId, string Name, int FileNumber, HouseholdRole Role, bool Dependant,
    int? Age, DateOnly JoinedOn, DateOnly? LeftOn, bool CanOpen);

/// <summary>A household as its page and API show it: members now and before, and its monthly budget.</summary>
public sealed record HouseholdView(Guid Id, string Name, int Version, IReadOnlyList<MemberView> Current, IReadOnlyList<MemberView> Former,
    bool ShowsResources, decimal Resources, decimal Charges, decimal ConsumptionUnits)
{
    public int Persons => Current.Count;
    /// <summary>"Reste à vivre" per consumption unit: (resources − charges) / UC.</summary>
    public decimal? DisposablePerUnit => ConsumptionUnits > 0 ? decimal.Round((Resources - Charges) / ConsumptionUnits, 2) : null;
    public decimal? ResourcesPerUnit => ConsumptionUnits > 0 ? decimal.Round(Resources / ConsumptionUnits, 2) : null;
}

/// <summary>The household's rules and writes, shared by its pages and its API.</summary>
public static class HouseholdService
{
    public enum Access { Allowed, NotFound, Denied }

    /// <summary>
    /// A household is part of the household part of its members' files: the actor may see it when they may open that
    /// part of at least one member's file (current or former).
    /// </summary>
    public static async Task<(Access Access, Household? Household)> OpenAsync(AppDbContext db, Actor actor, Guid id, bool tracked = false, CancellationToken ct = default)
    {
        var query = db.Set<Household>().Include(h => h.Members).Where(h => h.Id == id);
        var household = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
        if (household is null) return (Access.NotFound, null);
        var personIds = household.Members.Select(m => m.PersonId).Distinct().ToList();
        var reachable = await PersonFiles.Openable(db, actor, FilePart.Household).AnyAsync(p => personIds.Contains(p.Id), ct);
        return reachable ? (Access.Allowed, household) : (Access.Denied, null);
    }

    public static async Task<HouseholdView> ViewAsync(AppDbContext db, Actor actor, Household household, CancellationToken ct = default)
    {
        var personIds = household.Members.Select(m => m.PersonId).Distinct().ToList();
        var people = await db.Set<Person>().AsNoTracking().Include(p => p.Teams).Where(p => personIds.Contains(p.Id)).ToListAsync(ct);
        var byId = people.ToDictionary(p => p.Id);
        var today = FrenchInput.Today;
        MemberView View(HouseholdMember m)
        {
            var p = byId[m.PersonId];
            return new MemberView(m.Id, p.Id, p.DisplayName, p.FileNumber, m.Role, m.Dependant, p.AgeOn(today), m.JoinedOn, m.LeftOn,
                AccessRules.CanOpen(actor, AccessRules.ScopeOf(p), FilePart.Identity));
        }
        var current = household.Members.Where(m => m.LeftOn is null)
            .OrderBy(m => m.Role).ThenByDescending(m => byId[m.PersonId].AgeOn(today) ?? int.MaxValue).Select(View).ToList();
        var former = household.Members.Where(m => m.LeftOn is not null).OrderByDescending(m => m.LeftOn).Select(View).ToList();
        var currentIds = current.Select(m => m.PersonId).ToList();
        // The budget is part of the resources part: shown to those who may open it for at least one current member.
        var showsResources = current.Any(m => AccessRules.CanOpen(actor, AccessRules.ScopeOf(byId[m.PersonId]), FilePart.Resources));
        decimal resources = 0, charges = 0;
        if (showsResources && currentIds.Count > 0)
        {
            // Summed in memory: SQLite cannot sum decimals, and a household has a handful of rows.
            resources = (await db.Set<PersonIncome>().AsNoTracking().Where(i => currentIds.Contains(i.PersonId)).Select(i => i.MonthlyAmount).ToListAsync(ct)).Sum();
            charges = (await db.Set<PersonCharge>().AsNoTracking().Where(c => currentIds.Contains(c.PersonId)).Select(c => c.MonthlyAmount).ToListAsync(ct)).Sum();
        }
        var units = ConsumptionUnits.Oecd(current.Select(m => m.Age));
        return new HouseholdView(household.Id, household.Name, household.Version, current, former, showsResources, resources, charges, units);
    }

    /// <summary>The French message when the person already belongs to a household now, null otherwise.</summary>
    public static async Task<string?> AlreadyInAHouseholdAsync(AppDbContext db, Guid personId, CancellationToken ct = default)
    {
        var current = await db.Set<HouseholdMember>().AsNoTracking().Where(m => m.PersonId == personId && m.LeftOn == null)
            .Join(db.Set<Household>(), m => m.HouseholdId, h => h.Id, (m, h) => new { h.Name, m.JoinedOn }).FirstOrDefaultAsync(ct);
        return current is null ? null
            : $"Cette personne fait déjà partie du ménage « {current.Name} » depuis le {PeopleLabels.Date(current.JoinedOn)} : indiquez d'abord sa date de départ de ce ménage.";
    }

    /// <summary>Creates a household with the person as its reference person. Error: a French message, nothing saved.</summary>
    public static async Task<(Household? Household, string? Error)> CreateAsync(AppDbContext db, Person person, string name, DateOnly joined, CancellationToken ct = default)
    {
        if (await AlreadyInAHouseholdAsync(db, person.Id, ct) is { } error) return (null, error);
        var household = new Household { Name = name.Trim() };
        household.Members.Add(new HouseholdMember { PersonId = person.Id, Role = HouseholdRole.ReferencePerson, JoinedOn = joined });
        db.Add(household);
        PersonFileService.Touch(person);
        return await SaveAsync(db, person.Id, ct) is { } failed ? (null, failed) : (household, null);
    }

    /// <summary>Adds a member. Error: a French message (already in a household...), nothing saved.</summary>
    public static async Task<(HouseholdMember? Member, string? Error)> AddMemberAsync(AppDbContext db, Household household, Person person,
        HouseholdRole role, bool dependant, DateOnly joined, CancellationToken ct = default)
    {
        if (await AlreadyInAHouseholdAsync(db, person.Id, ct) is { } error) return (null, error);
        var former = await db.Set<HouseholdMember>().AsNoTracking()
            .Where(m => m.PersonId == person.Id && m.LeftOn != null && m.LeftOn > joined).AnyAsync(ct);
        if (former) return (null, "La date d'arrivée précède la date de départ de son ménage précédent.");
        var member = new HouseholdMember { HouseholdId = household.Id, PersonId = person.Id, Role = role, Dependant = dependant, JoinedOn = joined };
        db.Add(member);
        PersonFileService.Touch(person);
        return await SaveAsync(db, person.Id, ct) is { } failed ? (null, failed) : (member, null);
    }

    public static string? CheckLeave(HouseholdMember member, string? leftOn, out DateOnly day)
    {
        day = default;
        if (member.LeftOn is not null) return "Cette personne a déjà quitté le ménage.";
        if (string.IsNullOrWhiteSpace(leftOn)) return "Indiquez la date de départ.";
        if (FrenchInput.CheckPastDate(leftOn, "La date de départ", out var d) is { } e) return e;
        if (d!.Value < member.JoinedOn) return $"La date de départ ne peut pas précéder la date d'arrivée ({PeopleLabels.Date(member.JoinedOn)}).";
        day = d.Value;
        return null;
    }

    /// <summary>Saves; the filtered unique index says "one household at a time" even when two agents add the same person at once.</summary>
    private static async Task<string?> SaveAsync(AppDbContext db, Guid personId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            foreach (var entry in ex.Entries) entry.State = EntityState.Detached;
            db.ChangeTracker.Clear();
            return await AlreadyInAHouseholdAsync(db, personId, ct)
                ?? "L'enregistrement a échoué : cette personne fait peut-être déjà partie d'un autre ménage. Rechargez la page.";
        }
    }
}
