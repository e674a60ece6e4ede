using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Bench;

/// <summary>
/// Audited writes per second through the real path: each operation opens a fresh DbContext (as one request scope
/// would), with the organisation set, creates a Site or updates the one it created before, and calls
/// SaveChangesAsync (tenancy check, JSON diff, chain head lock, hash, audit insert, commit). The same work is then
/// done as plain ADO.NET (the row plus one audit row in a transaction, no EF, no hash, no chain) for the ratio.
/// </summary>
internal static class AuditWrites
{
    private const int Organisations = 8;
    private const long MaxOperationsPerWriter = 5_000_000;

    private sealed record Result(string Label, long Operations, double Seconds, double[] LatenciesMs, double CpuMs, long Commands, double JitMs, double StealPercent, double AutovacuumPercent, double GcPausePercent)
    {
        public double CpuMsPerWrite => CpuMs / Math.Max(1, Operations);
        public double CommandsPerWrite => (double)Commands / Math.Max(1, Operations);
        public double PerSecond => Operations / Seconds;
        public double JitPercentOfCore => JitMs / Seconds / 10;
        public double Percentile(double p) => LatenciesMs.Length == 0 ? 0 : LatenciesMs[Math.Min(LatenciesMs.Length - 1, (int)(p * LatenciesMs.Length))];
    }

