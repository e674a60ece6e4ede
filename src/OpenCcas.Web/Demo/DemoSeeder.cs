using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Synthetic;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.Platform;

namespace OpenCcas.Web.Demo;

/// <summary>
/// The demo organisation "CCAS de démonstration": 4 sites, 3 teams, one account per role plus a realistic staff,
/// all made by the deterministic synthetic generator. Created once, on an empty database, when Demo:Enabled.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, TenantContext tenant, AuditActor actor, UserAccounts accounts)
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

    public async Task<bool> EnsureAsync(int people)
    {
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync()) return false;
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
        await transaction.CommitAsync();
        return true;
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
