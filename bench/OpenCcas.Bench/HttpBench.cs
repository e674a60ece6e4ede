using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Bench;

/// <summary>
/// Benchmarks of the application's read paths through its HTTP API, each beside the raw SQL of the same reads:
/// search (p50/p95/p99 over a realistic query mix), person-file, statistics, and search-load (requests/s at N
/// concurrent clients). The web application is started as its own process (the built OpenCcas.Web.dll) against
/// the database made by <c>generate</c>, with the API token <c>generate --token-file</c> wrote. 127.0.0.1 only.
/// </summary>
internal static partial class HttpBench
{
    // ------------------------------------------------------------------ commands

    public static async Task<int> SearchAsync(Options o)
    {
        var (db, token, queries) = await PrepareAsync(o);
        var n = o.Int("requests", 2000, 10, 1_000_000);
        await using var app = await AppProcess.StartAsync(o, db);
        using var client = app.Client(token.Secret);
        Console.WriteLine($"search: {queries.Count} distinct queries ({string.Join(", ", queries.GroupBy(q => q.Kind).Select(g => $"{g.Count()} {g.Key}"))}), {n} requests, load average {LoadAverage()}");
        var cpuBefore = app.CpuSeconds();
        var app1 = await TimeRequestsAsync(client, n, i => $"/api/people/search?q={Uri.EscapeDataString(queries[i % queries.Count].Text)}&limit=20", expectJsonArray: true);
        var serverCpu = app.CpuSeconds() - cpuBefore;
        if (app1 is null) return 1;
        Report("search app", app1, $"server CPU {serverCpu * 1000 / n:F2} ms/request");
        var raw = await TimeRawAsync(db, token.OrganisationId, n, queries, RawSearchAsync);
        Report("search raw SQL", raw, "");
        Console.WriteLine($"RESULT search provider={db.Provider} app_p50_ms={app1.P(50):F1} app_p95_ms={app1.P(95):F1} app_p99_ms={app1.P(99):F1} " +
                          $"raw_p50_ms={raw.P(50):F2} raw_p95_ms={raw.P(95):F2} ratio_p95={app1.P(95) / Math.Max(0.001, raw.P(95)):F1} " +
                          $"target_p95_ms={(db.Provider == DatabaseProvider.Postgres ? 50 : 100)}");
        foreach (var kind in queries.Select(q => q.Kind).Distinct())
        {
            var idx = Enumerable.Range(0, n).Where(i => queries[i % queries.Count].Kind == kind).ToList();
            var part = new Timings(idx.Select(i => app1.Samples[i]).ToList());
            Console.WriteLine($"  {kind,-12} app p50 {part.P(50),6:F1} ms p95 {part.P(95),6:F1} ms ({idx.Count} requests)");
        }
        return 0;
    }

    public static async Task<int> PersonFileAsync(Options o)
    {
        var (db, token, _) = await PrepareAsync(o);
        var n = o.Int("requests", 1000, 10, 1_000_000);
        var ids = await SampleIdsAsync(db, token.OrganisationId, 500);
        await using var app = await AppProcess.StartAsync(o, db);
        using var client = app.Client(token.Secret);
        Console.WriteLine($"person-file: {ids.Count} people, {n} requests of GET /api/people/{{id}}, load average {LoadAverage()}");
        var api = await TimeRequestsAsync(client, n, i => $"/api/people/{ids[i % ids.Count]}", expectJsonArray: false);
        if (api is null) return 1;
        Report("GET /api/people/{id}", api, "");
        Timings? html = null;
        if (!o.Flag("skip-html"))
        {
            using var browser = await app.SignedInClientAsync(token.Email, DemoSeeder.Password);
            if (browser is null) Console.WriteLine("  HTML: sign-in of the benchmark account failed (second factor required?); HTML page not measured");
            else
            {
                html = await TimeRequestsAsync(browser, n, i => $"/personnes/{ids[i % ids.Count]}", expectJsonArray: false);
                if (html is not null) Report("GET /personnes/{id} (HTML)", html, "");
            }
        }
        var raw = await TimeRawAsync(db, token.OrganisationId, n, ids.Select(id => new Query("id", id.ToString())).ToList(), RawPersonFileAsync);
        Report("person file raw SQL (7 reads)", raw, "");
        Console.WriteLine($"RESULT person-file provider={db.Provider} api_p95_ms={api.P(95):F1} html_p95_ms={html?.P(95) ?? double.NaN:F1} raw_p95_ms={raw.P(95):F2} target_p95_ms=100");
        return 0;
    }

