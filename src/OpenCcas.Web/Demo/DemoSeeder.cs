using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Synthetic;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.People;
using OpenCcas.Web.Platform;

namespace OpenCcas.Web.Demo;

/// <summary>
/// The demo organisation "CCAS de démonstration": 6 sites (4 access-to-rights points), 3 teams, one account per role
/// plus a realistic staff, and a year of activity, all made by the deterministic synthetic generator. Created once,
/// on an empty database, when Demo:Enabled, in one transaction.
/// Accounts, organisation, sites, teams and the people go through the application's audited SaveChanges (people
/// added to the DbContext with <c>SearchName = PersonNames.SearchKey(person)</c>, so whatever the People module keeps
/// up to date on a save of a person is kept). Everything else (partners, reception reasons, households, team
/// links, memberships, resources, consents and the year of activity: about 15,000 rows) is written by
/// <see cref="BulkInsert"/> in the same transaction and recorded by ONE audit line "Jeu de démonstration chargé
/// (N enregistrements : …)": the journal stays readable and the first start stays fast.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, TenantContext tenant, AuditActor actor, UserAccounts accounts, AuditLog audit, ILogger<DemoSeeder> log)
{
    public const string OrganisationName = "CCAS de démonstration";
    public const string Password = "Demo-OpenCCAS-2026";
    public const string Domain = "demo.openccas.fr";
    public const int Seed = 2026;

    public static readonly (Role Role, string Email)[] RoleAccounts =
    [
        (Role.Admin, "admin@" + Domain),
        (Role.Manager, "direction@" + Domain),
        (Role.SocialWorker, "social@" + Domain),
        (Role.Instructor, "instruction@" + Domain),
        (Role.Reception, "accueil@" + Domain),
        (Role.CommissionMember, "commission@" + Domain),
        (Role.Volunteer, "benevole@" + Domain),
        (Role.StatsReader, "statistiques@" + Domain),
    ];

    /// <summary>Activity rows (appointments + interviews + reception contacts) per person in the demo year.</summary>
    public const double ActivityPerPerson = 25;

    public async Task<bool> EnsureAsync(int people)
    {
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync()) return false;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var org = new Organisation
        {
            Name = OrganisationName,
            Kind = OrganisationKind.Ccas,
            Communes = string.Join('\n', SyntheticPopulation.DemoCommunes.Select(c => c.Commune)),
            Siret = "26210001600019",
            Address = "2 place de l'Hôtel de Ville, 21000 Villeneuve-sur-Ouche",
        };
        tenant.Set(org.Id);
        actor.Set(null, "Création de la démonstration");
        // One transaction for the whole demo: one commit (and one flush) instead of one per account.
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Organisations.Add(org);
        var sites = new[]
        {
            new Site { Name = "Point d'accès aux droits Centre", Kind = SiteKind.AccessToRightsPoint, Address = "2 place de l'Hôtel de Ville, 21000 Villeneuve-sur-Ouche", Phone = "03 80 00 10 00", OpeningHours = "Lundi au vendredi 8h30–12h et 13h30–17h" },
            new Site { Name = "Point d'accès aux droits Les Vignes", Kind = SiteKind.AccessToRightsPoint, Address = "14 rue des Vignes, 21121 Saint-Martin-des-Vignes", Phone = "03 80 00 20 00", OpeningHours = "Mardi et jeudi 9h–12h, sur rendez-vous l'après-midi" },
            new Site { Name = "Point d'accès aux droits Les Combes", Kind = SiteKind.AccessToRightsPoint, Address = "3 place des Combes, 21380 Fontaine-lès-Combes", Phone = "03 80 00 50 00", OpeningHours = "Lundi, mercredi et vendredi 9h–12h et 14h–17h" },
            new Site { Name = "Point d'accès aux droits Le Moulin", Kind = SiteKind.AccessToRightsPoint, Address = "21 rue du Moulin, 21000 Villeneuve-sur-Ouche", Phone = "03 80 00 60 00", OpeningHours = "Mardi au vendredi 8h30–12h et 13h30–17h" },
            new Site { Name = "Maison des seniors", Kind = SiteKind.SeniorsHouse, Address = "5 allée des Tilleuls, 21000 Villeneuve-sur-Ouche", Phone = "03 80 00 30 00", OpeningHours = "Lundi au vendredi 9h–17h" },
            new Site { Name = "Résidence autonomie Les Acacias", Kind = SiteKind.AutonomyResidence, Address = "8 rue des Acacias, 21380 Fontaine-lès-Combes", Phone = "03 80 00 40 00", OpeningHours = "Accueil 9h–12h et 14h–18h, astreinte la nuit" },
        };
        db.Sites.AddRange(sites);
        var teams = new[]
        {
            new Team { Name = "Service social généraliste", Description = "Accompagnement des personnes de moins de 62 ans" },
            new Team { Name = "Service gérontologique", Description = "Accompagnement des personnes de 62 ans et plus" },
            new Team { Name = "Accueil et domiciliation", Description = "Accueil du public, élection de domicile, courrier" },
        };
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();

        var population = new SyntheticPopulation(Seed, DateOnly.FromDateTime(DateTime.Today));
        foreach (var (role, email) in RoleAccounts)
        {
            var agent = population.Agent(Domain);
            var input = new UserInput
            {
                FirstName = agent.FirstName, LastName = agent.LastName, Email = email,
                Roles = [new RoleInput { Role = role }],
                TeamIds = role switch
                {
                    Role.SocialWorker => [teams[0].Id, teams[1].Id],
                    Role.Reception or Role.Instructor => [teams[2].Id],
                    _ => [],
                },
            };
            var (_, errors) = await accounts.CreateAsync(input, Password);
            if (errors.Any()) throw new InvalidOperationException(string.Join(" ", errors));
        }
        // The rest of the staff, spread over teams and sites, so that lists have realistic content.
        var staffRoles = new[] { Role.SocialWorker, Role.SocialWorker, Role.SocialWorker, Role.Instructor, Role.Reception, Role.Volunteer };
        for (var i = 0; i < Math.Max(12, people / 25); i++)
        {
            var agent = population.Agent(Domain);
            var role = staffRoles[i % staffRoles.Length];
            var input = new UserInput
            {
                FirstName = agent.FirstName, LastName = agent.LastName, Email = agent.Email.Replace("@", $"{i}@"),
                Roles = [new RoleInput { Role = role, SiteId = role == Role.Reception ? sites[i % 2].Id : null }],
                TeamIds = role == Role.SocialWorker ? [teams[i % 2].Id] : role == Role.Volunteer ? [] : [teams[2].Id],
            };
            await accounts.CreateAsync(input, null);
        }

        var accountsTime = watch.Elapsed;
        var accountsCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        await SeedYearAsync(org.Id, sites, teams, people, population);
        await transaction.CommitAsync();
        var totalCpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        log.LogInformation("Demo seeded in {Total} ms ({Cpu} ms of process CPU): organisation and accounts {Accounts} ms ({AccountsCpu} ms CPU), people and year of activity {Year} ms ({YearCpu} ms CPU)",
            (int)watch.ElapsedMilliseconds, (int)totalCpu.TotalMilliseconds, (int)accountsTime.TotalMilliseconds, (int)accountsCpu.TotalMilliseconds,
            (int)(watch.Elapsed - accountsTime).TotalMilliseconds, (int)(totalCpu - accountsCpu).TotalMilliseconds);
        return true;
    }

    /// <summary>People (audited, through EF), then partners, reasons, households and the year of activity in bulk with one audit line.</summary>
    private async Task SeedYearAsync(Guid orgId, Site[] sites, Team[] teams, int people, SyntheticPopulation population)
    {
        var userIds = await db.Users.Where(u => u.OrganisationId == orgId).Select(u => new { u.Id, u.Email }).ToListAsync();
        var roles = await db.RoleAssignments.Select(r => new { r.UserId, r.Role, r.SiteId }).ToListAsync();
        var memberships = await db.TeamMembers.Select(m => new { m.UserId, m.TeamId }).ToListAsync();
        var demoAccounts = RoleAccounts.Select(a => a.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var staff = userIds.SelectMany(u => roles.Where(r => r.UserId == u.Id).Select(r => new StaffMember(
            u.Id, r.Role, memberships.Where(m => m.UserId == u.Id).Select(m => m.TeamId).ToList(), r.SiteId,
            // The demo accounts carry more of the work, so that each of them opens pages with content.
            Weight: demoAccounts.Contains(u.Email ?? "") ? 4 : 1))).ToList();
        var organisation = new SyntheticOrganisation(orgId, sites, teams[0].Id, teams[1].Id, staff);
        var generator = new SyntheticActivity(Seed, DateTimeOffset.UtcNow, organisation);

        var partners = generator.Partners();
        var reasons = generator.ReceptionReasons();
        var refs = new List<PersonRef>(people + 8);
        var fileNumber = 1;
        var files = population.Households(people).Select(h => generator.File(h, ref fileNumber, refs)).ToList();
        var bulk = new BulkInsert(db);
        await bulk.AddRangeAsync(partners);
        await bulk.AddRangeAsync(reasons);
        await bulk.AddRangeAsync(files.Select(f => f.Household));
        await bulk.FlushAsync();

        // People through EF and the audited save, with their search key: what the People module maintains on a
        // save of a person is maintained here too.
        var peopleWatch = System.Diagnostics.Stopwatch.StartNew();
        var teamLinks = new List<PersonTeam>();
        foreach (var person in files.SelectMany(f => f.People))
        {
            person.SearchName = PersonNames.SearchKey(person);
            teamLinks.AddRange(person.Teams);
            person.Teams = [];
            db.Add(person);
        }
        await db.SaveChangesAsync(); // audited: one "created" line per person
        db.ChangeTracker.Clear();
        log.LogInformation("Demo people saved through the audited SaveChanges in {Ms} ms", (int)peopleWatch.ElapsedMilliseconds);

        await bulk.AddRangeAsync(teamLinks);
        await bulk.AddRangeAsync(files.SelectMany(f => f.Members));
        await bulk.AddRangeAsync(files.SelectMany(f => f.Incomes));
        await bulk.AddRangeAsync(files.SelectMany(f => f.Charges));
        await bulk.AddRangeAsync(files.SelectMany(f => f.Consents));
        await bulk.FlushAsync();

        var volumes = ActivityVolumes.For(people, ActivityPerPerson);
        await bulk.AddRangeAsync(generator.Activity(refs, partners.Select(p => p.Id).ToList(), reasons.Select(r => r.Id).ToList(), volumes));
        await bulk.FlushAsync();
        await bulk.DisposeCommandsAsync();
        await audit.RecordAsync(AuditAction.Create, "Organisation", orgId.ToString(),
            $"Jeu de démonstration chargé ({bulk.Total} enregistrements : {string.Join(", ", bulk.Written.Select(w => $"{w.Key} {w.Value}"))})");
    }

    public static void PrintSignIn(TextWriter output, string url)
    {
        output.WriteLine();
        output.WriteLine($"OpenCCAS : démonstration prête sur {url}");
        output.WriteLine($"Mot de passe de tous les comptes de démonstration : {Password}");
        foreach (var (role, email) in RoleAccounts) output.WriteLine($"  {RoleLabels.Label(role),-36} {email}");
        output.WriteLine();
    }
}
