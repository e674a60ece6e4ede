using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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

    /// <summary>Modules add EF interceptors (e.g. People's search index) by registering <see cref="IInterceptor"/> singletons.</summary>
    public static IServiceCollection AddOpenCcasDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var provider = ProviderOf(config);
        var cs = ConnectionStringOf(config, contentRoot);
        if (provider == DatabaseProvider.Postgres)
        {
            var npgsql = Tuned(cs);
            services.AddDbContext<PostgresAppDbContext>((sp, o) => o.UseNpgsql(npgsql).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresAppDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteAppDbContext>((sp, o) => o.UseSqlite(cs).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteAppDbContext>());
        }
        return services;
    }

    /// <summary>
    /// PostgreSQL connection settings for an application that sends the same few hundred statements all day, unless
    /// the connection string sets them: statements are prepared once per connection (no planning on each call), and a
    /// connection going back to the pool is not reset (nothing here keeps session state), which saves a DISCARD ALL
    /// before every query.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare")) builder.MaxAutoPrepare = 500;
        if (!given.ContainsKey("No Reset On Close")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Creates or upgrades the schema. SQLite is switched to WAL so that readers never wait for the writer.</summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }
}