    public static async Task<int> StatisticsAsync(Options o)
    {
        var (db, token, _) = await PrepareAsync(o);
        var year = o.Int("year", 2026, 2000, 2100);
        var runs = o.Int("runs", 5, 1, 100);
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        await using var app = await AppProcess.StartAsync(o, db);
        using var client = app.Client(token.Secret);
        client.Timeout = TimeSpan.FromMinutes(2);
        Console.WriteLine($"statistics: GET /api/statistics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}, {runs} runs after one warm-up, load average {LoadAverage()}");
        var api = await TimeRequestsAsync(client, runs + 1, _ => $"/api/statistics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", expectJsonArray: false);
        if (api is null) return 1;
        var warm = new Timings(api.Samples.Skip(1).ToList());
        Console.WriteLine($"  first request {api.Samples[0]:F0} ms; then median {warm.P(50):F0} ms, max {warm.P(100):F0} ms");
        // --save-json FILE: the answer itself, to compare the figures of two builds on the same database.
        if (o.Get("save-json") is { } json)
        {
            await File.WriteAllTextAsync(json, await client.GetStringAsync($"/api/statistics?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}"));
            Console.WriteLine($"  answer written to {json}");
        }
        var raw = await TimeRawAsync(db, token.OrganisationId, runs, [new Query("year", year.ToString(CultureInfo.InvariantCulture))], RawStatisticsAsync);
        Console.WriteLine($"  raw SQL (the app's queries over the year): median {raw.P(50):F0} ms, max {raw.P(100):F0} ms");
        Console.WriteLine($"RESULT statistics provider={db.Provider} app_first_ms={api.Samples[0]:F0} app_median_ms={warm.P(50):F0} raw_median_ms={raw.P(50):F0} target_ms=2000");
        return 0;
    }

