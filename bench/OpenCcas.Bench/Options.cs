using Microsoft.Data.Sqlite;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Bench;

internal sealed class Options
{
    private readonly Dictionary<string, string> values = new(StringComparer.OrdinalIgnoreCase);

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            o.values[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        }
        return o;
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new ArgumentException($"--{name} is required.");

    public string? Get(string name) => values.TryGetValue(name, out var v) ? v : null;

    public int Int(string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var v)) return fallback;
        if (!int.TryParse(v, out var n) || n < min || n > max) throw new ArgumentException($"--{name} must be an integer from {min} to {max}.");
        return n;
    }

    public bool Flag(string name) => values.TryGetValue(name, out var v) && v != "false";
}

/// <summary>Builds the application's own DbContext (provider subclass, tenant, audit actor) without the web host.</summary>
internal sealed class Db
{
    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    /// <summary>Counts the SQL commands EF Core sends (round trips, COMMIT aside), to show what one audited write costs.</summary>
    public CommandCounter Commands { get; } = new();
    // Pooled, as the application registers its context (Database.AddOpenCcasDatabase).
    private readonly IDbContextFactory<SqliteAppDbContext>? sqlite;
    private readonly IDbContextFactory<PostgresAppDbContext>? postgres;

    public Db(Options o, IInterceptor? extra = null)
    {
        IInterceptor[] interceptors = extra is null ? [Commands] : [Commands, extra];
        Provider = o.Required("provider").ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            var p => throw new ArgumentException($"Unknown provider '{p}' (sqlite or postgres)."),
        };
        ConnectionString = o.Required("connection");
        // The application's PostgreSQL settings (no reset on close), for its path and the raw SQL alike.
        if (Provider == DatabaseProvider.Postgres) ConnectionString = Database.Tuned(ConnectionString);
        if (Provider == DatabaseProvider.Sqlite)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource));
            if (dir is not null) Directory.CreateDirectory(dir);
            sqlite = new PooledDbContextFactory<SqliteAppDbContext>(
                new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(ConnectionString).AddInterceptors(interceptors).Options);
        }
        else
        {
            postgres = new PooledDbContextFactory<PostgresAppDbContext>(
                new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).AddInterceptors(interceptors)
                    .AddInterceptors(PreparedStatements.Instance).Options);
        }
    }

    /// <summary>A context leased from the pool and bound to its own tenant and actor, as one request scope has; disposing it returns it.</summary>
    public AppDbContext Context(Guid? organisation, string actorName = "Banc d'essai", Guid? userId = null)
    {
        var tenant = new TenantContext();
        if (organisation is { } org) tenant.Set(org);
        var actor = new AuditActor();
        actor.Set(userId, actorName);
        AppDbContext context = Provider == DatabaseProvider.Sqlite ? sqlite!.CreateDbContext() : postgres!.CreateDbContext();
        return context.BindTo(tenant, actor);
    }

    public async Task MigrateAsync()
    {
        await using var db = Context(null);
        await Database.MigrateAsync(db);
    }

    public async Task<ChainReport> VerifyAsync(Guid organisation)
    {
        await using var db = Context(organisation);
        return await AuditVerifier.VerifyAsync(db);
    }
}

internal sealed class CommandCounter : DbCommandInterceptor
{
    private long count;
    public long Count => Interlocked.Read(ref count);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref count);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
