using Npgsql;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Tests;

/// <summary>The IT person's commands: a real organisation and its first administrator, all or nothing.</summary>
public sealed class CommandTests : IAsyncLifetime
{
    private readonly List<string> settings = [];
    private string? pgAdmin, pgDatabase, directory;

    public async ValueTask InitializeAsync()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("OPENCCAS_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            pgAdmin = Environment.GetEnvironmentVariable("OPENCCAS_TEST_PG") ?? throw new InvalidOperationException("OPENCCAS_TEST_PG is required.");
            pgDatabase = "openccas_cmd_" + Guid.NewGuid().ToString("N");
            await AppFixture.PostgresDatabaseAsync(pgAdmin, $"CREATE DATABASE \"{pgDatabase}\"");
            settings.AddRange(["--Database:Provider", "Postgres", "--ConnectionStrings:OpenCcas",
                new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgDatabase, Pooling = false }.ToString()]);
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("openccas-cmd-").FullName;
            settings.AddRange(["--Database:Provider", "Sqlite", "--Database:DataDirectory", directory]);
        }
        settings.AddRange(["--Demo:Enabled", "false", "--Logging:LogLevel:Default", "None"]);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (directory is not null) Directory.Delete(directory, recursive: true);
        if (pgAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await AppFixture.PostgresDatabaseAsync(pgAdmin, $"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)");
        }
    }

    private async Task<int> RunAsync(params string[] command)
    {
        string[] args = [.. command, .. settings];
        var app = OpenCcasApp.Build(args);
        await using (app) return await Commands.RunAsync(app, args);
    }

    private async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        var app = OpenCcasApp.Build([.. settings]);
        await using (app)
        {
            using var scope = app.Services.CreateScope();
            return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        }
    }

    [Fact]
    public async Task Create_organisation_makes_the_organisation_and_its_administrator_then_verify_audit_passes()
    {
        var code = await RunAsync("create-organisation", "--name", "CCAS de Villeneuve", "--kind", "Cias", "--siret", "26210001600019",
            "--communes", "Villeneuve;Ouche", "--admin-email", "directrice@ccas-villeneuve.fr", "--admin-first-name", "Anne",
            "--admin-last-name", "Durand", "--admin-password", "Un-mot-de-passe-solide-2026");
        code.ShouldBe(0);

        var (org, admins) = await QueryAsync(async db =>
        {
            var o = await db.Organisations.IgnoreQueryFilters().SingleAsync();
            var roles = await db.RoleAssignments.IgnoreQueryFilters().Where(r => r.OrganisationId == o.Id && r.Role == Role.Admin).CountAsync();
            return (o, roles);
        });
        org.Name.ShouldBe("CCAS de Villeneuve");
        org.Kind.ShouldBe(OrganisationKind.Cias);
        org.CommuneList.ShouldBe(["Villeneuve", "Ouche"]);
        admins.ShouldBe(1);
        (await RunAsync("verify-audit")).ShouldBe(0);
    }

    [Fact]
    public async Task A_refused_administrator_leaves_no_half_created_organisation()
    {
        var code = await RunAsync("create-organisation", "--name", "CCAS incomplet", "--admin-email", "admin@incomplet.fr",
            "--admin-first-name", "A", "--admin-last-name", "B", "--admin-password", "court");
        code.ShouldBe(1);
        (await QueryAsync(db => db.Organisations.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
        (await QueryAsync(db => db.AuditEntries.IgnoreQueryFilters().CountAsync())).ShouldBe(0);
    }

    [Fact]
    public async Task A_bad_siret_is_refused_with_a_french_message()
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            (await RunAsync("create-organisation", "--name", "CCAS", "--siret", "123", "--admin-email", "a@b.fr",
                "--admin-first-name", "A", "--admin-last-name", "B")).ShouldBe(2);
        }
        finally
        {
            Console.SetError(previous);
        }
        error.ToString().ShouldContain("14 chiffres");
    }
}