    public static async Task<int> SearchLoadAsync(Options o)
    {
        var (db, token, queries) = await PrepareAsync(o);
        var clients = o.Int("clients", 8, 1, 256);
        var seconds = o.Int("seconds", 10, 1, 600);
        await using var app = await AppProcess.StartAsync(o, db);
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, UseCookies = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Secret);
        // --path replaces the search by one fixed path (e.g. /api/me) to check the harness on a build without the search API.
        var fixedPath = o.Get("path");
        string Path(int i) => fixedPath ?? $"/api/people/search?q={Uri.EscapeDataString(queries[i % queries.Count].Text)}&limit=20";
        // Warm-up: one pass over the queries from one client.
        if (await TimeRequestsAsync(client, Math.Min(queries.Count, 300), Path, expectJsonArray: fixedPath is null) is null) return 1;
        if (o.Get("queries-out") is { } file)
        {
            await File.WriteAllLinesAsync(file, queries.Select(q => Path(queries.IndexOf(q))));
            Console.WriteLine($"  request paths written to {file} (for wrk)");
        }
        // The same loop first for --warm-up seconds, not counted: .NET recompiles hot methods with profile-guided
        // optimisation only after they have run a while (a server runs for days); measured from a 10 s warm-up, the server
        // used 1.4 ms of CPU per search, after 40 s of load 0.7 ms.
        var warmUp = o.Int("warm-up", 20, 0, 600);
        var samples = new List<double>[clients];
        var errors = 0;
        async Task LoopAsync(TimeSpan stop, Stopwatch watch) => await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = samples[c] = new List<double>(100_000);
            var i = c * 7919;
            while (watch.Elapsed < stop && mine.Count < 5_000_000)
            {
                var t = Stopwatch.GetTimestamp();
                using var r = await client.GetAsync(Path(i++));
                await r.Content.LoadIntoBufferAsync();
                if (r.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })));
        if (warmUp > 0)
        {
            Console.WriteLine($"search-load: warm-up, {clients} clients for {warmUp} s (not counted)");
            await LoopAsync(TimeSpan.FromSeconds(warmUp), Stopwatch.StartNew());
            errors = 0;
        }
        Console.WriteLine($"search-load: {clients} clients for {seconds} s (in-process HttpClient loop), load average before {LoadAverage()}");
        var serverBefore = app.CpuSeconds();
        var clientBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var watch = Stopwatch.StartNew();
        await LoopAsync(TimeSpan.FromSeconds(seconds), watch);
        var elapsed = watch.Elapsed.TotalSeconds;
        var serverCpu = app.CpuSeconds() - serverBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientBefore;
        var all = new Timings(samples.SelectMany(s => s).ToList());
        var cores = Environment.ProcessorCount;
        Console.WriteLine($"  {all.Count} requests in {elapsed:F1} s: {all.Count / elapsed:F0} req/s, p50 {all.P(50):F1} ms, p95 {all.P(95):F1} ms, p99 {all.P(99):F1} ms, {errors} non-200");
        Console.WriteLine($"  CPU over the run ({cores} cores = {cores * elapsed:F0} core-seconds): server {serverCpu:F1} s ({100 * serverCpu / (cores * elapsed):F0} %), " +
                          $"client (this process) {clientCpu:F1} s ({100 * clientCpu / (cores * elapsed):F0} %); load average after {LoadAverage()}");
        Console.WriteLine($"RESULT search-load provider={db.Provider} clients={clients} rps={all.Count / elapsed:F0} p95_ms={all.P(95):F1} errors={errors} " +
                          $"server_cpu_pct={100 * serverCpu / (cores * elapsed):F0} client_cpu_pct={100 * clientCpu / (cores * elapsed):F0} target_rps=1500 target_p95_ms=20");
        var appRps = all.Count / elapsed;
        // wrk is the lighter client: its figure, when there is one, is the app's throughput the ratio compares with.
        if (o.Flag("wrk") && await WrkAsync(app, token.Secret, queries.Select((_, i) => Path(i)).ToList(), clients, seconds, db.Provider) is var w && !double.IsNaN(w))
            appRps = w;
        await RawLoadAsync(db, token.OrganisationId, queries, clients, seconds, appRps);
        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// The raw SQL half of search-load: the same clients, each on its own connection, run the raw search SQL of the same
    /// query mix for the same time (the application is idle meanwhile). Ratio = raw requests/s over the app's.
    /// </summary>
    private static async Task RawLoadAsync(Db db, Guid org, List<Query> queries, int clients, int seconds, double appRps)
    {
        var postgres = db.Provider == DatabaseProvider.Postgres;
        var samples = new List<double>[clients];
        var watch = new Stopwatch();
        var ready = new TaskCompletionSource();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            await using var ctx = db.Context(org);
            var connection = ctx.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var cmd = connection.CreateCommand();
            for (var k = 0; k < 50; k++) await RawSearchAsync(cmd, org, queries[(c * 31 + k) % queries.Count], postgres);
            var mine = samples[c] = new List<double>(100_000);
            await ready.Task;
            var i = c * 7919;
            while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var t = Stopwatch.GetTimestamp();
                await RawSearchAsync(cmd, org, queries[i++ % queries.Count], postgres);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })).ToList();
        await Task.Delay(500);
        watch.Start();
        ready.SetResult();
        await Task.WhenAll(tasks);
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = new Timings(samples.SelectMany(s => s).ToList());
        var rps = all.Count / elapsed;
        Console.WriteLine($"  raw SQL, {clients} connections for {seconds} s: {rps:F0} queries/s, p50 {all.P(50):F1} ms, p95 {all.P(95):F1} ms");
        Console.WriteLine($"RESULT search-load-raw provider={db.Provider} clients={clients} rps={rps:F0} p95_ms={all.P(95):F1} ratio_raw_over_app={rps / appRps:F2}");
    }

    /// <summary>
    /// The same load from wrk (a C client, far lighter than HttpClient): a Lua script sets the bearer header and cycles
    /// through the query paths. wrk's CPU comes from bash's <c>times</c> (children), the server's from /proc.
    /// </summary>
    private static async Task<double> WrkAsync(AppProcess app, string secret, List<string> paths, int clients, int seconds, DatabaseProvider provider)
    {
        var dir = Path.Combine(Path.GetTempPath(), "openccas-wrk-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        try
        {
            var lua = Path.Combine(dir, "search.lua");
            var list = string.Join(",\n", paths.Select(p => "  \"" + p.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));
            await File.WriteAllTextAsync(lua, $$"""
                local paths = {
                {{list}}
                }
                local i = 0
                wrk.headers["Authorization"] = "Bearer {{secret}}"
                request = function()
                  i = i + 1
                  return wrk.format("GET", paths[(i % #paths) + 1])
                end
                """);
            var threads = Math.Min(clients, Environment.ProcessorCount);
            var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add($"wrk -t{threads} -c{clients} -d{seconds}s --latency -s '{lua}' '{app.Url}' && times");
            var serverBefore = app.CpuSeconds();
            var watch = Stopwatch.StartNew();
            using var wrk = Process.Start(psi)!;
            var output = await wrk.StandardOutput.ReadToEndAsync();
            var error = await wrk.StandardError.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            var elapsed = watch.Elapsed.TotalSeconds;
            var serverCpu = app.CpuSeconds() - serverBefore;
            if (wrk.ExitCode != 0) { Console.WriteLine($"  wrk failed ({wrk.ExitCode}): {error.Trim()} (install it: apt-get install -y wrk)"); return double.NaN; }
            Console.WriteLine($"  wrk -t{threads} -c{clients} -d{seconds}s:");
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Console.WriteLine("    " + line);
            // bash "times": the shell's user/system, then its children's (wrk).
            var times = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double Seconds(string t) { var m = t.IndexOf('m'); return double.Parse(t[..m], CultureInfo.InvariantCulture) * 60 + double.Parse(t[(m + 1)..^1], CultureInfo.InvariantCulture); }
            var wrkCpu = times.Length == 2 ? Seconds(times[0]) + Seconds(times[1]) : double.NaN;
            var rps = RequestsPerSecRegex().Match(output) is { Success: true } m2 ? double.Parse(m2.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;
            var p99 = LatencyRegex().Match(output) is { Success: true } m3 ? m3.Groups[1].Value + m3.Groups[2].Value : "?";
            var non2xx = Non2xxRegex().Match(output) is { Success: true } m4 ? m4.Groups[1].Value : "0";
            var cores = Environment.ProcessorCount;
            Console.WriteLine($"  CPU: server {serverCpu:F1} s ({100 * serverCpu / (cores * elapsed):F0} % of {cores} cores), wrk {wrkCpu:F1} s ({100 * wrkCpu / (cores * elapsed):F0} %)");
            Console.WriteLine($"RESULT search-load-wrk provider={provider} clients={clients} rps={rps:F0} p99={p99} non2xx={non2xx} " +
                              $"server_cpu_pct={100 * serverCpu / (cores * elapsed):F0} wrk_cpu_pct={100 * wrkCpu / (cores * elapsed):F0} (wrk --latency prints p50/p75/p90/p99)");
            return rps;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecRegex();
    [GeneratedRegex(@"99%\s+([0-9.]+)(\w+)")]
    private static partial Regex LatencyRegex();
    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xxRegex();

    /// <summary>Starts the app against the database and calls GET /api/me with the token: checks the harness on what exists.</summary>
    public static async Task<int> SmokeAsync(Options o)
    {
        var (db, token, queries) = await PrepareAsync(o);
        await using var app = await AppProcess.StartAsync(o, db);
        using var client = app.Client(token.Secret);
        var me = await TimeRequestsAsync(client, 50, _ => "/api/me", expectJsonArray: false);
        if (me is null) return 1;
        Report("GET /api/me", me, "");
        var raw = await TimeRawAsync(db, token.OrganisationId, 200, queries, RawSearchAsync);
        Report("search raw SQL", raw, $"({queries.Count} queries; e.g. {string.Join(" | ", queries.GroupBy(q => q.Kind).Select(g => $"{g.Key}: '{g.First().Text}'"))})");
        var ids = await SampleIdsAsync(db, token.OrganisationId, 50);
        Report("person file raw SQL", await TimeRawAsync(db, token.OrganisationId, 200, ids.Select(id => new Query("id", id.ToString())).ToList(), RawPersonFileAsync), "");
        Report("statistics raw SQL", await TimeRawAsync(db, token.OrganisationId, 2, [new Query("year", "2026")], RawStatisticsAsync), "");
        return 0;
    }

    // ------------------------------------------------------------------ queries

    internal sealed record Query(string Kind, string Text);

    private static async Task<(Db Db, BenchToken Token, List<Query> Queries)> PrepareAsync(Options o)
    {
        var db = new Db(o);
        var token = JsonSerializer.Deserialize<BenchToken>(await File.ReadAllTextAsync(o.Required("token-file")))
                    ?? throw new ArgumentException("--token-file: unreadable");
        var queries = await QueryMixAsync(db, token.OrganisationId, o.Int("queries", 1000, 10, 100_000), o.Int("seed", 7, 0, int.MaxValue));
        return (db, token, queries);
    }

    /// <summary>
    /// A reception desk's mix, from people of the organisation: 35 % surname prefixes (3 to 5 letters), 25 % full
    /// names, 15 % names with one typo, 15 % birth dates (dd/MM/yyyy), 10 % phone numbers.
    /// </summary>
    internal static async Task<List<Query>> QueryMixAsync(Db db, Guid org, int count, int seed)
    {
        var random = new Random(seed);
        var people = new List<(string Last, string First, DateOnly? Birth, string? Phone)>();
        await using (var ctx = db.Context(org))
        {
            var total = await ctx.Set<Domain.People.Person>().CountAsync();
            if (total == 0) throw new ArgumentException("The organisation of the token has no people: run generate with --people.");
            var step = Math.Max(1, total / (count * 2));
            people = (await ctx.Set<Domain.People.Person>().AsNoTracking().Where(p => p.FileNumber % step == 0)
                    .OrderBy(p => p.FileNumber).Take(count * 2).Select(p => new { p.LastName, p.FirstNames, p.BirthDate, p.Phone }).ToListAsync())
                .Select(p => (p.LastName, p.FirstNames, p.BirthDate, p.Phone)).ToList();
        }
        var queries = new List<Query>(count);
        while (queries.Count < count)
        {
            var p = people[random.Next(people.Count)];
            var roll = random.Next(100);
            if (roll < 35) queries.Add(new Query("prefix", p.Last[..Math.Min(p.Last.Length, random.Next(3, 6))]));
            else if (roll < 60) queries.Add(new Query("full name", random.Next(2) == 0 ? $"{p.Last} {p.First}" : $"{p.First} {p.Last}"));
            else if (roll < 75) queries.Add(new Query("typo", Typo(p.Last, random)));
            else if (roll < 90 && p.Birth is { } b) queries.Add(new Query("birth date", b.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)));
            else
            {
                // Phone numbers: 10 % of the queries, from people who have one.
                for (var k = 0; k < 50 && p.Phone is null; k++) p = people[random.Next(people.Count)];
                if (p.Phone is { } phone) queries.Add(new Query("phone", phone));
            }
        }
        return queries;
    }

    private static string Typo(string name, Random random)
    {
        if (name.Length < 4) return name + "e";
        var i = 1 + random.Next(name.Length - 2);
        return random.Next(3) switch
        {
            0 => name[..i] + name[(i + 1)..],                                 // a letter missing
            1 => name[..i] + name[i + 1] + name[i] + name[(i + 2)..],          // two letters swapped
            _ => name[..i] + (char)('a' + random.Next(26)) + name[(i + 1)..],  // a letter wrong
        };
    }

    private static async Task<List<Guid>> SampleIdsAsync(Db db, Guid org, int count)
    {
        await using var ctx = db.Context(org);
        var total = await ctx.Set<Domain.People.Person>().CountAsync();
        var step = Math.Max(1, total / count);
        return await ctx.Set<Domain.People.Person>().Where(p => p.FileNumber % step == 0).OrderBy(p => p.FileNumber).Take(count).Select(p => p.Id).ToListAsync();
    }

    // ------------------------------------------------------------------ raw SQL of the same reads

    private static string Fold(string s) =>
        new string(s.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray())
            .ToLowerInvariant();

    /// <summary>
    /// The core of the search as plain SQL, the baseline of the ratios: a birth date or a phone number matched exactly;
    /// otherwise every word as a prefix range on the search-term index, the people holding every word, 20 rows in name
    /// order. It is less work than the app's query (no one-typo variants, no exact-before-prefix ranking, no access
    /// filter, no file-number lookup), so the ratio is an upper bound of the application's overhead.
    /// </summary>
    private static void RawSearchSql(DbCommand cmd, Guid org, string q, bool postgres)
    {
        cmd.Parameters.Clear();
        Add(cmd, "org", postgres ? org : org.ToString().ToUpperInvariant());
        const string select = "SELECT \"Id\", \"FileNumber\", \"LastName\", \"FirstNames\", \"BirthDate\", \"Phone\", \"City\", \"Status\" FROM \"Person\" WHERE \"OrganisationId\" = @org AND ";
        if (DateOnly.TryParseExact(q, "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
        {
            cmd.CommandText = select + "\"BirthDate\" = @birth ORDER BY \"LastName\", \"FirstNames\" LIMIT 20";
            Add(cmd, "birth", postgres ? birth : birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return;
        }
        if (q.Count(char.IsAsciiDigit) >= 6)
        {
            cmd.CommandText = select + "\"Phone\" = @phone ORDER BY \"LastName\", \"FirstNames\" LIMIT 20";
            Add(cmd, "phone", q);
            return;
        }
        // The core of the app's name search: each word as a prefix range on the search-term index (Kind 0 = a name
        // word), the people holding every word, in the app's order. (The app also looks up one-typo variants and ranks
        // exact before prefix matches: more work than this raw query does.)
        var words = Fold(q).Split([' ', '-', '\''], StringSplitOptions.RemoveEmptyEntries);
        var sb = new StringBuilder(select);
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0) sb.Append(" AND ");
            sb.Append($"\"Id\" IN (SELECT \"PersonId\" FROM \"PersonSearchTerms\" WHERE \"OrganisationId\" = @org AND \"Kind\" = 0 AND \"Term\" >= @w{i} AND \"Term\" < @x{i})");
            Add(cmd, $"w{i}", words[i]);
            Add(cmd, $"x{i}", words[i][..^1] + (char)(words[i][^1] + 1));
        }
        sb.Append(" ORDER BY \"SearchName\", \"FileNumber\" LIMIT 20");
        cmd.CommandText = sb.ToString();
    }

    private static async Task RawSearchAsync(DbCommand cmd, Guid org, Query q, bool postgres)
    {
        RawSearchSql(cmd, org, q.Text, postgres);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
    }

    /// <summary>The person file's reads: the person, teams, household members, incomes, charges, consents, last 20 interviews.</summary>
    private static async Task RawPersonFileAsync(DbCommand cmd, Guid org, Query q, bool postgres)
    {
        object id = postgres ? Guid.Parse(q.Text) : q.Text.ToUpperInvariant();
        object o = postgres ? org : org.ToString().ToUpperInvariant();
        string[] statements =
        [
            "SELECT * FROM \"Person\" WHERE \"OrganisationId\" = @org AND \"Id\" = @id",
            "SELECT \"TeamId\" FROM \"PersonTeam\" WHERE \"OrganisationId\" = @org AND \"PersonId\" = @id",
            "SELECT m2.*, p.\"LastName\", p.\"FirstNames\", p.\"BirthDate\" FROM \"HouseholdMember\" m JOIN \"HouseholdMember\" m2 ON m2.\"HouseholdId\" = m.\"HouseholdId\" AND m2.\"LeftOn\" IS NULL " +
                "JOIN \"Person\" p ON p.\"Id\" = m2.\"PersonId\" WHERE m.\"OrganisationId\" = @org AND m.\"PersonId\" = @id AND m.\"LeftOn\" IS NULL",
            "SELECT * FROM \"PersonIncome\" WHERE \"OrganisationId\" = @org AND \"PersonId\" = @id",
            "SELECT * FROM \"PersonCharge\" WHERE \"OrganisationId\" = @org AND \"PersonId\" = @id",
            "SELECT * FROM \"PersonConsent\" WHERE \"OrganisationId\" = @org AND \"PersonId\" = @id",
            "SELECT * FROM \"Interview\" WHERE \"OrganisationId\" = @org AND \"PersonId\" = @id ORDER BY \"At\" DESC LIMIT 20",
        ];
        foreach (var sql in statements)
        {
            cmd.Parameters.Clear();
            Add(cmd, "org", o);
            Add(cmd, "id", id);
            cmd.CommandText = sql;
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
    }

    /// <summary>
    /// A year's statistics, the same passes as the application's StatisticsQuery (whole organisation, senior age 62):
    /// interviews by age group and mode, appointments by age group, site and status (age groups from three sets of
    /// people on PostgreSQL, from a temporary table on SQLite; the people turning 62 read row by row), contacts by channel and reason, the people followed grouped by
    /// age band, sex, family, new, household and income, the distinct households, incomes by kind, files created,
    /// sites and reasons. On PostgreSQL in one read-only transaction without JIT and with 32 MB of work memory, as the app.
    /// </summary>
    private static async Task RawStatisticsAsync(DbCommand cmd, Guid org, Query q, bool postgres)
    {
        var year = int.Parse(q.Text, CultureInfo.InvariantCulture);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        DateTimeOffset StartOfDay(DateOnly d) => new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), paris.GetUtcOffset(d.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();
        var (fromDay, toDay) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var (from, to) = (StartOfDay(fromDay), StartOfDay(toDay.AddDays(1)));
        // SQLite stores DateTimeOffset through the app's converter; compare with the stored form EF writes.
        object F(DateTimeOffset d) => postgres ? d : StoredSqlite(d);
        object D(DateOnly d) => postgres ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var seniorAll = Domain.FollowUp.AgeBands.BornOnOrBeforeForAge(62, fromDay);
        var seniorSome = Domain.FollowUp.AgeBands.BornOnOrBeforeForAge(62, toDay);
        var cut = Domain.FollowUp.AgeBands.All.Select(b => Domain.FollowUp.AgeBands.BornOnOrBeforeForAge(b.MinAge, toDay)).ToArray();
        const string Org = "\"OrganisationId\" = @org";
        var sets = $"""
            CASE WHEN x."PersonId" IS NULL THEN 2
                 WHEN x."PersonId" IN (SELECT "Id" FROM "Person" WHERE {Org} AND "BirthDate" <= @seniorAll) THEN 1
                 WHEN x."PersonId" IN (SELECT "Id" FROM "Person" WHERE {Org} AND "BirthDate" IS NULL) THEN 2
                 WHEN x."PersonId" IN (SELECT "Id" FROM "Person" WHERE {Org} AND "BirthDate" > @seniorAll AND "BirthDate" <= @seniorSome) THEN 3
                 ELSE 0 END
            """;
        // The followed people as the app tests them: an interview of the person in the period (EXISTS).
        static string Followed(string person) =>
            $"EXISTS (SELECT 1 FROM \"Interview\" f WHERE f.\"OrganisationId\" = @org AND f.\"PersonId\" = {person} AND f.\"At\" >= @from AND f.\"At\" < @to)";
        const string Members = "\"OrganisationId\" = @org AND \"JoinedOn\" <= @toDay AND (\"LeftOn\" IS NULL OR \"LeftOn\" > @fromDay)";
        string Turning(string table, string at) =>
            $"SELECT p.\"BirthDate\", x.\"{at}\" FROM \"{table}\" x JOIN \"Person\" p ON p.\"Id\" = x.\"PersonId\" AND p.\"OrganisationId\" = @org " +
            $"WHERE x.\"OrganisationId\" = @org AND x.\"{at}\" >= @from AND x.\"{at}\" < @to AND p.\"BirthDate\" > @seniorAll AND p.\"BirthDate\" <= @seniorSome";
        // SQLite: as the app, no GROUP BY over a year's rows but one range count per known key (mode; site and status;
        // channel and reason) on the SQLite-only indexes, with the rows' age groups packed in one sum (21 bits each) from
        // a temporary table of the people senior, turning senior or of unknown age, filled once; no second count of the
        // period's rows. Here on one connection, one statement after the other (the app runs the people's passes on a
        // second connection beside these).
        var sites = new List<string>();
        if (!postgres)
        {
            cmd.Parameters.Clear();
            Add(cmd, "org", org.ToString().ToUpperInvariant());
            cmd.CommandText = "SELECT \"Id\" FROM \"Sites\" WHERE \"OrganisationId\" = @org";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) sites.Add(reader.GetString(0));
        }
        const string Lookup = "COALESCE((SELECT g.\"Packed\" FROM temp.\"StatisticsAgeGroups\" g WHERE g.\"PersonKey\" = x.\"PersonId\"), 0)";
        string[] byKey = postgres ? [] :
        [
            $"""
            DROP TABLE IF EXISTS temp."StatisticsAgeGroups";
            CREATE TEMP TABLE "StatisticsAgeGroups" ("PersonKey" TEXT NOT NULL PRIMARY KEY, "Packed" INTEGER NOT NULL) WITHOUT ROWID;
            INSERT INTO temp."StatisticsAgeGroups" SELECT "Id", CASE WHEN "BirthDate" IS NULL THEN {1L << 21} WHEN "BirthDate" <= @seniorAll THEN 1 ELSE {1L << 42} END
            FROM "Person" WHERE {Org} AND ("BirthDate" IS NULL OR "BirthDate" <= @seniorSome)
            """,
            .. Enum.GetNames<Domain.FollowUp.InterviewMode>().Select(m =>
                $"SELECT COUNT(*), SUM({Lookup}) FROM \"Interview\" x WHERE x.{Org} AND x.\"Mode\" = '{m}' AND x.\"At\" >= @from AND x.\"At\" < @to"),
            .. sites.SelectMany(site => Enum.GetNames<Domain.Reception.AppointmentStatus>().Select(st =>
                $"SELECT COUNT(*), SUM(CASE WHEN x.\"PersonId\" IS NULL THEN {1L << 21} ELSE {Lookup} END) FROM \"Appointment\" x " +
                $"WHERE x.{Org} AND x.\"SiteId\" = '{site}' AND x.\"Status\" = '{st}' AND x.\"Start\" >= @from AND x.\"Start\" < @to")),
            .. Enum.GetNames<Domain.Reception.ContactChannel>().SelectMany(c => new[]
            {
                $"SELECT r.\"Id\", (SELECT COUNT(*) FROM \"ReceptionVisit\" x WHERE x.{Org} AND x.\"Channel\" = '{c}' AND x.\"ReasonId\" = r.\"Id\" AND x.\"At\" >= @from AND x.\"At\" < @to) FROM \"ReceptionReason\" r WHERE r.{Org}",
                $"SELECT COUNT(*) FROM \"ReceptionVisit\" WHERE \"OrganisationId\" = @org AND \"Channel\" = '{c}' AND \"ReasonId\" IS NULL AND \"At\" >= @from AND \"At\" < @to",
            }),
        ];
        string[] grouped = !postgres ? [] :
        [
            $"SELECT {sets} AS g, x.\"Mode\", COUNT(*) FROM \"Interview\" x WHERE x.{Org} AND x.\"At\" >= @from AND x.\"At\" < @to GROUP BY 1, 2",
            $"SELECT {sets} AS g, x.\"SiteId\", x.\"Status\", COUNT(*) FROM \"Appointment\" x WHERE x.{Org} AND x.\"Start\" >= @from AND x.\"Start\" < @to GROUP BY 1, 2, 3",
            "SELECT \"Channel\", \"ReasonId\", COUNT(*) FROM \"ReceptionVisit\" WHERE \"OrganisationId\" = @org AND \"At\" >= @from AND \"At\" < @to GROUP BY 1, 2",
        ];
        string[] statements =
        [
            .. byKey, .. grouped,
            Turning("Interview", "At"),
            Turning("Appointment", "Start"),
            $"""
            SELECT band, "Sex", "Family", new, household, income, COUNT(*) FROM (
              SELECT CASE WHEN p."BirthDate" IS NULL THEN -1 WHEN p."BirthDate" <= @c5 THEN 5 WHEN p."BirthDate" <= @c4 THEN 4
                          WHEN p."BirthDate" <= @c3 THEN 3 WHEN p."BirthDate" <= @c2 THEN 2 WHEN p."BirthDate" <= @c1 THEN 1 ELSE 0 END AS band,
                     p."Sex", p."Family",
                     NOT EXISTS (SELECT 1 FROM "Interview" i WHERE i.{Org} AND i."PersonId" = p."Id" AND i."At" < @from) AS new,
                     EXISTS (SELECT 1 FROM "HouseholdMember" m WHERE m.{Members} AND m."PersonId" = p."Id") AS household,
                     EXISTS (SELECT 1 FROM "PersonIncome" r WHERE r.{Org} AND r."PersonId" = p."Id") AS income
              FROM "Person" p WHERE p.{Org} AND {Followed("p.\"Id\"")}) s
            GROUP BY 1, 2, 3, 4, 5, 6
            """,
            $"SELECT COUNT(*) FROM (SELECT DISTINCT \"HouseholdId\" FROM \"HouseholdMember\" WHERE {Members} AND {Followed("\"HouseholdMember\".\"PersonId\"")}) h",
            $"SELECT \"Kind\", COUNT(DISTINCT \"PersonId\") FROM \"PersonIncome\" WHERE {Org} AND {Followed("\"PersonIncome\".\"PersonId\"")} GROUP BY 1",
            "SELECT COUNT(*) FROM \"Person\" WHERE \"OrganisationId\" = @org AND \"CreatedAt\" >= @from AND \"CreatedAt\" < @to",
            "SELECT \"Id\", \"Name\" FROM \"Sites\" WHERE \"OrganisationId\" = @org",
            "SELECT \"Id\", \"Label\", \"SortOrder\" FROM \"ReceptionReason\" WHERE \"OrganisationId\" = @org",
        ];
        await using var transaction = postgres ? await cmd.Connection!.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead) : null;
        cmd.Transaction = transaction;
        if (postgres)
        {
            cmd.Parameters.Clear();
            cmd.CommandText = "SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'";
            await cmd.ExecuteNonQueryAsync();
        }
        foreach (var sql in statements)
        {
            cmd.Parameters.Clear();
            Add(cmd, "org", postgres ? org : org.ToString().ToUpperInvariant());
            Add(cmd, "from", F(from));
            Add(cmd, "to", F(to));
            Add(cmd, "fromDay", D(fromDay));
            Add(cmd, "toDay", D(toDay));
            Add(cmd, "seniorAll", D(seniorAll));
            Add(cmd, "seniorSome", D(seniorSome));
            for (var i = 1; i <= 5; i++) Add(cmd, "c" + i, D(cut[i]));
            cmd.CommandText = sql;
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { }
        }
        if (transaction is not null) await transaction.CommitAsync();
        cmd.Transaction = null;
        if (!postgres)
        {
            cmd.Parameters.Clear();
            cmd.CommandText = "DROP TABLE temp.\"StatisticsAgeGroups\"";
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private static Func<DateTimeOffset, object>? sqliteDate;

    /// <summary>The value EF stores in SQLite for a DateTimeOffset (the app's own converter, from the model).</summary>
    private static object StoredSqlite(DateTimeOffset d) => sqliteDate!(d);

    private static void Add(DbCommand cmd, string name, object value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.Value = value;
        cmd.Parameters.Add(p);
    }

    // ------------------------------------------------------------------ timing

    internal sealed class Timings(List<double> samples)
    {
        public List<double> Samples { get; } = samples;
        private readonly double[] sorted = samples.Order().ToArray();
        public int Count => sorted.Length;
        public double P(double percentile) =>
            sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static void Report(string label, Timings t, string extra) =>
        Console.WriteLine($"  {label,-34} n={t.Count,6} p50 {t.P(50),8:F2} ms  p95 {t.P(95),8:F2} ms  p99 {t.P(99),8:F2} ms  max {t.P(100),8:F1} ms {extra}");

    /// <summary>Sequential requests (one client); every answer must be 200 (and a JSON array for search). Null on failure.</summary>
    private static async Task<Timings?> TimeRequestsAsync(HttpClient client, int n, Func<int, string> path, bool expectJsonArray)
    {
        // Warm-up (JIT, plan caches, connection pool), not counted.
        for (var i = 0; i < Math.Min(20, n); i++)
        {
            using var w = await client.GetAsync(path(n - 1 - i));
            if (w.StatusCode != HttpStatusCode.OK)
            {
                Console.WriteLine($"  GET {path(n - 1 - i)} answered {(int)w.StatusCode} {w.StatusCode}: {Truncate(await w.Content.ReadAsStringAsync())}");
                if (w.StatusCode == HttpStatusCode.NotFound) Console.WriteLine("  (the API is not on this build: it comes with the merge of issue 3's branches)");
                return null;
            }
            if (expectJsonArray && !(await w.Content.ReadAsStringAsync()).TrimStart().StartsWith('['))
            {
                Console.WriteLine($"  GET {path(n - 1 - i)} did not answer a JSON array");
                return null;
            }
        }
        var samples = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var t = Stopwatch.GetTimestamp();
            using var r = await client.GetAsync(path(i));
            await r.Content.LoadIntoBufferAsync();
            samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            if (r.StatusCode != HttpStatusCode.OK) { Console.WriteLine($"  GET {path(i)} answered {(int)r.StatusCode}"); return null; }
        }
        return new Timings(samples);
    }

    private static async Task<Timings> TimeRawAsync(Db db, Guid org, int n, IReadOnlyList<Query> queries, Func<DbCommand, Guid, Query, bool, Task> run)
    {
        await using var ctx = db.Context(org);
        if (db.Provider == DatabaseProvider.Sqlite && sqliteDate is null)
        {
            var mapping = ctx.Model.FindEntityType(typeof(Domain.Reception.Appointment))!.FindProperty("Start")!.GetTypeMapping();
            sqliteDate = d => mapping.Converter?.ConvertToProvider(d) ?? d;
        }
        var connection = ctx.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        var postgres = db.Provider == DatabaseProvider.Postgres;
        for (var i = 0; i < Math.Min(20, n); i++) await run(cmd, org, queries[(n - 1 - i) % queries.Count], postgres);
        var samples = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await run(cmd, org, queries[i % queries.Count], postgres);
            samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        return new Timings(samples);
    }

    private static string Truncate(string s) => s.Length > 200 ? s[..200] + "…" : s;

    internal static string LoadAverage() => File.ReadAllText("/proc/loadavg").Trim();

    // ------------------------------------------------------------------ the web application as a process

    internal sealed partial class AppProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly string dataDir;
        public string Url { get; }

        private AppProcess(Process process, string url, string dataDir) { this.process = process; Url = url; this.dataDir = dataDir; }

        /// <summary>Starts OpenCcas.Web.dll (--project-dll) on a free 127.0.0.1 port against the benchmark database; waits for /connexion.</summary>
        public static async Task<AppProcess> StartAsync(Options o, Db db)
        {
            var dll = Path.GetFullPath(o.Get("project-dll") ?? "src/OpenCcas.Web/bin/Release/net10.0/OpenCcas.Web.dll");
            if (!File.Exists(dll)) throw new ArgumentException($"{dll} does not exist: build Release first (or pass --project-dll).");
            var root = o.Get("repo-root") ?? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..", "..", ".."));
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            var url = $"http://127.0.0.1:{port}";
            var dataDir = Path.Combine(Path.GetTempPath(), "openccas-bench-http-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(dataDir);
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(dll);
            psi.ArgumentList.Add("--urls");
            psi.ArgumentList.Add(url);
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            psi.Environment["Demo__Enabled"] = "false";
            psi.Environment["Database__Provider"] = db.Provider.ToString();
            psi.Environment["ConnectionStrings__OpenCcas"] = db.ConnectionString;
            psi.Environment["Database__DataDirectory"] = dataDir;
            psi.Environment["Logging__LogLevel__Default"] = "Warning";
            var tail = new Queue<string>();
            void Keep(string? line) { if (line is null) return; lock (tail) { tail.Enqueue(line); if (tail.Count > 20) tail.Dequeue(); } }
            var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
            process.OutputDataReceived += (_, e) => Keep(e.Data);
            process.ErrorDataReceived += (_, e) => Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var app = new AppProcess(process, url, dataDir);
            using var probe = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(120) && !process.HasExited)
            {
                try
                {
                    using var r = await probe.GetAsync($"{url}/connexion");
                    if (r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found)
                    {
                        Console.WriteLine($"  app started on {url} ({db.Provider}) in {watch.Elapsed.TotalSeconds:F1} s");
                        return app;
                    }
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(50);
            }
            lock (tail) foreach (var l in tail) Console.WriteLine("    " + l);
            await app.DisposeAsync();
            throw new InvalidOperationException("The application did not answer GET /connexion.");
        }

        public HttpClient Client(string secret)
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            return client;
        }

        /// <summary>A cookie client signed in through /connexion; null when the sign-in does not land on a page.</summary>
        public async Task<HttpClient?> SignedInClientAsync(string email, string password)
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
            var form = await client.GetStringAsync("/connexion");
            var token = TokenRegex().Match(form);
            if (!token.Success) return null;
            using var post = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email, ["Input.Password"] = password,
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Success ? token.Groups[1].Value : token.Groups[2].Value),
            }));
            var location = post.Headers.Location?.ToString() ?? "";
            if (post.StatusCode != HttpStatusCode.Found || location.Contains("connexion", StringComparison.OrdinalIgnoreCase)) { client.Dispose(); return null; }
            return client;
        }

        public double CpuSeconds()
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{process.Id}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
            }
            catch (IOException) { return double.NaN; }
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
        private static partial Regex TokenRegex();
    }
}