    public static async Task<int> RunAsync(Options o)
    {
        var db = new Db(o);
        var writers = o.Int("writers", 8, 1, 64);
        var seconds = o.Int("seconds", 10, 1, 300);
        var sameOrganisation = o.Flag("same-organisation");
        // A server runs for days: the figure is its steady state. .NET compiles hot methods again, with profile-guided
        // optimisation, only after they have run a while, and on 2 busy cores that background work lags: 30 s into a run
        // the JIT still took 70 % of a core (thirteenth session). So each warm-up lasts at least --warm-up seconds and
        // then until a 5-second slice compiles for less than 1 % of its time (at most --warm-up-max seconds).
        var warmUp = TimeSpan.FromSeconds(o.Int("warm-up", 10, 1, 300));
        var warmUpMax = TimeSpan.FromSeconds(o.Int("warm-up-max", 180, 1, 900));
        await db.MigrateAsync();
        database = db;

        var audited = await CreateOrganisationsAsync(db, "écritures auditées");
        var raw = await CreateOrganisationsAsync(db, "écritures SQL brutes");
        var chained = o.Flag("skip-chained") ? null : await CreateOrganisationsAsync(db, "écritures SQL chaînées");
        // --chained-quick: the SQL + chain path as the application's quick path works (the chain's end kept in memory,
        // so one round trip and COMMIT): what this design costs with no EF Core at all. Each writer must own its
        // organisation, as each keeps its own end.
        var quick = o.Flag("chained-quick");
        if (quick && (db.Provider != DatabaseProvider.Postgres || sameOrganisation || writers > Organisations))
            throw new ArgumentException($"--chained-quick needs PostgreSQL and at most {Organisations} writers, each on its own organisation.");
        var chainLabel = quick ? "SQL + hash chain (end known, no EF)" : "SQL + hash chain (2 round trips, no EF)";
        var layout = sameOrganisation ? "all on 1 organisation" : $"spread over {Organisations} organisations";
        Console.WriteLine($"audit-writes: provider={db.Provider} writers={writers} ({layout}) seconds={seconds} cpus={Environment.ProcessorCount}");

        // Warm-up (JIT and tiering, connection pools, EF model), not counted.
        await WarmUpAsync(warmUp, warmUpMax, "audited", (slice, n) => RunWritersAsync(writers, slice, w => Target(audited, w, sameOrganisation), (org, w) => new AuditedWriter(db, org, w, $"warm {n}"), "warm-up"));
        await WarmUpAsync(warmUp, warmUpMax, "raw SQL", (slice, n) => RunWritersAsync(writers, slice, w => Target(raw, w, sameOrganisation), (org, w) => new RawWriter(db, org, w, 2 + n), "warm-up raw"));

        // Measured in --rounds rounds, audited and raw SQL (and SQL + chain) alternately: the machine's load drifts by
        // ±20 % within minutes (thirteenth session), and alternating exposes every path to the same drift. The figures
        // kept are each path's median round and the median of the rounds' ratios.
        var rounds = o.Int("rounds", 3, 1, 20);
        var efRounds = new List<Result>();
        var sqlRounds = new List<Result>();
        var chainRounds = new List<Result>();
        var calibrations = new List<double>();
        var syncs = new List<double>();
        for (var r = 1; r <= rounds; r++)
        {
            var round = r;
            calibrations.Add(Calibrate());
            syncs.Add(SyncLatency());
            efRounds.Add(await RunWritersAsync(writers, TimeSpan.FromSeconds(seconds), w => Target(audited, w, sameOrganisation),
                (org, w) => new AuditedWriter(db, org, w, $"run {round}"), "audited (EF Core + hash chain)"));
            sqlRounds.Add(await RunWritersAsync(writers, TimeSpan.FromSeconds(seconds), w => Target(raw, w, sameOrganisation),
                (org, w) => new RawWriter(db, org, w, 1000 + round), "raw SQL (row + audit row, no hash)"));
            if (chained is not null)
            {
                if (round == 1)
                    await WarmUpAsync(warmUp, warmUpMax, "SQL + chain", (slice, n) => RunWritersAsync(writers, slice, w => Target(chained, w, sameOrganisation), (org, w) => new ChainedSqlWriter(db, org, w, 2 + n, quick), "warm-up chained"));
                chainRounds.Add(await RunWritersAsync(writers, TimeSpan.FromSeconds(seconds), w => Target(chained, w, sameOrganisation),
                    (org, w) => new ChainedSqlWriter(db, org, w, 1000 + round, quick), chainLabel));
            }
            if (rounds > 1)
                Console.WriteLine($"  round {round}: audited {efRounds[^1].PerSecond:F0}/s ({efRounds[^1].CpuMsPerWrite:F2} ms CPU/write, GC pauses {efRounds[^1].GcPausePercent:F1} %, steal {efRounds[^1].StealPercent:F1} %{Vacuum(efRounds[^1])}), " +
                                  $"raw SQL {sqlRounds[^1].PerSecond:F0}/s" + (sqlRounds[^1].AutovacuumPercent < 0 ? "" : $" (autovacuum {sqlRounds[^1].AutovacuumPercent:F0} %)") + (chained is null ? "" : $", SQL + chain {chainRounds[^1].PerSecond:F0}/s") +
                                  $"; audited / raw {efRounds[^1].PerSecond / sqlRounds[^1].PerSecond:P0}; machine: sort in {calibrations[^1]:F0} ms, synchronous 8 KB write {syncs[^1]:F2} ms");
        }
        var ef = Median(efRounds);
        var sql = Median(sqlRounds);
        var chain = chained is null ? null : Median(chainRounds);
        var ratio = Median(efRounds.Zip(sqlRounds, (a, b) => a.PerSecond / b.PerSecond));

        if (rounds > 1) Console.WriteLine($"  median round of {rounds}:");
        foreach (var r in new[] { ef, sql, chain }.OfType<Result>())
            Console.WriteLine($"  {r.Label,-38} {r.Operations,8} writes in {r.Seconds:F1} s = {r.PerSecond,8:F0} writes/s   " +
                              $"latency p50 {r.Percentile(0.5):F2} ms, p95 {r.Percentile(0.95):F2} ms, p99 {r.Percentile(0.99):F2} ms; " +
                              $"bench-process CPU {r.CpuMsPerWrite:F2} ms/write (JIT {r.JitPercentOfCore:F1} % of a core; machine's steal {r.StealPercent:F1} %{Vacuum(r)})" + (r == ef ? $", {r.CommandsPerWrite:F1} EF SQL commands/write (+ COMMIT)" : r == chain && quick ? ", 1 round trip/write (+ COMMIT)" : ", 2 round trips/write (+ COMMIT)"));
        Console.WriteLine($"  load average: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"  ratio audited / raw SQL (median of the rounds): {ratio:P0}" +
                          (chain is null ? "" : $"; SQL with hash chain / raw SQL: {chain.PerSecond / sql.PerSecond:P0}"));

        var used = sameOrganisation ? audited.Take(1).ToList() : audited.Take(Math.Min(writers, Organisations)).ToList();
        if (chained is not null) used.AddRange(sameOrganisation ? chained.Take(1) : chained.Take(Math.Min(writers, Organisations)));
        var broken = 0;
        long entries = 0;
        foreach (var org in used)
        {
            var report = await db.VerifyAsync(org);
            entries += report.Entries;
            if (!report.Intact) { broken++; Console.WriteLine($"  chain of {org}: {report.Message}"); }
        }
        Console.WriteLine($"  audit chains: {used.Count} organisation(s), {entries} entries verified: {(broken == 0 ? "INTACT" : $"{broken} BROKEN")}");
        Console.WriteLine($"RESULT provider={db.Provider} writers={writers} same_org={sameOrganisation} audited_per_s={ef.PerSecond:F0} " +
                          $"raw_per_s={sql.PerSecond:F0} ratio={ratio:F3} rounds={rounds} audited_p50_ms={ef.Percentile(0.5):F2} " +
                          $"audited_p95_ms={ef.Percentile(0.95):F2} audited_cpu_ms={ef.CpuMsPerWrite:F2} raw_cpu_ms={sql.CpuMsPerWrite:F2} " +
                          $"chained_sql_per_s={chain?.PerSecond ?? 0:F0} chained_quick={quick} audited_jit_pct={ef.JitPercentOfCore:F1} audited_steal_pct={ef.StealPercent:F1} sort_ms={Median(calibrations):F0} sync_ms={Median(syncs):F2} ef_commands={ef.CommandsPerWrite:F1} chains_intact={broken == 0} load1={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        return broken == 0 ? 0 : 1;
    }

    /// <summary>Runs <paramref name="slice"/> for 5-second slices until the JIT is quiet (see above); prints how long it took.</summary>
    private static async Task WarmUpAsync(TimeSpan min, TimeSpan max, string label, Func<TimeSpan, int, Task> slice)
    {
        var watch = Stopwatch.StartNew();
        var step = TimeSpan.FromSeconds(5);
        for (var n = 0; ; n++)
        {
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            var start = watch.Elapsed;
            await slice(step, n); // n: each slice writes its own site names and raw audit sequences
            var share = (System.Runtime.JitInfo.GetCompilationTime() - jit) / (watch.Elapsed - start);
            if ((watch.Elapsed >= min && share < 0.01) || watch.Elapsed >= max)
            {
                Console.WriteLine($"  warm-up {label}: {watch.Elapsed.TotalSeconds:F0} s (JIT {share:P1} of the last slice)");
                return;
            }
        }
    }

    private static string Vacuum(Result r) => r.AutovacuumPercent < 0 ? "" : $", autovacuum {r.AutovacuumPercent:F0} % of the time";

    /// <summary>The round with the median rate (the lower middle one for an even count).</summary>
    private static Result Median(List<Result> rounds) => rounds.OrderBy(r => r.PerSecond).ElementAt((rounds.Count - 1) / 2);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private static Guid Target(List<Guid> orgs, int writer, bool same) => same ? orgs[0] : orgs[writer % orgs.Count];

    private static async Task<List<Guid>> CreateOrganisationsAsync(Db db, string purpose)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < Organisations; i++)
        {
            var org = new Organisation { Name = $"Banc d'essai {purpose} {DateTime.UtcNow:HHmmss} n° {i + 1}", Kind = OrganisationKind.Ccas };
            await using var ctx = db.Context(org.Id);
            ctx.Organisations.Add(org);
            await ctx.SaveChangesAsync();
            ids.Add(org.Id);
        }
        return ids;
    }

    internal interface IWriter
    {
        Task WriteAsync(long i);
    }

    private static Db? database;

    /// <summary>
    /// On PostgreSQL, the share of the run's seconds during which an autovacuum worker was running (sampled each second):
    /// the bench's tables grow by hundreds of thousands of rows per run, so PostgreSQL vacuums and analyses them in the
    /// middle of runs, on the same 2 cores. Null on SQLite.
    /// </summary>
    private static async Task<double?> AutovacuumShareAsync(Stopwatch watch, TimeSpan deadline)
    {
        if (database is not { Provider: DatabaseProvider.Postgres } db) return null;
        int samples = 0, busy = 0;
        await using var conn = new NpgsqlConnection(db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'", conn);
        while (watch.Elapsed < deadline)
        {
            samples++;
            if ((long)(await cmd.ExecuteScalarAsync())! > 0) busy++;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        return samples == 0 ? 0 : 100.0 * busy / samples;
    }

    private static async Task<Result> RunWritersAsync(int writers, TimeSpan duration, Func<int, Guid> organisationOf,
        Func<Guid, int, IWriter> create, string label)
    {
        var latencies = new List<double>[writers];
        var counts = new long[writers];
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var commands = database?.Commands.Count ?? 0;
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var machine = MachineTimes();
        var paused = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var deadline = duration;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var writer = create(organisationOf(w), w);
            var mine = latencies[w] = new List<double>(4096);
            for (long i = 0; i < MaxOperationsPerWriter && watch.Elapsed < deadline; i++)
            {
                var start = watch.Elapsed;
                await writer.WriteAsync(i);
                mine.Add((watch.Elapsed - start).TotalMilliseconds);
                counts[w]++;
            }
        })).ToArray();
        var autovacuum = AutovacuumShareAsync(watch, deadline);
        await Task.WhenAll(tasks);
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var machineAfter = MachineTimes();
        return new Result(label, counts.Sum(), elapsed, all, cpuMs, (database?.Commands.Count ?? 0) - commands,
            (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds,
            100.0 * (machineAfter.Steal - machine.Steal) / Math.Max(1, machineAfter.Total - machine.Total), await autovacuum ?? -1,
            100 * (GC.GetTotalPauseDuration() - paused).TotalSeconds / elapsed);
    }

    private static readonly int[] Unsorted = new Random(2026).GetItems(Enumerable.Range(0, 1_000_000).ToArray(), 1_000_000);

    /// <summary>
    /// How fast the machine is right now, measured between two runs while nothing else of ours runs: milliseconds to
    /// sort a million integers on one core (best of three). On this virtual machine it moves with its neighbours' load, and the
    /// audited and raw rates move with it; steal (below) does not show that.
    /// </summary>
    private static double Calibrate()
    {
        var best = double.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var copy = (int[])Unsorted.Clone();
            var watch = Stopwatch.StartNew();
            Array.Sort(copy);
            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }
        return best;
    }

    /// <summary>
    /// How long the disk takes to make 8 KB durable right now (mean of 100 writes with write-through to a file in the temp
    /// directory, the same disk as the bench's database here): every commit waits for one such flush of PostgreSQL's WAL.
    /// </summary>
    private static double SyncLatency()
    {
        var path = Path.Combine(Path.GetTempPath(), $"openccas-bench-sync-{Environment.ProcessId}");
        var block = new byte[8192];
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 100; i++) file.Write(block);
            return watch.Elapsed.TotalMilliseconds / 100;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// The machine's CPU time so far and the part of it the hypervisor gave to other guests ("steal", /proc/stat): on a
    /// shared virtual machine the same build measured 1,600 and 2,400 audited writes/s within ten minutes (fourteenth
    /// session), so each run says how much of the machine it did not get.
    /// </summary>
    private static (long Total, long Steal) MachineTimes()
    {
        if (!File.Exists("/proc/stat")) return (0, 0);
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
        return (fields.Take(8).Sum(), fields.Length > 7 ? fields[7] : 0); // user nice system idle iowait irq softirq steal
    }

    /// <summary>The application's path: a fresh context per write, SaveChangesAsync audits and chains.</summary>
    private sealed class AuditedWriter(Db db, Guid organisation, int writer, string tag) : IWriter
    {
        private Guid lastSite;

        public async Task WriteAsync(long i)
        {
            await using var ctx = db.Context(organisation, $"Agent de banc d'essai {writer + 1}");
            if (i % 2 == 0)
            {
                var site = new Site
                {
                    Name = $"Site {tag} {writer + 1}-{i}", Kind = SiteKind.AccessToRightsPoint,
                    Address = $"{i % 180 + 1} rue de la République, 21000 Dijon", Phone = "03 80 00 00 00",
                    OpeningHours = "Lundi au vendredi 8h30–12h",
                };
                ctx.Sites.Add(site);
                await ctx.SaveChangesAsync();
                lastSite = site.Id;
            }
            else
            {
                var site = await ctx.Sites.FindAsync(lastSite) ?? throw new InvalidOperationException("site not found");
                site.Phone = $"03 80 {i % 90 + 10} 00 00";
                site.OpeningHours = $"Lundi au vendredi 8h30–12h et 13h30–{i % 3 + 16}h";
                await ctx.SaveChangesAsync();
            }
        }
    }

    /// <summary>
    /// The floor: the same row written with plain ADO.NET, plus one audit row with a JSON detail, in one transaction.
    /// No EF Core, no hash, no chain head (so no per-organisation ordering): what the database alone costs.
    /// </summary>
    private sealed class RawWriter(Db db, Guid organisation, int writer, int phase) : IWriter
    {
        private const string InsertSite = """
            INSERT INTO "Sites" ("Id","OrganisationId","Name","Kind","Address","Phone","OpeningHours","Active","Version")
            VALUES (@id,@org,@name,@kind,@address,@phone,@hours,@active,0)
            """;
        private const string UpdateSite = """
            UPDATE "Sites" SET "Phone"=@phone, "OpeningHours"=@hours, "Version"="Version"+1 WHERE "Id"=@id AND "OrganisationId"=@org
            """;
        private const string InsertAudit = """
            INSERT INTO "AuditEntries" ("OrganisationId","Sequence","At","UserId","UserName","Action","EntityType","EntityId","Details","PreviousHash","Hash")
            VALUES (@org,@seq,@at,NULL,@user,@action,'Site',@id,@details,'','')
            """;
        private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();
        private Guid lastSite;

        private bool Sqlite => db.Provider == DatabaseProvider.Sqlite;

        private object Id(Guid g) => Sqlite ? g.ToString().ToUpperInvariant() : g;

        public async Task WriteAsync(long i)
        {
            await using DbConnection conn = Sqlite ? new SqliteConnection(db.ConnectionString) : new NpgsqlConnection(db.ConnectionString);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            var create = i % 2 == 0;
            if (create) lastSite = Guid.CreateVersion7();
            var phone = $"03 80 {i % 90 + 10} 00 00";
            var hours = $"Lundi au vendredi 8h30–12h et 13h30–{i % 3 + 16}h";
            await using (var cmd = conn.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = create ? InsertSite : UpdateSite;
                Add(cmd, "id", Id(lastSite));
                Add(cmd, "org", Id(organisation));
                Add(cmd, "phone", phone);
                Add(cmd, "hours", hours);
                if (create)
                {
                    Add(cmd, "name", $"Site brut {phase}-{writer + 1}-{i}");
                    Add(cmd, "kind", nameof(SiteKind.AccessToRightsPoint));
                    Add(cmd, "address", $"{i % 180 + 1} rue de la République, 21000 Dijon");
                    Add(cmd, "active", true);
                }
                await cmd.ExecuteNonQueryAsync();
            }
            await using (var cmd = conn.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = InsertAudit;
                var now = DateTimeOffset.UtcNow;
                Add(cmd, "org", Id(organisation));
                // Unique per organisation without a chain: phase, writer and counter.
                Add(cmd, "seq", phase * 100_000_000_000L + (writer + 1) * 1_000_000_000L + i);
                Add(cmd, "at", Sqlite ? SqliteTime.ConvertToProvider(now)! : now);
                Add(cmd, "user", $"Agent de banc d'essai {writer + 1}");
                Add(cmd, "action", create ? "Create" : "Update");
                Add(cmd, "id", lastSite.ToString());
                Add(cmd, "details", $$"""{"Phone":[null,"{{phone}}"],"OpeningHours":[null,"{{hours}}"]}""");
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
        }

        private static void Add(DbCommand cmd, string name, object value)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
    }

    /// <summary>
    /// What the chain itself costs without EF Core: the row written, the organisation's chain head read and locked in
    /// the same round trip (FOR UPDATE on PostgreSQL; SQLite already holds its write lock), then the audit row with
    /// its SHA-256 link and the head update in a second round trip, then COMMIT. Its entries are real chain links
    /// (AuditChain.HashOf), verified with the others at the end. A sketch of a leaner AuditChainWriter.
    /// With <paramref name="quick"/> (PostgreSQL, one writer per organisation) it works as the application's quick path:
    /// once it has committed a line it knows the chain's end, so the row, the line and the head moved only where it
    /// still holds that end go in one round trip, then COMMIT.
    /// </summary>
    internal sealed class ChainedSqlWriter(Db db, Guid organisation, int writer, int phase, bool quick = false) : IWriter
    {
        private const string InsertSite = """INSERT INTO "Sites" ("Id","OrganisationId","Name","Kind","Address","Phone","OpeningHours","Active","Version") VALUES (@id,@org,@name,'AccessToRightsPoint',NULL,@phone,@hours,@active,0)""";
        private const string UpdateSite = """UPDATE "Sites" SET "Phone"=@phone, "OpeningHours"=@hours, "Version"="Version"+1 WHERE "Id"=@id AND "OrganisationId"=@org""";
        private const string InsertLine = """
            INSERT INTO "AuditEntries" ("OrganisationId","Sequence","At","UserId","UserName","Action","EntityType","EntityId","Details","DetailsHash","PreviousHash","Hash")
            VALUES (@org,@seq,@at,NULL,@user,@action,'Site',@id,@details,@digest,@prev,@hash)
            """;
        private const string MoveHead = """UPDATE "AuditChainHeads" SET "LastSequence"=@seq, "LastHash"=@hash WHERE "OrganisationId"=@org""";

        private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();
        private Guid lastSite;
        private (long Sequence, string Hash)? knownEnd;
        private bool Sqlite => db.Provider == DatabaseProvider.Sqlite;
        private object Id(Guid g) => Sqlite ? g.ToString().ToUpperInvariant() : g;

        public async Task WriteAsync(long i)
        {
            var create = i % 2 == 0;
            if (create) lastSite = Guid.CreateVersion7();
            var phone = $"03 80 {i % 90 + 10} 00 00";
            var hours = $"Lundi au vendredi 8h30–12h et 13h30–{i % 3 + 16}h";
            var entry = Line(create, phone, hours);
            if (quick && knownEnd is { } end)
            {
                await WriteKnowingTheEndAsync(i, create, phone, hours, entry, end);
                return;
            }
            await using DbConnection conn = Sqlite ? new SqliteConnection(db.ConnectionString) : new NpgsqlConnection(db.ConnectionString);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            long lastSequence;
            string lastHash;
            await using (var cmd = conn.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = (create ? InsertSite : UpdateSite) + """; SELECT "LastSequence","LastHash" FROM "AuditChainHeads" WHERE "OrganisationId"=@org""" + (Sqlite ? "" : " FOR UPDATE");
                AddSite((name, value) => Add(cmd, name, value), i, create, phone, hours);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (reader.FieldCount == 0 && await reader.NextResultAsync()) { }
                if (!await reader.ReadAsync()) throw new InvalidOperationException("no chain head");
                lastSequence = reader.GetInt64(0);
                lastHash = reader.GetString(1);
            }
            var (sequence, hash) = OpenCcas.Domain.Audit.AuditChain.Link([entry], lastSequence, lastHash);
            await using (var cmd = conn.CreateCommand())
            {
                cmd.Transaction = tx;
                cmd.CommandText = InsertLine + ";\n" + MoveHead;
                AddLine((name, value) => Add(cmd, name, value), entry, sequence, hash);
                await cmd.ExecuteNonQueryAsync();
            }
            await tx.CommitAsync();
            knownEnd = (sequence, hash);
        }

        private async Task WriteKnowingTheEndAsync(long i, bool create, string phone, string hours, OpenCcas.Domain.Audit.AuditEntry entry, (long Sequence, string Hash) end)
        {
            var (sequence, hash) = OpenCcas.Domain.Audit.AuditChain.Link([entry], end.Sequence, end.Hash);
            await using var conn = new NpgsqlConnection(db.ConnectionString);
            await conn.OpenAsync();
            await using var tx = await conn.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(conn, tx);
            var site = new NpgsqlBatchCommand(create ? InsertSite : UpdateSite);
            AddSite((name, value) => Add(site, name, value), i, create, phone, hours);
            var line = new NpgsqlBatchCommand(InsertLine);
            AddLine((name, value) => Add(line, name, value), entry, sequence, hash);
            // As the application does: the head moves only where it still holds the end the line was linked to.
            var moved = new NpgsqlBatchCommand(MoveHead + """ AND "LastSequence"=@last AND "LastHash"=@prev""");
            Add(moved, "org", organisation);
            Add(moved, "seq", sequence);
            Add(moved, "hash", hash);
            Add(moved, "last", end.Sequence);
            Add(moved, "prev", end.Hash);
            batch.BatchCommands.Add(site);
            batch.BatchCommands.Add(line);
            batch.BatchCommands.Add(moved);
            await batch.ExecuteNonQueryAsync();
            if (moved.RecordsAffected != 1) throw new InvalidOperationException("the chain's end moved under this writer");
            await tx.CommitAsync();
            knownEnd = (sequence, hash);
        }

        private void AddSite(Action<string, object?> add, long i, bool create, string phone, string hours)
        {
            add("id", Id(lastSite));
            add("org", Id(organisation));
            add("phone", phone);
            add("hours", hours);
            if (!create) return;
            add("name", $"Site chaîné {phase}-{writer + 1}-{i}");
            add("active", true);
        }

        private void AddLine(Action<string, object?> add, OpenCcas.Domain.Audit.AuditEntry entry, long sequence, string hash)
        {
            add("org", Id(organisation));
            add("seq", sequence);
            add("at", Sqlite ? SqliteTime.ConvertToProvider(entry.At)! : entry.At);
            add("user", entry.UserName);
            add("action", entry.Action.ToString());
            add("id", entry.EntityId);
            add("details", entry.Details);
            add("digest", entry.DetailsHash);
            add("prev", entry.PreviousHash);
            add("hash", hash);
        }

        private OpenCcas.Domain.Audit.AuditEntry Line(bool create, string phone, string hours)
        {
            var at = DateTimeOffset.UtcNow;
            return new OpenCcas.Domain.Audit.AuditEntry
            {
                OrganisationId = organisation, At = at.AddTicks(-(at.UtcTicks % TimeSpan.TicksPerMillisecond)),
                UserName = $"Agent de banc d'essai {writer + 1}",
                Action = create ? OpenCcas.Domain.Audit.AuditAction.Create : OpenCcas.Domain.Audit.AuditAction.Update,
                EntityType = "Site", EntityId = lastSite.ToString(),
                Details = $$"""{"Phone":[null,"{{phone}}"],"OpeningHours":[null,"{{hours}}"]}""",
                PreviousHash = "", Hash = "",
            };
        }

        private static void Add(DbBatchCommand cmd, string name, object? value) => cmd.Parameters.Add(Parameter(cmd.CreateParameter(), name, value));

        private static void Add(DbCommand cmd, string name, object? value) => cmd.Parameters.Add(Parameter(cmd.CreateParameter(), name, value));

        private static DbParameter Parameter(DbParameter p, string name, object? value)
        {
            p.ParameterName = "@" + name;
            p.Value = value ?? DBNull.Value;
            return p;
        }
    }
}
