using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;

namespace OpenCcas.Web.Tests.People;

/// <summary>
/// In each organisation: a household of two people followed by team 1 at site 1 (the social worker's team), and one
/// person followed only by team 2 at site 2 (outside the social worker's reach).
/// </summary>
public sealed class PeopleSeed : IModuleSeed
{
    public int Order => 0;

    public static string InTeamLastName => "Martin";
    public static string OutsideLastName => "Hors-Équipe";

    public async Task SeedAsync(AppDbContext db, SeededOrganisation org)
    {
        var followed = NewPerson(org, 1, InTeamLastName, "Élodie", new DateOnly(1984, 3, 12), org.SiteIds[0], org.TeamIds[0]);
        var child = NewPerson(org, 2, InTeamLastName, "Lucas", new DateOnly(2015, 6, 1), org.SiteIds[0], org.TeamIds[0]);
        var outside = NewPerson(org, 3, OutsideLastName, "Jean", new DateOnly(1950, 1, 20), org.SiteIds[1], org.TeamIds[1]);
        db.AddRange(followed, child, outside);
        var household = new Household { OrganisationId = org.Id, Name = "Foyer MARTIN" };
        household.Members.Add(new HouseholdMember { OrganisationId = org.Id, PersonId = followed.Id, Role = HouseholdRole.ReferencePerson, JoinedOn = new DateOnly(2024, 1, 1) });
        household.Members.Add(new HouseholdMember { OrganisationId = org.Id, PersonId = child.Id, Role = HouseholdRole.Child, Dependant = true, JoinedOn = new DateOnly(2024, 1, 1) });
        db.Add(household);
        db.Add(new PersonIncome { OrganisationId = org.Id, PersonId = followed.Id, Kind = IncomeKind.Rsa, MonthlyAmount = 646.52m });
        db.Add(new PersonCharge { OrganisationId = org.Id, PersonId = followed.Id, Kind = ChargeKind.Rent, MonthlyAmount = 420m });
        db.Add(new PersonConsent { OrganisationId = org.Id, PersonId = followed.Id, Kind = ConsentKind.DataProcessing, GivenAt = DateTimeOffset.UtcNow });
        var document = new PersonDocument
        {
            OrganisationId = org.Id, PersonId = followed.Id, Title = "Avis d'imposition", FileName = "avis.pdf",
            ContentType = "application/pdf", Size = 8, Confidential = false,
        };
        db.Add(document);
        db.Add(new DocumentContent { Id = document.Id, OrganisationId = org.Id, Bytes = "%PDF-1.4"u8.ToArray() });
        await db.SaveChangesAsync();
    }

    private static Person NewPerson(SeededOrganisation org, int number, string lastName, string firstNames, DateOnly birth, Guid site, Guid team)
    {
        var person = new Person
        {
            // Ids in the order of the file numbers (several in one millisecond would be in random order): the tenancy
            // test takes each type's first record, and Élodie (n° 1) is the one with a document, an interview...
            Id = Guid.CreateVersion7(DateTimeOffset.UtcNow.AddMilliseconds(number - 10)),
            OrganisationId = org.Id, FileNumber = number, LastName = lastName, FirstNames = firstNames, BirthDate = birth,
            SiteId = site, Sex = Sex.Female,
        };
        person.SearchName = OpenCcas.Web.People.PersonNames.SearchKey(person);
        person.Teams.Add(new PersonTeam { OrganisationId = org.Id, TeamId = team });
        return person;
    }
}
