using System.Collections.Concurrent;
using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.Platform;

namespace OpenCcas.Web.Tests.Infrastructure;

/// <summary>A seeded organisation: its id, sites, teams and one account per role (plus "all", holding every role).</summary>
public sealed record SeededOrganisation(Guid Id, string Name, string EmailDomain, Guid[] SiteIds, Guid[] TeamIds,
    IReadOnlyDictionary<Role, Guid> UserIds, Guid AllRolesUserId)
{
    public string Email(Role role) => $"{role.ToString().ToLowerInvariant()}@{EmailDomain}";
    public string AllRolesEmail => $"tout@{EmailDomain}";
}

/// <summary>
/// Records a module's tests need in both seeded organisations. Implementations are found by reflection and run in
/// <see cref="Order"/> (People first: other modules attach their records to its people).
/// </summary>
public interface IModuleSeed
{
    int Order { get; }
    Task SeedAsync(AppDbContext db, SeededOrganisation org);
}

/// <summary>
/// The application through its real HTTP pipeline, on its own database: a temporary SQLite file, or a fresh
/// PostgreSQL database in the cluster named by OPENCCAS_TEST_PG when OPENCCAS_TEST_DB=Postgres. Seeds two
/// organisations, A and B, each with sites, teams and one user per role.
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = DemoSeeder.Password;

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    private readonly string? sqliteFile;
    private readonly string? pgAdmin;
    private readonly string? pgDatabase;

    public SeededOrganisation A { get; private set; } = null!;
    public SeededOrganisation B { get; private set; } = null!;

    private readonly ConcurrentDictionary<string, Lazy<Task<HttpClient>>> signedIn = new();

    public AppFixture()
    {
        var wanted = Environment.GetEnvironmentVariable("OPENCCAS_TEST_DB");
        Provider = string.Equals(wanted, "Postgres", StringComparison.OrdinalIgnoreCase) ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        if (Provider == DatabaseProvider.Postgres)
        {
            pgAdmin = Environment.GetEnvironmentVariable("OPENCCAS_TEST_PG");
            if (string.IsNullOrWhiteSpace(pgAdmin))
                throw new InvalidOperationException("OPENCCAS_TEST_DB=Postgres needs OPENCCAS_TEST_PG (a connection string to a PostgreSQL server where databases may be created).");
            // OPENCCAS_TEST_PG_PREFIX names the databases of one developer on a shared server.
            pgDatabase = (Environment.GetEnvironmentVariable("OPENCCAS_TEST_PG_PREFIX") ?? "openccas_test_") + Guid.NewGuid().ToString("N");
            ConnectionString = new NpgsqlConnectionStringBuilder(pgAdmin) { Database = pgDatabase, Pooling = true }.ToString();
        }
        else
        {
            sqliteFile = Path.Combine(Path.GetTempPath(), $"openccas-test-{Guid.NewGuid():N}.db");
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = sqliteFile }.ToString();
        }
    }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["ConnectionStrings:OpenCcas"] = ConnectionString,
            ["Demo:Enabled"] = "false",
            ["Security:SignInPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        };
        foreach (var (k, v) in settings) builder.UseSetting(k, v);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
        // OpenCcasApp.Configure reads the provider while the builder is being configured, before the factory's
        // settings apply: register the database again from the test settings.
        builder.ConfigureTestServices(services => ReplaceDatabase(services, settings));
    }

    /// <summary>Registers the database again from the test settings, replacing what the application registered.</summary>
    public static void ReplaceDatabase(IServiceCollection services, Dictionary<string, string?> settings)
    {
        var contextTypes = new[] { typeof(AppDbContext), typeof(SqliteAppDbContext), typeof(PostgresAppDbContext) };
        foreach (var d in services.Where(d =>
                     contextTypes.Contains(d.ServiceType)
                     || (d.ServiceType.IsGenericType && d.ServiceType.GenericTypeArguments.Any(contextTypes.Contains))
                     || d.ServiceType == typeof(Microsoft.EntityFrameworkCore.DbContextOptions)).ToList())
            services.Remove(d);
        services.AddOpenCcasDatabase(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), Path.GetTempPath());
    }

    public async ValueTask InitializeAsync()
    {
        if (pgAdmin is not null) await PostgresDatabaseAsync(pgAdmin, $"CREATE DATABASE \"{pgDatabase}\"");
        _ = Server; // starts the host (Program runs PrepareAsync, which migrates)
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var actual = db.Database.GetConnectionString();
            if (Provider == DatabaseProvider.Postgres ? !db.Database.IsNpgsql() || !actual!.Contains(pgDatabase!) : !db.Database.IsSqlite() || !actual!.Contains(sqliteFile!))
                throw new InvalidOperationException($"The application does not use the test database ({actual}).");
            await Database.MigrateAsync(db);
        }
        A = await SeedOrganisationAsync("Organisation A", "a.test");
        B = await SeedOrganisationAsync("Organisation B", "b.test");
    }

    /// <summary>Creates an organisation with 2 sites, 2 teams, one user per role and one user with every role.</summary>
    public async Task<SeededOrganisation> SeedOrganisationAsync(string name, string domain)
    {
        using var scope = Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        var org = new Organisation { Name = name, Kind = OrganisationKind.Ccas, Communes = "Dijon" };
        sp.GetRequiredService<TenantContext>().Set(org.Id);
        sp.GetRequiredService<AuditActor>().Set(null, "Tests");
        db.Organisations.Add(org);
        var sites = new[] { new Site { Name = $"Site 1 {name}" }, new Site { Name = $"Site 2 {name}" } };
        var teams = new[] { new Team { Name = $"Équipe 1 {name}" }, new Team { Name = $"Équipe 2 {name}" } };
        db.Sites.AddRange(sites);
        db.Teams.AddRange(teams);
        await db.SaveChangesAsync();

        var accounts = sp.GetRequiredService<UserAccounts>();
        var users = new Dictionary<Role, Guid>();
        foreach (var role in Enum.GetValues<Role>())
        {
            var input = new UserInput
            {
                FirstName = "Agent", LastName = role.ToString(), Email = $"{role.ToString().ToLowerInvariant()}@{domain}",
                Roles = [new RoleInput { Role = role }],
                TeamIds = role is Role.SocialWorker or Role.Instructor or Role.Reception ? [teams[0].Id] : [],
            };
            var (user, errors) = await accounts.CreateAsync(input, Password);
            users[role] = user?.Id ?? throw new InvalidOperationException(string.Join(" ", errors));
        }
        var all = new UserInput
        {
            FirstName = "Agent", LastName = "Tous rôles", Email = $"tout@{domain}",
            Roles = Enum.GetValues<Role>().Select(r => new RoleInput { Role = r }).ToList(),
            TeamIds = [teams[0].Id, teams[1].Id],
        };
        var (allUser, allErrors) = await accounts.CreateAsync(all, Password);
        if (allUser is null) throw new InvalidOperationException(string.Join(" ", allErrors));

        // A personal token, so that every kind of platform row exists in each organisation.
        db.ApiTokens.Add(new ApiToken
        {
            UserId = users[Role.Admin], Name = "Jeton de test", TokenHash = ApiToken.Hash(ApiToken.NewSecret()),
            Roles = nameof(Role.Admin), ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        await db.SaveChangesAsync();
        var seeded = new SeededOrganisation(org.Id, name, domain, sites.Select(s => s.Id).ToArray(), teams.Select(t => t.Id).ToArray(), users, allUser.Id);
        // Each module seeds a few records of its own (so that the tenancy tests find one of each kind).
        foreach (var seed in ModuleSeeds) await seed.SeedAsync(db, seeded);
        return seeded;
    }

    private static readonly IModuleSeed[] ModuleSeeds = typeof(AppFixture).Assembly.GetTypes()
        .Where(t => typeof(IModuleSeed).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
        .Select(t => (IModuleSeed)Activator.CreateInstance(t)!).OrderBy(s => s.Order).ToArray();

    /// <summary>A service scope acting for an organisation, as a job would.</summary>
    public IServiceScope ScopeFor(Guid organisationId, string actor = "Tests")
    {
        var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(organisationId);
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set(null, actor);
        return scope;
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real /connexion form (cached per account).</summary>
    public Task<HttpClient> SignedInAsync(SeededOrganisation org, Role role) => SignedInAsync(org.Email(role));
    public Task<HttpClient> SignedInAllRolesAsync(SeededOrganisation org) => SignedInAsync(org.AllRolesEmail);

    public Task<HttpClient> SignedInAsync(string email) =>
        signedIn.GetOrAdd(email, e => new Lazy<Task<HttpClient>>(() => SignInNewClientAsync(e))).Value;

    public async Task<HttpClient> SignInNewClientAsync(string email, string password = Password)
    {
        var client = NewClient();
        var response = await SignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Posts the sign-in form with the antiforgery token of the page, as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/connexion");
        return await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var doc = new HtmlParser().ParseDocument(html);
        return doc.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>Creates a personal API token for the signed-in user of <paramref name="client"/> through POST /api/tokens.</summary>
    public static async Task<(Guid Id, string Secret)> CreateTokenAsync(HttpClient client, params Role[] roles)
    {
        var response = await client.PostAsJsonAsync("/api/tokens", new { name = "Intégration de test", days = 30, roles = roles.Select(r => (int)r) });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Token creation failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var created = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return (created.GetProperty("token").GetProperty("id").GetGuid(), created.GetProperty("secret").GetString()!);
    }

    public HttpClient BearerClient(string secret)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var c in signedIn.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully)) c.Value.Result.Dispose();
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
            await PostgresDatabaseAsync(pgAdmin, $"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)");
        }
    }

    /// <summary>Creates or drops a throwaway test database, through the cluster's admin connection.</summary>
    public static async Task PostgresDatabaseAsync(string adminConnectionString, string statement)
    {
        await using var admin = new NpgsqlConnection(adminConnectionString);
        await admin.OpenAsync();
        await using var cmd = admin.CreateCommand();
        cmd.CommandText = statement;
        await cmd.ExecuteNonQueryAsync();
    }
}
