using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using MiniExcelLibs;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.FollowUp.Statistics;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Tests.Statistics;

/// <summary>
/// Activity of 2017 inserted directly in organisation A (other modules' seeds use recent dates), then each figure
/// recounted by hand from these rows: the page, the exports and the API must give exactly these.
/// </summary>
public sealed class StatisticsTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private const string Year = "from=2017-01-01&to=2017-12-31";
    private Guid site1, site2, team1, team2;

    public async ValueTask InitializeAsync()
    {
        (site1, site2, team1, team2) = (app.A.SiteIds[0], app.A.SiteIds[1], app.A.TeamIds[0], app.A.TeamIds[1]);
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (await db.Set<Person>().AnyAsync(p => p.FileNumber == 9001)) return;
        var org = app.A.Id;
        var agent = app.A.UserIds[Role.SocialWorker];
        var created = At(2017, 1, 5);
        Person New(int n, string name, DateOnly? birth, FamilySituation family, Guid site) => new()
        {
            OrganisationId = org, FileNumber = n, LastName = name, FirstNames = "Stat", BirthDate = birth, Family = family,
            SiteId = site, CreatedAt = created, Sex = n % 2 == 0 ? Sex.Male : Sex.Female,
        };
        var p1 = New(9001, "Senior", new DateOnly(1947, 5, 10), FamilySituation.Widowed, site1);
        var p2 = New(9002, "Jeune", new DateOnly(1990, 1, 1), FamilySituation.Single, site1);
        var p3 = New(9003, "Bascule", new DateOnly(1955, 6, 15), FamilySituation.Single, site1);
        var p4 = New(9004, "Inconnu", null, FamilySituation.Unknown, site2);
        var p5 = New(9005, "Plus-tard", new DateOnly(1980, 1, 1), FamilySituation.Married, site1);
        p5.CreatedAt = At(2018, 1, 1);
        db.AddRange(p1, p2, p3, p4, p5);
        var household = new Household { OrganisationId = org, Name = "Foyer SENIOR" };
        household.Members.Add(new HouseholdMember { OrganisationId = org, PersonId = p1.Id, JoinedOn = new DateOnly(2010, 1, 1) });
        household.Members.Add(new HouseholdMember { OrganisationId = org, PersonId = p2.Id, JoinedOn = new DateOnly(2010, 1, 1) });
        db.Add(household);
        void Interview(Person p, DateTimeOffset at, InterviewMode mode, Guid site, Guid team) => db.Add(new Interview
        {
            OrganisationId = org, PersonId = p.Id, AgentId = agent, SiteId = site, TeamId = team, At = at, Mode = mode, DurationMinutes = 30,
        });
        Interview(p1, At(2017, 2, 1), InterviewMode.Home, site1, team1);
        Interview(p1, At(2017, 4, 1), InterviewMode.Home, site1, team1);
        Interview(p1, At(2017, 10, 1), InterviewMode.Home, site1, team1);
        Interview(p1, At(2017, 11, 1), InterviewMode.Office, site1, team1);
        Interview(p2, At(2016, 12, 1), InterviewMode.Office, site1, team1); // before: P2 is not new
        Interview(p2, At(2017, 3, 1), InterviewMode.Phone, site1, team1);
        Interview(p2, At(2017, 5, 1), InterviewMode.Phone, site1, team1);
        Interview(p2, At(2017, 6, 1), InterviewMode.Office, site1, team1);
        Interview(p3, At(2017, 3, 1), InterviewMode.Home, site1, team1); // 61 years old
        Interview(p3, At(2017, 6, 15), InterviewMode.Home, site1, team1); // 62 on that day
        Interview(p3, At(2017, 8, 1), InterviewMode.Office, site1, team1);
        Interview(p4, At(2017, 12, 31, 23), InterviewMode.Video, site2, team2); // last evening of the year, Paris time
        Interview(p5, At(2018, 1, 1, 0, 30), InterviewMode.Office, site1, team1); // first minutes of 2018, Paris time
        db.Add(new PersonIncome { OrganisationId = org, PersonId = p1.Id, Kind = IncomeKind.RetirementPension, MonthlyAmount = 900 });
        db.Add(new PersonIncome { OrganisationId = org, PersonId = p1.Id, Kind = IncomeKind.RetirementPension, MonthlyAmount = 120 });
        db.Add(new PersonIncome { OrganisationId = org, PersonId = p1.Id, Kind = IncomeKind.Aspa, MonthlyAmount = 100 });
        db.Add(new PersonIncome { OrganisationId = org, PersonId = p2.Id, Kind = IncomeKind.Salary, MonthlyAmount = 1400 });
        void Appointment(Person? p, DateTimeOffset start, AppointmentStatus status, Guid site) => db.Add(new Appointment
        {
            OrganisationId = org, PersonId = p?.Id, AgentId = agent, SiteId = site, Start = start, End = start.AddMinutes(30), Status = status,
        });
        Appointment(p1, At(2017, 2, 1), AppointmentStatus.Honoured, site1);
        Appointment(p1, At(2017, 4, 1), AppointmentStatus.Honoured, site1);
        Appointment(p2, At(2017, 3, 1), AppointmentStatus.NoShow, site1);
        Appointment(p3, At(2017, 3, 10), AppointmentStatus.Excused, site1);
        Appointment(p3, At(2017, 9, 1), AppointmentStatus.Honoured, site1);
        Appointment(null, At(2017, 9, 2), AppointmentStatus.Cancelled, site2);
        Appointment(p4, At(2017, 9, 3), AppointmentStatus.Planned, site2);
        Appointment(p1, At(2018, 2, 1), AppointmentStatus.Honoured, site1);
        var reasonA = new ReceptionReason { OrganisationId = org, Label = "Stat motif A", SortOrder = 1 };
        var reasonB = new ReceptionReason { OrganisationId = org, Label = "Stat motif B", SortOrder = 2 };
        db.AddRange(reasonA, reasonB);
        void Visit(ContactChannel channel, ReceptionReason? reason, Guid site, int day) => db.Add(new ReceptionVisit
        {
            OrganisationId = org, SiteId = site, Channel = channel, ReasonId = reason?.Id, At = At(2017, 5, day), AgentId = agent,
        });
        Visit(ContactChannel.Visit, reasonA, site1, 1);
        Visit(ContactChannel.Visit, reasonA, site1, 2);
        Visit(ContactChannel.Visit, reasonA, site1, 3);
        Visit(ContactChannel.Phone, reasonB, site1, 4);
        Visit(ContactChannel.Phone, reasonB, site1, 5);
        Visit(ContactChannel.Email, null, site1, 6);
        Visit(ContactChannel.Visit, reasonA, site2, 7);
        await db.SaveChangesAsync();

        // The same year in organisation B: none of it may reach A's figures (on SQLite the people followed are counted
        // on a second connection, which must hold the same tenancy).
        using var scopeB = app.ScopeFor(app.B.Id);
        var dbB = scopeB.ServiceProvider.GetRequiredService<AppDbContext>();
        var (orgB, siteB, agentB) = (app.B.Id, app.B.SiteIds[0], app.B.UserIds[Role.SocialWorker]);
        var other = new Person
        {
            OrganisationId = orgB, FileNumber = 9001, LastName = "Autre", FirstNames = "Stat", BirthDate = new DateOnly(1950, 1, 1),
            Family = FamilySituation.Single, SiteId = siteB, CreatedAt = created, Sex = Sex.Female,
        };
        // A long site name, for the charts (their bars used to be drawn over such a name).
        var longSite = new Site { OrganisationId = orgB, Name = "Point d'accès aux droits du quartier des Grésilles-Nord-Est" };
        var householdB = new Household { OrganisationId = orgB, Name = "Foyer AUTRE" };
        householdB.Members.Add(new HouseholdMember { OrganisationId = orgB, PersonId = other.Id, JoinedOn = new DateOnly(2010, 1, 1) });
        dbB.AddRange(other, householdB, longSite,
            new PersonIncome { OrganisationId = orgB, PersonId = other.Id, Kind = IncomeKind.Aspa, MonthlyAmount = 100 },
            new Interview { OrganisationId = orgB, PersonId = other.Id, AgentId = agentB, SiteId = siteB, At = At(2017, 3, 1), Mode = InterviewMode.Home, DurationMinutes = 30 },
            new Appointment { OrganisationId = orgB, PersonId = other.Id, AgentId = agentB, SiteId = longSite.Id, Start = At(2017, 3, 1), End = At(2017, 3, 1).AddMinutes(30), Status = AppointmentStatus.Honoured },
            new ReceptionVisit { OrganisationId = orgB, SiteId = siteB, Channel = ContactChannel.Visit, At = At(2017, 5, 1), AgentId = agentB });
        await dbB.SaveChangesAsync();
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static DateTimeOffset At(int y, int m, int d, int h = 10, int min = 0) =>
        new DateTimeOffset(new DateTime(y, m, d, h, min, 0), Paris.Zone.GetUtcOffset(new DateTime(y, m, d, h, min, 0))).ToUniversalTime();

    private async Task<StatisticsExports.ReportDto> ApiAsync(Role role, string query, SeededOrganisation? organisation = null)
    {
        var client = await app.SignedInAsync(organisation ?? app.A, role);
        var response = await client.GetAsync("/api/statistics?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<StatisticsExports.ReportDto>(new JsonSerializerOptions(JsonSerializerDefaults.Web)
        { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } }))!;
    }

    [Fact]
    public async Task A_manager_limited_to_a_site_gets_that_sites_statistics_whatever_is_asked()
    {
        var email = "direction-site2@" + app.A.EmailDomain;
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var (user, errors) = await scope.ServiceProvider.GetRequiredService<OpenCcas.Web.Platform.UserAccounts>().CreateAsync(new OpenCcas.Web.Platform.UserInput
            {
                FirstName = "Direction", LastName = "Site 2", Email = email,
                Roles = [new OpenCcas.Web.Platform.RoleInput { Role = Role.Manager, SiteId = app.A.SiteIds[1] }],
            }, AppFixture.Password);
            user.ShouldNotBeNull(string.Join(" ", errors));
        }
        var client = await app.SignedInAsync(email);
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        foreach (var query in new[] { Year, $"{Year}&siteId={app.A.SiteIds[0]}" })
        {
            var report = await client.GetFromJsonAsync<StatisticsExports.ReportDto>("/api/statistics?" + query, options);
            report!.SiteId.ShouldBe(app.A.SiteIds[1], query);
        }
        var whole = await ApiAsync(Role.Manager, Year);
        whole.SiteId.ShouldBeNull("an unlimited manager sees the whole organisation");
    }

    private static decimal? Value(StatisticsExports.ReportDto r, string table, string row, int column = 0)
    {
        var t = r.Tables.Single(x => x.Id == table);
        var line = row == "Total" && t.Total is { } total ? total : t.Rows.Single(x => x.Label == row);
        return line.Cells[column].Value;
    }

    private static string Text(StatisticsExports.ReportDto r, string table, string row, int column = 0)
    {
        var t = r.Tables.Single(x => x.Id == table);
        var line = row == "Total" && t.Total is { } total ? total : t.Rows.Single(x => x.Label == row);
        return line.Cells[column].Text;
    }

    /// <summary>
    /// Commits a person followed in 2015 (a year no other test uses) just before the second connection's first read: by
    /// then the first connection has its snapshot, which the second imported, so neither may see the person.
    /// </summary>
    private sealed class CommitBeforeFirstRead(Func<Task> commit) : DbCommandInterceptor
    {
        private int done;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Exchange(ref done, 1) == 0) await commit();
            return result;
        }
    }

    [Fact]
    public async Task On_postgresql_the_second_connection_reads_the_first_ones_snapshot()
    {
        if (app.IsSqlite) return; // SQLite's statements each read the latest commit, with one connection or two: nothing to share.
        const string Year2015 = "from=2015-01-01&to=2015-12-31";
        var filter = new StatisticsFilter(new DateOnly(2015, 1, 1), new DateOnly(2015, 12, 31));
        async Task CommitFollowedPersonAsync()
        {
            using var scope = app.ScopeFor(app.A.Id);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var person = new Person
            {
                OrganisationId = app.A.Id, FileNumber = 9015, LastName = "Concurrent", FirstNames = "Stat", SiteId = site1, CreatedAt = At(2015, 3, 1),
            };
            db.AddRange(person, new Interview
            {
                OrganisationId = app.A.Id, PersonId = person.Id, AgentId = app.A.UserIds[Role.SocialWorker], SiteId = site1, TeamId = team1,
                At = At(2015, 3, 1), Mode = InterviewMode.Office, DurationMinutes = 30,
            });
            await db.SaveChangesAsync();
        }
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var options = new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(app.ConnectionString)
                .AddInterceptors(new CommitBeforeFirstRead(CommitFollowedPersonAsync)).Options;
            var leases = new ContextLeases(() => new PostgresAppDbContext(options)
                .BindTo(scope.ServiceProvider.GetRequiredService<TenantContext>(), scope.ServiceProvider.GetRequiredService<AuditActor>()));
            var during = await StatisticsQuery.RunAsync(db, filter, 62, mask: false, leases: leases);
            during.Table("synthese").Rows.Single(r => r.Label == "Personnes suivies").Cells[0].Count.ShouldBe(0);
            during.Table("synthese").Rows.Single(r => r.Label == "Fiches créées dans la période").Cells[0].Count.ShouldBe(0);
            during.Table("synthese").Rows.Single(r => r.Label == "Entretiens").Cells[0].Count.ShouldBe(0);
        }
        // The person was committed: the next report counts them.
        var after = await ApiAsync(Role.Manager, Year2015);
        Value(after, "synthese", "Personnes suivies").ShouldBe(1);
        Value(after, "synthese", "Entretiens").ShouldBe(1);
    }

    [Fact]
    public async Task On_postgresql_the_statistics_statements_are_planned_for_their_dates_every_time()
    {
        if (app.IsSqlite) return; // SQLite plans every statement as it comes; this test runs again against PostgreSQL.
        var ct = TestContext.Current.CancellationToken;
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        ((Npgsql.NpgsqlConnection)db.Database.GetDbConnection()).UnprepareAll();
        // Prepared from the second run (Database.Tuned); PostgreSQL would try a generic plan after five custom ones.
        for (var i = 0; i < 8; i++)
            await StatisticsQuery.RunAsync(db, new StatisticsFilter(new DateOnly(2017, 1, 1), new DateOnly(2017, 12, 31 - i)), 62, mask: false, ct: ct);
        var plans = await db.Database.SqlQueryRaw<PlanCount>(
            "SELECT statement AS \"Statement\", generic_plans AS \"Generic\", custom_plans AS \"Custom\" FROM pg_prepared_statements").ToListAsync(ct);
        var queries = plans.Where(p => !p.Statement.StartsWith("SET ", StringComparison.Ordinal)).ToList(); // utility statements have no plan
        queries.ShouldContain(p => p.Custom >= 7, string.Join("\n---\n", plans.Select(p => p.Statement)));
        queries.ShouldAllBe(p => p.Generic == 0);
        // The setting ended with the statistics' transaction.
        (await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync(ct)).ShouldBe("auto");
    }

    private sealed record PlanCount(string Statement, long Generic, long Custom);

    [Fact]
    public async Task Every_figure_of_the_year_matches_the_records_for_a_manager()
    {
        var r = await ApiAsync(Role.Manager, Year);
        r.SmallCellsMasked.ShouldBeFalse();
        // Organisation B's year (one person followed, in a household, with an income...) is its own.
        var b = await ApiAsync(Role.Manager, Year, app.B);
        Value(b, "synthese", "Personnes suivies").ShouldBe(1);
        Value(b, "synthese", "Ménages suivis").ShouldBe(1);
        Value(b, "personnes-ressources", "ASPA (minimum vieillesse)").ShouldBe(1);
        Value(r, "synthese", "Personnes suivies").ShouldBe(4);
        Value(r, "synthese", "Ménages suivis").ShouldBe(3); // the SENIOR household + two people without one
        Value(r, "synthese", "Nouvelles personnes suivies").ShouldBe(3); // P2 had an interview in 2016
        Value(r, "synthese", "Fiches créées dans la période").ShouldBe(4);
        Value(r, "synthese", "Entretiens").ShouldBe(11);
        Value(r, "synthese", "Part des entretiens par téléphone").ShouldBe(18.2m); // 2 / 11
        Value(r, "synthese", "Part des visites à domicile parmi les entretiens des 62 ans et plus").ShouldBe(66.7m); // 4 / 6
        Value(r, "entretiens-mode", "À domicile").ShouldBe(5);
        Value(r, "entretiens-mode", "Au bureau").ShouldBe(3);
        Value(r, "entretiens-mode", "Par téléphone").ShouldBe(2);
        Value(r, "entretiens-mode", "En visioconférence").ShouldBe(1);
        // Age at the interview date: P3 turns 62 on 15/06/2017.
        Value(r, "entretiens-age", "62 ans et plus", 1).ShouldBe(4); // home
        Value(r, "entretiens-age", "62 ans et plus", 0).ShouldBe(2); // office
        Value(r, "entretiens-age", "62 ans et plus", 4).ShouldBe(6);
        Value(r, "entretiens-age", "Moins de 62 ans", 1).ShouldBe(1);
        Value(r, "entretiens-age", "Moins de 62 ans", 4).ShouldBe(4);
        Value(r, "entretiens-age", "Âge inconnu", 4).ShouldBe(1);
        // Appointments: site 1 has P2 and P3 (March) under 62, P1 twice and P3 (September) senior.
        var site1Name = r.Tables.Single(t => t.Id == "rendez-vous-site-age").Rows.Select(x => x.Label).First(l => l.StartsWith("Site 1"));
        Value(r, "rendez-vous-site-age", site1Name, 0).ShouldBe(2);
        Value(r, "rendez-vous-site-age", site1Name, 1).ShouldBe(3);
        Value(r, "rendez-vous-site-age", "Total", 2).ShouldBe(2);
        Value(r, "rendez-vous-site-age", "Total", 3).ShouldBe(7);
        Value(r, "synthese", "Taux de rendez-vous honorés").ShouldBe(60m); // 3 / (3 + 1 + 1)
        Value(r, "synthese", "Taux de non-présentation").ShouldBe(20m);
        Value(r, "rendez-vous-statut", "Total", 1).ShouldBe(3); // honoured
        Value(r, "rendez-vous-statut", "Total", 4).ShouldBe(1); // cancelled
        Value(r, "accueil-canal", "Visite").ShouldBe(4);
        Value(r, "accueil-canal", "Téléphone").ShouldBe(2);
        Value(r, "accueil-canal", "Courriel").ShouldBe(1);
        Value(r, "accueil-canal", "Total").ShouldBe(7);
        Value(r, "accueil-motif", "Stat motif A").ShouldBe(4);
        Value(r, "accueil-motif", "Stat motif B").ShouldBe(2);
        Value(r, "accueil-motif", "Sans motif").ShouldBe(1);
        Value(r, "personnes-age", "62 à 74 ans").ShouldBe(2);
        Value(r, "personnes-age", "25 à 39 ans").ShouldBe(1);
        Value(r, "personnes-age", "Âge inconnu").ShouldBe(1);
        Value(r, "personnes-age", "75 ans et plus").ShouldBe(0);
        Value(r, "personnes-famille", "Célibataire").ShouldBe(2);
        Value(r, "personnes-famille", "Veuf ou veuve").ShouldBe(1);
        Value(r, "personnes-ressources", "Pension de retraite").ShouldBe(1); // two pensions, one person
        Value(r, "personnes-ressources", "ASPA (minimum vieillesse)").ShouldBe(1);
        Value(r, "personnes-ressources", "Salaire").ShouldBe(1);
        Value(r, "personnes-ressources", "Aucune ressource déclarée").ShouldBe(2);
    }

    [Fact]
    public async Task Site_team_and_semester_filters_count_only_their_records()
    {
        var bySite = await ApiAsync(Role.Manager, $"{Year}&siteId={site1}");
        Value(bySite, "synthese", "Personnes suivies").ShouldBe(3);
        Value(bySite, "synthese", "Entretiens").ShouldBe(10);
        Value(bySite, "synthese", "Rendez-vous").ShouldBe(5);
        Value(bySite, "synthese", "Contacts d'accueil").ShouldBe(6);
        var byTeam = await ApiAsync(Role.Manager, $"{Year}&teamId={team2}");
        Value(byTeam, "synthese", "Personnes suivies").ShouldBe(1);
        Value(byTeam, "entretiens-mode", "En visioconférence").ShouldBe(1);
        Value(byTeam, "synthese", "Rendez-vous").ShouldBe(0); // the appointments' agent is not in team 2
        var firstHalf = await ApiAsync(Role.Manager, "from=2017-01-01&to=2017-06-30");
        Value(firstHalf, "synthese", "Entretiens").ShouldBe(7);
        // On 30/06/2017 P3 is 62: age band at the end of the period.
        Value(firstHalf, "personnes-age", "62 à 74 ans").ShouldBe(2);
        Value(firstHalf, "entretiens-age", "62 ans et plus", 4).ShouldBe(3); // P1 twice, P3 on 15/06
    }

    [Fact]
    public async Task A_statistics_reader_sees_small_cells_masked_and_a_manager_the_exact_figures()
    {
        var r = await ApiAsync(Role.StatsReader, Year);
        r.SmallCellsMasked.ShouldBeTrue();
        Text(r, "synthese", "Personnes suivies").ShouldBe("< 5");
        Value(r, "synthese", "Personnes suivies").ShouldBeNull();
        Value(r, "synthese", "Entretiens").ShouldBe(11);
        Text(r, "entretiens-mode", "Par téléphone").ShouldBe("< 5");
        Text(r, "entretiens-mode", "Par téléphone", 1).ShouldBe("< 5"); // its share too
        Value(r, "entretiens-mode", "À domicile").ShouldBe(5);
        Value(r, "personnes-age", "75 ans et plus").ShouldBe(0); // zero reveals nobody
        var page = await (await app.SignedInAsync(app.A, Role.StatsReader)).GetStringAsync("/statistiques?Input.From=2017-01-01&Input.To=2017-12-31");
        page.ShouldContain("&lt; 5");
        var managerPage = await (await app.SignedInAsync(app.A, Role.Manager)).GetStringAsync("/statistiques?Input.From=2017-01-01&Input.To=2017-12-31");
        managerPage.ShouldNotContain("<td class=\"text-end\">&lt; 5</td>");
        managerPage.ShouldContain("18,2 %");
    }

    [Fact]
    public async Task Page_shows_tables_with_captions_and_refuses_other_roles()
    {
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var html = await manager.GetStringAsync("/statistiques");
        html.ShouldContain("<h1>Statistiques de l'accueil et du suivi</h1>");
        html.ShouldContain("<caption>Entretiens par mode");
        html.ShouldContain("Personne suivie : personne ayant eu au moins un entretien");
        // Each chart's bars start after its longest label (about 7.5 px a character), a long site name shortened.
        var b = await (await app.SignedInAsync(app.B, Role.Manager)).GetStringAsync("/statistiques?Input.From=2017-01-01&Input.To=2017-12-31");
        WebUtility.HtmlDecode(b).ShouldContain(">Point d'accès aux droits du quartier des Grésilles-Nord-Est<"); // whole in the table
        var charts = System.Text.RegularExpressions.Regex.Matches(b, "<svg class=\"stat-chart[\\s\\S]*?</svg>");
        charts.Count.ShouldBeGreaterThan(0);
        foreach (System.Text.RegularExpressions.Match chart in charts)
        {
            var labels = System.Text.RegularExpressions.Regex.Matches(chart.Value, "<text x=\"0\"[^>]*>([^<]*)</text>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            var bars = System.Text.RegularExpressions.Regex.Matches(chart.Value, "<rect x=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).ToList();
            labels.ShouldNotBeEmpty();
            labels.ShouldAllBe(l => l.Length <= 44);
            bars.ShouldAllBe(x => x >= 7.5 * labels.Max(l => l.Length));
        }
        foreach (var role in new[] { Role.Reception, Role.SocialWorker, Role.Volunteer, Role.Instructor, Role.Admin })
        {
            var client = await app.SignedInAsync(app.A, role);
            var page = await client.GetAsync("/statistiques");
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, role.ToString());
            page.Headers.Location!.OriginalString.ShouldContain("/acces-refuse");
            (await client.GetAsync("/api/statistics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            var csv = await client.GetAsync("/statistiques/export.csv");
            csv.IsSuccessStatusCode.ShouldBeFalse(role.ToString());
        }
    }

    [Fact]
    public async Task Bad_period_gets_a_french_message()
    {
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var html = await manager.GetStringAsync("/statistiques?Input.From=2017-12-31&Input.To=2017-01-01");
        html.ShouldContain("La date de fin doit être postérieure ou égale à la date de début.");
        html.ShouldNotContain("<caption>");
        var api = await manager.GetAsync("/api/statistics?from=2017-12-31&to=2017-01-01");
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync()).ShouldContain("La date de fin doit être postérieure");
    }

    [Fact]
    public async Task Csv_and_xlsx_exports_hold_the_same_figures_and_are_audited()
    {
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var csv = await manager.GetAsync("/statistiques/export.csv?" + Year);
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = await csv.Content.ReadAsStringAsync();
        text.ShouldContain("Entretiens par mode");
        text.ShouldContain("À domicile;5;45,5 %");
        text.ShouldContain("Personnes suivies;4");

        var xlsx = await manager.GetAsync("/statistiques/export.xlsx?" + Year);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheets = stream.GetSheetNames();
        sheets.ShouldContain("Entretiens par mode");
        sheets.ShouldContain("Contacts d'accueil par canal");
        var rows = stream.Query(useHeaderRow: true, sheetName: "Entretiens par mode").Cast<IDictionary<string, object>>().ToList();
        var home = rows.Single(x => (string)x["Mode"] == "À domicile");
        Convert.ToInt64(home["Entretiens"]).ShouldBe(5);
        var total = rows.Single(x => (string)x["Mode"] == "Total");
        Convert.ToInt64(total["Entretiens"]).ShouldBe(11);

        var reader = await app.SignedInAsync(app.A, Role.StatsReader);
        using var masked = new MemoryStream(await (await reader.GetAsync("/statistiques/export.xlsx?" + Year)).Content.ReadAsByteArrayAsync());
        var maskedRows = masked.Query(useHeaderRow: true, sheetName: "Entretiens par mode").Cast<IDictionary<string, object>>().ToList();
        maskedRows.Single(x => (string)x["Mode"] == "Par téléphone")["Entretiens"].ShouldBe("< 5");
        (await (await reader.GetAsync("/statistiques/export.csv?" + Year)).Content.ReadAsStringAsync()).ShouldContain("Par téléphone;< 5;< 5");

        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var exports = await db.AuditEntries.Where(e => e.EntityType == "Statistics" && e.Action == OpenCcas.Domain.Audit.AuditAction.Export).ToListAsync();
        exports.Count.ShouldBeGreaterThanOrEqualTo(4);
        exports.ShouldContain(e => e.Details!.Contains("export XLSX") && e.Details.Contains("01/01/2017"));
    }
}
