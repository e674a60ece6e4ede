using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.FollowUp.Statistics;

namespace OpenCcas.Bench;

/// <summary>
/// Where the time of a year's statistics goes: the application's <see cref="StatisticsQuery"/> run in-process (no
/// HTTP), single-threaded, with each SQL command's time from execution to the reader's end. A diagnostic, not a target.
/// </summary>
internal static class StatisticsProbe
{
    public static async Task<int> RunAsync(Options o)
    {
        var token = JsonSerializer.Deserialize<BenchToken>(await File.ReadAllTextAsync(o.Required("token-file")))!;
        var year = o.Int("year", 2026, 2000, 2100);
        var runs = o.Int("runs", 3, 1, 100);
        var timer = new CommandTimer();
        var db = new Db(o, timer);
        var filter = new StatisticsFilter(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        for (var run = 0; run <= runs; run++)
        {
            timer.Clear();
            await using var ctx = db.Context(token.OrganisationId);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            // As the application: a second context of the organisation for the passes run beside (SQLite).
            await StatisticsQuery.RunAsync(ctx, filter, 62, mask: false, leases: o.Flag("one-connection") ? null : new ContextLeases(() => db.Context(token.OrganisationId)));
            watch.Stop();
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"statistics-probe run {run}{(run == 0 ? " (warm-up)" : "")}: {watch.ElapsedMilliseconds} ms, client CPU {cpuMs:F0} ms, " +
                              $"{timer.Timings.Count} commands, load average {File.ReadAllText("/proc/loadavg").Trim()}");
            if (run == runs || o.Flag("verbose"))
                foreach (var (sql, _, ms, commandCpu) in timer.Timings)
                    Console.WriteLine($"  {ms,8:F0} ms  CPU {commandCpu,6:F0} ms  {Flat(sql)}");
        }
        // --explain: each command's plan (EXPLAIN ANALYZE on PostgreSQL, EXPLAIN QUERY PLAN on SQLite), same parameters.
        if (o.Flag("explain"))
        {
            await using var ctx = db.Context(token.OrganisationId);
            var connection = ctx.Database.GetDbConnection();
            await connection.OpenAsync();
            if (db.Provider == DatabaseProvider.Postgres)
                await using (var set = connection.CreateCommand()) { set.CommandText = "SET jit = off; SET work_mem = '32MB'"; await set.ExecuteNonQueryAsync(); }
            else // the request's temporary table, empty: enough to plan the statements that read it
                await using (var create = connection.CreateCommand())
                {
                    create.CommandText = $"CREATE TEMP TABLE \"{StatisticsQuery.AgeGroupTable}\" {StatisticsQuery.AgeGroupColumns}";
                    await create.ExecuteNonQueryAsync();
                }
            foreach (var (sql, parameters, ms, _) in timer.Timings)
            {
                await using var cmd = connection.CreateCommand();
                cmd.CommandText = (db.Provider == DatabaseProvider.Postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + sql;
                foreach (var (name, value) in parameters)
                {
                    var p = cmd.CreateParameter();
                    p.ParameterName = name;
                    p.Value = value ?? DBNull.Value;
                    cmd.Parameters.Add(p);
                }
                Console.WriteLine($"---- {ms:F0} ms\n{sql}\n{string.Join(", ", parameters.Select(x => $"{x.Name}={x.Value}"))}");
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                    Console.WriteLine("  " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)));
            }
        }
        return 0;
    }

    private static string Flat(string sql)
    {
        var s = string.Join(' ', sql.Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return s.Length > 260 ? s[..260] + "…" : s;
    }

    /// <summary>Each reader's time from execution to disposal (the rows read included).</summary>
    internal sealed class CommandTimer : DbCommandInterceptor
    {
        private readonly ConcurrentDictionary<DbCommand, (Stopwatch Watch, TimeSpan Cpu)> open = new();
        public ConcurrentQueue<(string Sql, List<(string Name, object? Value)> Parameters, double Ms, double CpuMs)> Timings { get; private set; } = new();
        public void Clear() => Timings = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            open[command] = (Stopwatch.StartNew(), Process.GetCurrentProcess().TotalProcessorTime);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (open.TryRemove(command, out var w))
                Timings.Enqueue((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList(),
                    w.Watch.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - w.Cpu).TotalMilliseconds));
            return base.DataReaderDisposing(command, eventData, result);
        }
    }
}
