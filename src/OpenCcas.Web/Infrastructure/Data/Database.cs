using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Infrastructure.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>Chooses the provider from configuration: "Database:Provider" (Sqlite by default) and "ConnectionStrings:OpenCcas".</summary>
public static class Database
{
    public static DatabaseProvider ProviderOf(IConfiguration config) =>
        Enum.TryParse<DatabaseProvider>(config["Database:Provider"], ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static string ConnectionStringOf(IConfiguration config, string contentRoot)
    {
        var cs = config.GetConnectionString("OpenCcas");
        if (!string.IsNullOrWhiteSpace(cs)) return cs;
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory(config, contentRoot), "openccas.db") }.ToString();
    }

    /// <summary>Where the SQLite file and the sign-in key ring live: "Database:DataDirectory", by default data/ at the repository root.</summary>
    public static string DataDirectory(IConfiguration config, string contentRoot)
    {
        var dataDir = Path.GetFullPath(config["Database:DataDirectory"] ?? Path.Combine(contentRoot, "..", "..", "data"));
        Directory.CreateDirectory(dataDir);
        return dataDir;
    }

    /// <summary>
    /// Registers the pooled DbContext: each scope (request, job, command) leases a context from EF's pool, bound to
    /// the scope's <see cref="TenantContext"/> and <see cref="AuditActor"/>, and returns it when the scope ends (EF
    /// resets its change tracker and connection). Creating a context without the pool costs more than its query.
    /// Modules add EF interceptors (e.g. People's search index) by registering <see cref="IInterceptor"/> singletons.
    /// </summary>
    public static IServiceCollection AddOpenCcasDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var cs = ConnectionStringOf(config, contentRoot);
        if (ProviderOf(config) == DatabaseProvider.Postgres)
        {
            var npgsql = Tuned(cs);
            AddPooled<PostgresAppDbContext>(services, o => o.UseNpgsql(npgsql).AddInterceptors(PreparedStatements.Instance));
        }
        else
            AddPooled<SqliteAppDbContext>(services, o => o.UseSqlite(cs));
        return services;
    }

    private static void AddPooled<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> provider) where TContext : AppDbContext
    {
        // Migrate's pending-model check diffs the model against the migrations' snapshot at every start (0.2 s): the
        // tests do it once (DatabaseSettingsTests), so a start does not.
        services.AddPooledDbContextFactory<TContext>((sp, o) => provider(o.AddInterceptors(sp.GetServices<IInterceptor>())
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning))));
        // The scope disposes the lease, which puts the context back in the pool.
        services.AddScoped<AppDbContext>(sp => Lease<TContext>(sp));
        services.AddScoped(sp => new ContextLeases(() => Lease<TContext>(sp)));
    }

    private static AppDbContext Lease<TContext>(IServiceProvider sp) where TContext : AppDbContext =>
        sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext()
            .BindTo(sp.GetRequiredService<TenantContext>(), sp.GetRequiredService<AuditActor>());

    /// <summary>
    /// PostgreSQL connection settings, each unless the connection string sets it.
    /// <para>
    /// A connection going back to the pool is not reset (nothing here keeps session state; the statistics' SET LOCAL
    /// ends with their transaction), which saves a DISCARD ALL before every query.
    /// </para>
    /// <para>
    /// Statements are prepared automatically once a connection has run them twice (at most <see cref="AutoPrepared"/>
    /// per connection, the least recently used given back): PostgreSQL then parses and analyses each only once per
    /// connection, and plans the ones whose plan does not depend on their values (an INSERT, an UPDATE by key) only once.
    /// On the audited write path that was a third more writes per second, and as much for the raw SQL of the same work
    /// (bench/RESULTS.md, thirteenth session). PostgreSQL's own rule decides when a prepared statement gets a generic
    /// plan: after five runs, only if it is not estimated dearer than the plans made for the values — the rule every
    /// JDBC application runs under. Where values change the plan a lot, the caller says so: the statistics plan every
    /// statement for its dates (<c>plan_cache_mode</c> in their transaction), the search asks for what it measured
    /// (<see cref="PreparedStatements"/>). With the search's first statements, automatic preparation once took prefix
    /// searches on 200,000 people from 43 to 680 ms at p95 (generic plans); with today's, no regression (bench/RESULTS.md,
    /// seventh session).
    /// </para>
    /// <para>
    /// And a planner setting, unless the connection string gives its own <c>Options</c>: random_page_cost = 1.1, the
    /// usual value for SSDs and for a database that fits in memory (PostgreSQL's default, 4, assumes spinning disks).
    /// With 4, a search matching a few hundred files of a 10,000-person organisation read the whole Person table
    /// instead of looking the few matches up by key (4.5 ms instead of 1 ms).
    /// </para>
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("No Reset On Close")) builder.NoResetOnClose = true;
        if (!given.ContainsKey("Max Auto Prepare")) builder.MaxAutoPrepare = AutoPrepared;
        if (!given.ContainsKey("Auto Prepare Min Usages")) builder.AutoPrepareMinUsages = 2;
        if (!given.ContainsKey("Options")) builder.Options = "-c random_page_cost=1.1";
        return builder.ConnectionString;
    }

    /// <summary>
    /// Statements kept prepared per connection: the hot ones of every module with room to spare. Each costs the
    /// server some memory per connection (its parsed form and plan, tens of kilobytes), hence a bound.
    /// </summary>
    public const int AutoPrepared = 64;

    /// <summary>
    /// Creates or upgrades the schema. SQLite is switched to WAL so that readers never wait for the writer, and its planner
    /// told that an organisation holds many rows (<see cref="SqlitePlannerStatistics"/>).
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await SqlitePlannerStatistics.EnsureAsync(db, ct);
        }
    }
}
