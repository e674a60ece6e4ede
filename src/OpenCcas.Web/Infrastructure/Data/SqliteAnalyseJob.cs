using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Operations;

namespace OpenCcas.Web.Infrastructure.Data;

/// <summary>
/// SQLite only: describes the data to the planner every night (ANALYZE, at <c>Database:AnalyseAt</c>, 03:30 Paris time by
/// default; <c>Database:Analyse</c> false stops it). Until the first run the planner works from the estimates
/// <see cref="SqlitePlannerStatistics"/> seeds, which keep the searches on their indexes but not every statistics pass:
/// a year's statistics on 200,000 people took 11 s on a database never analysed, 3.5 s analysed. A full ANALYZE of that
/// database took 13 s, holding the write lock: hence at night. PostgreSQL analyses by itself (autovacuum).
/// </summary>
public sealed class SqliteAnalyseJob(IServiceProvider services, IConfiguration config, ILogger<SqliteAnalyseJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Database.ProviderOf(config) != DatabaseProvider.Sqlite || !config.GetValue("Database:Analyse", true)) return;
        await Nightly.RunAsync(Nightly.TimeOf(config, "Database:AnalyseAt", new TimeOnly(3, 30)), ct => AnalyseAsync(services, ct), log,
            "SQLite ANALYZE", stoppingToken);
    }

    /// <summary>Runs ANALYZE on the application's SQLite database (nothing on PostgreSQL); answers whether it ran.</summary>
    public static async Task<bool> AnalyseAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        if (!db.Database.IsSqlite()) return false;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        scope.ServiceProvider.GetRequiredService<ILogger<SqliteAnalyseJob>>().LogInformation("SQLite ANALYZE done in {Ms} ms", (int)watch.ElapsedMilliseconds);
        return true;
    }
}
