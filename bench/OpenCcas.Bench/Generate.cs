using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Synthetic;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Bench;

/// <summary>
/// Creates a large database: organisations with sites, teams, agents, role assignments and team memberships,
/// plus an audit history. Every row goes through the application's audited SaveChanges (tenancy check, JSON diff,
/// per-organisation hash chain), in batches; users are inserted directly (one password hash computed once and
/// shared) because UserManager hashes each password with PBKDF2 and saves one user per call.
/// Then, per organisation, people in households and a year of activity in bulk (<see cref="GeneratePeople"/>).
/// </summary>
internal static class Generate
{
    private const int Batch = 250;

    private static readonly SiteKind[] SiteKinds =
    [
        SiteKind.HeadOffice, SiteKind.AccessToRightsPoint, SiteKind.AccessToRightsPoint, SiteKind.SeniorsHouse,
        SiteKind.AutonomyResidence, SiteKind.DayCentre, SiteKind.SocialResidence, SiteKind.NightShelter, SiteKind.Chrs,
    ];

    private static readonly (string Name, string Description)[] TeamNames =
    [
        ("Service social généraliste", "Accompagnement des personnes de moins de 62 ans"),
        ("Service gérontologique", "Accompagnement des personnes de 62 ans et plus"),
        ("Accueil et domiciliation", "Accueil du public, élection de domicile, courrier"),
        ("Aides facultatives", "Instruction des demandes d'aide et commission"),
        ("Aide sociale légale", "Dossiers transmis au Département"),
        ("Maintien à domicile", "Portage de repas, téléassistance, aide à domicile"),
    ];

    private static readonly Role[] StaffRoles =
        [Role.SocialWorker, Role.SocialWorker, Role.SocialWorker, Role.Instructor, Role.Reception, Role.Volunteer, Role.Manager, Role.StatsReader];

