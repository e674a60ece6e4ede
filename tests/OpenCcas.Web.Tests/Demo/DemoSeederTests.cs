using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.People;
using OpenCcas.Web.Tests.Infrastructure;

namespace OpenCcas.Web.Tests.Demo;

/// <summary>The application started with Demo:Enabled on an empty database of its own (no test organisations).</summary>
public sealed class DemoFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string? sqliteFile;
    private readonly string? pgAdmin;
    private readonly string? pgDatabase;
    private readonly DatabaseProvider provider;
    private readonly string connectionString;

    public DemoFixture()
    {
        provider = string.Equals(Environment.GetEnvironmentVariable("OPENCCAS_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        if (provider == DatabaseProvider.Postgres)
        {
            pgAdmin = Environment.GetEnvironmentVariable("OPENCCAS_TEST_PG") ?? throw new InvalidOperationException("OPENCCAS_TEST_PG is required with OPENCCAS_TEST_DB=Postgres.");
            pgDatabase = "openccas_test_" + Guid.NewGuid().ToString("N");
            connectionString = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgDatabase }.ToString();
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"openccas-demo-test-{Guid.NewGuid():N}.db");
            connectionString = new SqliteConnectionStringBuilder { DataSource = sqliteFile }.ToString();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:OpenCcas"] = connectionString,
            ["Demo:Enabled"] = "true",
            ["Demo:People"] = "400",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(services => AppFixture.ReplaceDatabase(services, settings));
    }

    public async ValueTask InitializeAsync()
    {
        if (pgAdmin is not null) await AppFixture.PostgresDatabaseAsync(pgAdmin, $"CREATE DATABASE \"{pgDatabase}\"");
        _ = Server; // start-up migrates and starts seeding the demo in the background
        await Services.GetRequiredService<DemoPreparation>().Ready;
    }

    public IServiceScope DemoScope(out AppDbContext db)
    {
        var scope = Services.CreateScope();
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = db.Organisations.IgnoreQueryFilters().Single(o => o.Name == DemoSeeder.OrganisationName);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org.Id);
        return scope;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
                try { File.Delete(f); } catch (IOException) { }
        }
        if (pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await AppFixture.PostgresDatabaseAsync(pgAdmin, $"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)");
        }
    }
}

