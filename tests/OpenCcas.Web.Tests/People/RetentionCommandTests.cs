using Npgsql;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Tests.People;

/// <summary>"dotnet OpenCcas.Web.dll retention [--dry-run]": the retention job run by hand, on its own database.</summary>
public sealed class RetentionCommandTests : IAsyncLifetime
{
    private readonly List<string> settings = [];
    private string? pgAdmin, pgDatabase, directory;

    public async ValueTask InitializeAsync()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("OPENCCAS_TEST_DB"), "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            pgAdmin = Environment.GetEnvironmentVariable("OPENCCAS_TEST_PG") ?? throw new InvalidOperationException("OPENCCAS_TEST_PG is required.");
            pgDatabase = "openccas_ret_" + Guid.NewGuid().ToString("N");
            await AppFixture.PostgresDatabaseAsync(pgAdmin, $"CREATE DATABASE \"{pgDatabase}\"");
            settings.AddRange(["--Database:Provider", "Postgres", "--ConnectionStrings:OpenCcas",
                new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgDatabase, Pooling = false }.ToString()]);
        }
        else
        {
            directory = Directory.CreateTempSubdirectory("openccas-ret-").FullName;
            settings.AddRange(["--Database:Provider", "Sqlite", "--Database:DataDirectory", directory]);
        }
        settings.AddRange(["--Demo:Enabled", "false", "--Logging:LogLevel:Default", "None", "--Retention:Enabled", "false"]);
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
        // A flag without value goes last: the configuration would otherwise read the next option as its value.
        var flags = command.Where(c => c == "--dry-run").ToArray();
        string[] args = [.. command.Except(flags), .. settings, .. flags];
        var app = OpenCcasApp.Build(args);
        await using (app) return await Commands.RunAsync(app, args);
    }

    private async Task<T> InOrganisationAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        var app = OpenCcasApp.Build([.. settings]);
        await using (app)
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var org = await db.Organisations.IgnoreQueryFilters().Select(o => o.Id).SingleAsync();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org);
            scope.ServiceProvider.GetRequiredService<AuditActor>().Set(null, "Tests");
            return await work(db);
        }
    }

    [Fact]
    public async Task Dry_run_changes_nothing_and_the_real_run_anonymises_the_expired_file()
    {
        (await RunAsync("create-organisation", "--name", "CCAS de Conservation", "--admin-email", "admin@conservation.test",
            "--admin-first-name", "Ada", "--admin-last-name", "Min")).ShouldBe(0);
        var id = await InOrganisationAsync(async db =>
        {
            var org = await db.Organisations.Select(o => o.Id).SingleAsync();
            var person = new Person
            {
                OrganisationId = org, FileNumber = 1, LastName = "Ancien", FirstNames = "Paul", Phone = "0102030405",
                LastOperationAt = DateTimeOffset.UtcNow.AddMonths(-25), CreatedAt = DateTimeOffset.UtcNow.AddMonths(-40),
            };
            db.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

        (await RunAsync("retention", "--dry-run")).ShouldBe(0);
        (await InOrganisationAsync(db => db.Set<Person>().SingleAsync(p => p.Id == id))).LastName.ShouldBe("Ancien");

        (await RunAsync("retention")).ShouldBe(0);
        var after = await InOrganisationAsync(db => db.Set<Person>().SingleAsync(p => p.Id == id));
        (after.LastName, after.Phone, after.Status).ShouldBe(("Anonyme", null, PersonStatus.Anonymised));
        (await RunAsync("verify-audit")).ShouldBe(0);
    }
}
