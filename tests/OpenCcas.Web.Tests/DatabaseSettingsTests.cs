using Npgsql;

namespace OpenCcas.Web.Tests;

/// <summary>The PostgreSQL connection settings the application adds, and that a connection string can override.</summary>
public sealed class DatabaseSettingsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void Connections_are_not_reset_prepare_statements_and_plan_for_fast_disks_unless_the_connection_string_says_otherwise()
    {
        var tuned = new NpgsqlConnectionStringBuilder(Database.Tuned("Host=db;Database=openccas;Username=ccas"));
        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.MaxAutoPrepare.ShouldBe(Database.AutoPrepared);
        tuned.AutoPrepareMinUsages.ShouldBe(2);
        tuned.Options.ShouldBe("-c random_page_cost=1.1");

        var given = new NpgsqlConnectionStringBuilder(Database.Tuned(
            "Host=db;Database=openccas;No Reset On Close=false;Max Auto Prepare=0;Auto Prepare Min Usages=5;Options=-c random_page_cost=2"));
        given.NoResetOnClose.ShouldBeFalse();
        given.MaxAutoPrepare.ShouldBe(0);
        given.AutoPrepareMinUsages.ShouldBe(5);
        given.Options.ShouldBe("-c random_page_cost=2");
    }

    [Fact]
    public async Task The_application_s_postgresql_sessions_use_the_setting()
    {
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsNpgsql()) return; // SQLite has no such setting; this test runs again against PostgreSQL
        var value = await db.Database.SqlQueryRaw<string>("SELECT current_setting('random_page_cost') AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
        value.ShouldBe("1.1");

        // A statement run twice on a connection is prepared there.
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        if (db.Database.GetDbConnection() is NpgsqlConnection npgsql) npgsql.UnprepareAll();
        for (var i = 0; i < 3; i++) await db.Sites.Where(s => s.Name == "Réglages " + i).CountAsync(TestContext.Current.CancellationToken);
        var prepared = await db.Database.SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements")
            .ToListAsync(TestContext.Current.CancellationToken);
        prepared.ShouldContain(s => s.Contains("FROM \"Sites\"", StringComparison.Ordinal), string.Join("\n---\n", prepared));
    }

    [Fact]
    public void The_migrations_build_the_model_the_application_uses()
    {
        // The start-up no longer runs EF's pending-model check (a model diff, 0.2 s every start): this test does it,
        // against the migrations of the provider under test.
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.HasPendingModelChanges().ShouldBeFalse("le modèle a changé sans migration : ajoutez-en une pour chaque base (README, développeurs)");
    }
}