public sealed class DemoSeederTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static async Task<Dictionary<string, int>> CountsAsync(AppDbContext db) => new()
    {
        ["Person"] = await db.Set<Person>().CountAsync(),
        ["Household"] = await db.Set<Household>().CountAsync(),
        ["HouseholdMember"] = await db.Set<HouseholdMember>().CountAsync(),
        ["PersonIncome"] = await db.Set<PersonIncome>().CountAsync(),
        ["PersonCharge"] = await db.Set<PersonCharge>().CountAsync(),
        ["PersonConsent"] = await db.Set<PersonConsent>().CountAsync(),
        ["Appointment"] = await db.Set<Appointment>().CountAsync(),
        ["Interview"] = await db.Set<Interview>().CountAsync(),
        ["ReceptionVisit"] = await db.Set<ReceptionVisit>().CountAsync(),
        ["ReceptionReason"] = await db.Set<ReceptionReason>().CountAsync(),
        ["Note"] = await db.Set<Note>().CountAsync(),
        ["FollowUpAction"] = await db.Set<FollowUpAction>().CountAsync(),
        ["Referral"] = await db.Set<Referral>().CountAsync(),
        ["Partner"] = await db.Set<Partner>().CountAsync(),
        ["ActionPlan"] = await db.Set<ActionPlan>().CountAsync(),
        ["CollectiveSession"] = await db.Set<CollectiveSession>().CountAsync(),
        ["CollectiveParticipant"] = await db.Set<CollectiveParticipant>().CountAsync(),
        ["OnlineProcedure"] = await db.Set<OnlineProcedure>().CountAsync(),
        ["Site"] = await db.Sites.CountAsync(),
        ["User"] = await db.Users.CountAsync(),
        ["Organisation"] = await db.Organisations.IgnoreQueryFilters().CountAsync(),
        ["AuditEntry"] = await db.AuditEntries.IgnoreQueryFilters().CountAsync(),
    };

    [Fact]
    public async Task The_demo_holds_a_year_of_activity_of_every_kind()
    {
        using var scope = demo.DemoScope(out var db);
        var counts = await CountsAsync(db);
        counts["Person"].ShouldBeInRange(400, 410);
        counts["Appointment"].ShouldBeInRange(3000, 3300);
        counts["Interview"].ShouldBe(2000);
        counts["ReceptionVisit"].ShouldBe(5000);
        counts["OnlineProcedure"].ShouldBe(500);
        counts["CollectiveSession"].ShouldBe(40);
        counts["Partner"].ShouldBeInRange(18, 25);
        counts["ReceptionReason"].ShouldBeGreaterThan(8);
        foreach (var kind in new[] { "Household", "HouseholdMember", "PersonIncome", "PersonCharge", "PersonConsent", "Note", "FollowUpAction", "Referral", "ActionPlan", "CollectiveParticipant" })
            counts[kind].ShouldBeGreaterThan(0, kind);
        (await db.Sites.CountAsync(s => s.Kind == SiteKind.AccessToRightsPoint)).ShouldBe(4);

        // Over the 12 months before today, with appointments to come in the next two weeks.
        var now = DateTimeOffset.UtcNow;
        var starts = await db.Set<Appointment>().Select(a => a.Start).ToListAsync();
        starts.Min().ShouldBeGreaterThan(now.AddDays(-370));
        starts.Count(s => s < now.AddDays(-300)).ShouldBeGreaterThan(100);
        starts.Count(s => s > now && s < now.AddDays(15)).ShouldBeGreaterThan(50);
        (await db.Set<ReceptionVisit>().Select(v => v.At).ToListAsync()).ShouldAllBe(at => at < now && at > now.AddDays(-370));

        // Rows written in bulk read back through EF like the others (GUIDs, enums, dates, amounts): joins hold.
        (await db.Set<Interview>().Join(db.Set<Person>(), i => i.PersonId, p => p.Id, (i, p) => i.Id).CountAsync()).ShouldBe(2000);
        (await db.Set<PersonIncome>().CountAsync(i => i.Kind == IncomeKind.Rsa && i.MonthlyAmount == 646.52m)).ShouldBeGreaterThan(0);
        var phone = await db.Set<Appointment>().CountAsync(a => a.Mode == AppointmentMode.Phone);
        ((double)phone / counts["Appointment"]).ShouldBe(0.23, tolerance: 0.03);

        // People are saved through EF with their search key; one audit line tells the bulk history.
        (await db.Set<Person>().Select(p => new { p.LastName, p.FirstNames, p.UsageName, p.BirthName, p.SearchName }).ToListAsync())
            .ShouldAllBe(p => p.SearchName == PersonNames.SearchKey(new Person { LastName = p.LastName, FirstNames = p.FirstNames, UsageName = p.UsageName, BirthName = p.BirthName }));
        var bulkLine = await db.AuditEntries.SingleAsync(e => e.Details!.StartsWith("Jeu de démonstration chargé"));
        bulkLine.Action.ShouldBe(AuditAction.Create);
        (await db.AuditEntries.CountAsync(e => e.EntityType == "Appointment" || e.EntityType == "Interview" || e.EntityType == "ReceptionVisit")).ShouldBe(0);
        (await OpenCcas.Web.Infrastructure.Audit.AuditVerifier.VerifyAsync(db)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Each_demo_role_has_something_to_see()
    {
        using var scope = demo.DemoScope(out var db);
        var social = await db.Users.SingleAsync(u => u.Email == "social@" + DemoSeeder.Domain);
        var reception = await db.Users.SingleAsync(u => u.Email == "accueil@" + DemoSeeder.Domain);
        var teams = await db.TeamMembers.Where(m => m.UserId == social.Id).Select(m => m.TeamId).ToListAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var now = DateTimeOffset.UtcNow;
        (await db.Set<PersonTeam>().CountAsync(t => teams.Contains(t.TeamId))).ShouldBeGreaterThan(100);
        (await db.Set<Person>().CountAsync(p => p.ReferentId == social.Id)).ShouldBeGreaterThan(10);
        (await db.Set<Appointment>().CountAsync(a => a.AgentId == social.Id && a.Start > now && a.Start < now.AddDays(15))).ShouldBeGreaterThan(3);
        (await db.Set<Appointment>().CountAsync(a => a.AgentId == reception.Id && a.Start > now && a.Start < now.AddDays(15))).ShouldBeGreaterThan(0);
        (await db.Set<FollowUpAction>().CountAsync(a => a.AssigneeId == social.Id && a.Status == ActionStatus.ToDo && a.DueOn < today)).ShouldBeGreaterThan(0);
        (await db.Set<FollowUpAction>().CountAsync(a => a.AssigneeId == social.Id && a.DueOn >= today)).ShouldBeGreaterThan(0);
        foreach (var c in Enum.GetValues<NoteConfidentiality>())
            (await db.Set<Note>().CountAsync(n => n.AuthorId == social.Id && n.Confidentiality == c)).ShouldBeGreaterThan(0, c.ToString());
        (await db.Set<ReceptionVisit>().CountAsync(v => v.AgentId == reception.Id)).ShouldBeGreaterThan(100);
        (await db.Set<OnlineProcedure>().CountAsync(v => v.AgentId == reception.Id)).ShouldBeGreaterThan(10);
        (await db.Set<Person>().CountAsync(p => p.GirLevel != null)).ShouldBeGreaterThan(5);
        (await db.Set<Person>().CountAsync(p => p.Protection != ProtectionMeasure.None)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Every_agent_of_the_demo_meets_only_people_whose_file_they_may_open_and_is_never_booked_twice()
    {
        // Signed in as any demo account, what it holds in its agenda, its interviews and its desk log opens: the demo
        // shows no appointment that ends on "accès refusé". Actors as the application builds them (roles, limits, teams).
        using var scope = demo.DemoScope(out var db);
        var org = (await db.Organisations.SingleAsync()).Id;
        var grants = await db.RoleAssignments.Select(r => new { r.UserId, Grant = new RoleGrant(r.Role, r.SiteId, r.TeamId) }).ToListAsync();
        var teams = await db.TeamMembers.Select(m => new { m.UserId, m.TeamId }).ToListAsync();
        var actors = grants.GroupBy(g => g.UserId).ToDictionary(g => g.Key,
            g => new Actor(g.Key, org, g.Select(x => x.Grant), teams.Where(t => t.UserId == g.Key).Select(t => t.TeamId)));
        var scopes = (await db.Set<Person>().AsNoTracking().Include(p => p.Teams).ToListAsync()).ToDictionary(p => p.Id, AccessRules.ScopeOf);
        bool Opens(Guid agent, Guid person, FilePart part) => actors.TryGetValue(agent, out var a) && AccessRules.CanOpen(a, scopes[person], part);

        var appointments = await db.Set<Appointment>().Where(a => a.PersonId != null).Select(a => new { a.AgentId, Person = a.PersonId!.Value }).ToListAsync();
        appointments.Where(a => !Opens(a.AgentId, a.Person, FilePart.Identity)).ShouldBeEmpty();
        var interviews = await db.Set<Interview>().Select(i => new { i.AgentId, i.PersonId }).ToListAsync();
        interviews.Where(i => !Opens(i.AgentId, i.PersonId, FilePart.Social)).ShouldBeEmpty();
        var notes = await db.Set<Note>().Select(n => new { n.AuthorId, n.PersonId }).ToListAsync();
        notes.Where(n => !Opens(n.AuthorId, n.PersonId, FilePart.Social)).ShouldBeEmpty();
        var contacts = await db.Set<ReceptionVisit>().Where(v => v.PersonId != null && v.AgentId != null)
            .Select(v => new { Agent = v.AgentId!.Value, Person = v.PersonId!.Value }).ToListAsync();
        contacts.Where(v => !Opens(v.Agent, v.Person, FilePart.Identity)).ShouldBeEmpty();

        // Nor two appointments of one agent at the same time (the application refuses a double booking).
        var slots = await db.Set<Appointment>().Where(a => a.Status != AppointmentStatus.Cancelled).Select(a => new { a.AgentId, a.Start, a.End }).ToListAsync();
        slots.GroupBy(a => a.AgentId).SelectMany(g => g.OrderBy(a => a.Start).Zip(g.OrderBy(a => a.Start).Skip(1)))
            .Where(p => p.Second.Start < p.First.End).ShouldBeEmpty();

        // The demo social worker's coming appointments are with her files, and there are some.
        var social = await db.Users.SingleAsync(u => u.Email == "social@" + DemoSeeder.Domain);
        var now = DateTimeOffset.UtcNow;
        var hers = await db.Set<Appointment>().Where(a => a.AgentId == social.Id && a.Start > now && a.PersonId != null).Select(a => a.PersonId!.Value).ToListAsync();
        hers.Count.ShouldBeGreaterThan(3);
        hers.ShouldAllBe(p => AccessRules.CanOpen(actors[social.Id], scopes[p], FilePart.Social));
    }

    [Fact]
    public async Task Ensuring_the_demo_again_adds_nothing()
    {
        Dictionary<string, int> before;
        using (var scope = demo.DemoScope(out var db)) before = await CountsAsync(db);
        using (var scope = demo.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureAsync(400)).ShouldBeFalse();
        }
        using (var scope = demo.DemoScope(out var db)) (await CountsAsync(db)).ShouldBe(before);
    }

    [Fact]
    public async Task While_the_demo_is_being_made_the_sign_in_page_says_so_and_refuses_attempts_without_writing()
    {
        // The first start serves pages while the demo is written in the background: its accounts do not exist until the
        // commit, so an attempt is answered "not ready yet" rather than "wrong password", and nothing is recorded.
        var preparation = demo.Services.GetRequiredService<DemoPreparation>();
        var seeding = new TaskCompletionSource();
        preparation.Track(seeding.Task);
        var email = DemoSeeder.RoleAccounts[0].Email;
        int AuditLines()
        {
            using var scope = demo.DemoScope(out var db);
            return db.AuditEntries.Count();
        }
        var before = AuditLines();
        try
        {
            var client = demo.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/connexion", TestContext.Current.CancellationToken));
            page.QuerySelector("#demo-en-preparation[role=status]")!.TextContent.ShouldContain("en cours de création");

            var refused = await AppFixture.SignInAsync(client, email, DemoSeeder.Password);
            refused.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            var answer = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            answer.QuerySelector("#erreur-connexion")!.TextContent.ShouldBe(OpenCcas.Web.Account.Public.LoginModel.DemoNotReady);
            AuditLines().ShouldBe(before);

            seeding.SetResult();
            (await client.GetStringAsync("/connexion", TestContext.Current.CancellationToken)).ShouldNotContain("demo-en-preparation");
            (await AppFixture.SignInAsync(client, email, DemoSeeder.Password)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        }
        finally
        {
            seeding.TrySetResult();
        }
    }
}