    public static async Task<int> RunAsync(Options o)
    {
        var db = new Db(o);
        var organisations = o.Int("organisations", 8, 1, 1000);
        var people = o.Int("people", 10_000, 0, 10_000_000);
        var history = o.Int("history", 10, 0, 1000);
        var seed = o.Int("seed", 2026, 0, int.MaxValue);
        var perPerson = o.Int("activity-per-person", 10, 0, 100);
        // Staffing follows the demo seeder: one agent per 25 people followed, at least 12, capped for sanity.
        var agentsPerOrg = Math.Clamp(people / 25, 12, 5000);

        var migrate = Stopwatch.StartNew();
        await db.MigrateAsync();
        Console.WriteLine($"generate: schema migrated in {migrate.Elapsed.TotalSeconds:F1} s");
        var total = Stopwatch.StartNew();
        Console.WriteLine($"generate: provider={db.Provider} organisations={organisations} people/org={people} activity/person={perPerson} " +
                          $"agents/org={agentsPerOrg} history={history} seed={seed}");

        var passwordHash = new PasswordHasher<AppUser>().HashPassword(null!, DemoSeeder.Password);
        var random = new Random(seed);
        var population = new SyntheticPopulation(seed, new DateOnly(2026, 11, 23));
        long rows = 0, auditBefore = await CountAuditAsync(db), saves = 0;
        var orgIds = new List<Guid>();

        for (var n = 0; n < organisations; n++)
        {
            var orgWatch = Stopwatch.StartNew();
            var org = new Organisation
            {
                Name = $"CCAS de Banc-d'Essai {seed}-{n + 1:000}",
                Kind = n % 5 == 4 ? OrganisationKind.Cias : OrganisationKind.Ccas,
                Communes = string.Join('\n', SyntheticPopulation.DemoCommunes.Select(c => c.Commune)),
                Address = $"{random.Next(1, 60)} place de la Mairie, 21000 Banc-d'Essai",
            };
            orgIds.Add(org.Id);
            var domain = $"bench{seed}-{n + 1:000}.openccas.fr";
            var sites = new List<Site>();
            var teams = new List<Team>();
            await using (var ctx = db.Context(org.Id, "Génération du banc d'essai"))
            {
                ctx.Organisations.Add(org);
                var siteCount = random.Next(3, 10);
                for (var s = 0; s < siteCount; s++)
                {
                    var kind = SiteKinds[s % SiteKinds.Length];
                    sites.Add(new Site
                    {
                        OrganisationId = org.Id, Name = $"{Site.Label(kind)} n° {s + 1}", Kind = kind,
                        Address = $"{random.Next(1, 180)} rue de la République, 21000 Banc-d'Essai",
                        Phone = $"03 80 {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)}",
                        OpeningHours = "Lundi au vendredi 8h30–12h et 13h30–17h",
                    });
                }
                var teamCount = random.Next(3, TeamNames.Length + 1);
                for (var t = 0; t < teamCount; t++)
                    teams.Add(new Team { OrganisationId = org.Id, Name = TeamNames[t].Name, Description = TeamNames[t].Description });
                ctx.Sites.AddRange(sites);
                ctx.Teams.AddRange(teams);
                rows += 1 + sites.Count + teams.Count;
                await ctx.SaveChangesAsync();
                saves++;
            }

            // Agents, their roles and teams, in audited batches.
            var users = new List<AppUser>(agentsPerOrg);
            var staff = new List<StaffMember>(agentsPerOrg);
            for (var start = 0; start < agentsPerOrg; start += Batch)
            {
                await using var ctx = db.Context(org.Id, "Génération du banc d'essai");
                for (var i = start; i < Math.Min(agentsPerOrg, start + Batch); i++)
                {
                    var agent = population.Agent(domain);
                    var email = agent.Email.Replace("@", $".{i + 1}@");
                    var role = i == 0 ? Role.Admin : StaffRoles[i % StaffRoles.Length];
                    var user = new AppUser
                    {
                        Id = Guid.CreateVersion7(), OrganisationId = org.Id, FirstName = agent.FirstName, LastName = agent.LastName,
                        Email = email, NormalizedEmail = email.ToUpperInvariant(), UserName = email, NormalizedUserName = email.ToUpperInvariant(),
                        EmailConfirmed = true, LockoutEnabled = true, PasswordHash = passwordHash,
                        SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(),
                    };
                    users.Add(user);
                    ctx.Users.Add(user);
                    ctx.RoleAssignments.Add(new RoleAssignment
                    {
                        OrganisationId = org.Id, UserId = user.Id, Role = role,
                        SiteId = role == Role.Reception ? sites[i % sites.Count].Id : null,
                    });
                    rows += 2;
                    var team = role == Role.SocialWorker ? teams[i % 2].Id : teams[i % teams.Count].Id;
                    if (role is Role.SocialWorker or Role.Instructor or Role.Reception or Role.Manager)
                    {
                        ctx.TeamMembers.Add(new TeamMember { OrganisationId = org.Id, UserId = user.Id, TeamId = team });
                        rows++;
                    }
                    staff.Add(new StaffMember(user.Id, role, role is Role.SocialWorker or Role.Instructor or Role.Reception or Role.Manager ? [team] : [],
                        role == Role.Reception ? sites[i % sites.Count].Id : null));
                }
                await ctx.SaveChangesAsync();
                saves++;
            }

            // Audit history: rounds of audited updates (sign-in times, as the sign-in page writes them; site details).
            var at = new DateTimeOffset(2026, 1, 5, 7, 30, 0, TimeSpan.Zero);
            for (var round = 0; round < history; round++)
            {
                for (var start = 0; start < users.Count; start += Batch * 2)
                {
                    await using var ctx = db.Context(org.Id, "Génération du banc d'essai");
                    foreach (var user in users.Skip(start).Take(Batch * 2))
                    {
                        ctx.Users.Attach(user);
                        user.LastSignInAt = at.AddDays(round).AddMinutes(random.Next(0, 600));
                    }
                    if (start == 0)
                    {
                        var site = sites[round % sites.Count];
                        ctx.Sites.Attach(site);
                        site.OpeningHours = $"Lundi au vendredi 8h30–12h et 13h30–{16 + round % 3}h";
                    }
                    await ctx.SaveChangesAsync();
                    saves++;
                }
            }
            Console.WriteLine($"  organisation {n + 1}/{organisations}: {sites.Count} sites, {teams.Count} teams, {users.Count} agents, " +
                              $"{history} history rounds in {orgWatch.Elapsed.TotalSeconds:F1} s");
            if (people > 0)
                rows += await GeneratePeople.RunAsync(db, org.Id, sites, teams, staff, people, perPerson, seed + n, n == 0 ? o.Get("token-file") : null);
        }

        var auditAfter = await CountAuditAsync(db);
        var elapsed = total.Elapsed.TotalSeconds;
        Console.WriteLine($"generate: {rows} rows created, {auditAfter - auditBefore} audit entries written by {saves} audited saves " +
                          $"in {elapsed:F1} s ({(auditAfter - auditBefore) / elapsed:F0} audit entries/s)");

        var verifyWatch = Stopwatch.StartNew();
        var broken = 0;
        foreach (var id in orgIds)
        {
            var report = await db.VerifyAsync(id);
            if (!report.Intact) { broken++; Console.WriteLine($"  chain of {id}: {report.Message}"); }
        }
        await GeneratePeople.AnalyzeAsync(db);
        Console.WriteLine($"generate: audit chains verified for {orgIds.Count} organisations in {verifyWatch.Elapsed.TotalSeconds:F1} s: " +
                          (broken == 0 ? "all intact" : $"{broken} BROKEN"));
        Console.WriteLine($"generate: every account's password is the demo password; first account of each organisation is its admin.");
        return broken == 0 ? 0 : 1;
    }

    private static async Task<long> CountAuditAsync(Db db)
    {
        await using var ctx = db.Context(null);
        return await ctx.AuditEntries.IgnoreQueryFilters().LongCountAsync();
    }
}
