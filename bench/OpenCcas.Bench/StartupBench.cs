using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using OpenCcas.Web.Demo;

namespace OpenCcas.Bench;

/// <summary>
/// Starts the web application as its own process (SQLite in a temporary data directory, demo enabled), and measures:
/// time from process start to the first answer of GET /connexion; sign-in to dashboard (POST /connexion then GET /);
/// resident memory after an idle pause. Done twice: first start (empty database: migration and demo seeding) and a
/// restart on the same database. Only 127.0.0.1 is contacted; the process is killed at the end.
/// </summary>
internal static partial class StartupBench
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public static async Task<int> RunAsync(Options o)
    {
        var dll = Path.GetFullPath(o.Required("project-dll"));
        if (!File.Exists(dll)) throw new ArgumentException($"{dll} does not exist: build Release first.");
        // The app finds its content root (wwwroot, pages) when started from the repository root.
        var root = o.Get("repo-root") ?? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", "..", "..", ".."));
        var signins = o.Int("signins", 10, 1, 25); // the sign-in rate limit is 30 per minute and address
        var idle = o.Int("idle-seconds", 10, 0, 120);
        var dataDir = Path.Combine(Path.GetTempPath(), "openccas-bench-startup-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dataDir);
        Console.WriteLine($"startup: {dll} (content root {root}), data directory {dataDir}");
        var ok = true;
        try
        {
            foreach (var phase in new[] { "first start (empty database, migrate + demo seed)", "restart (existing database)" })
                ok &= await RunOnceAsync(dll, root, dataDir, phase, signins, idle, o.Int("port", 0, 0, 65535));
        }
        finally
        {
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
        return ok ? 0 : 1;
    }

    private static async Task<bool> RunOnceAsync(string dll, string root, string dataDir, string phase, int signins, int idle, int port)
    {
        if (port == 0) port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url);
        psi.Environment["Demo__Enabled"] = "true";
        psi.Environment["Database__DataDirectory"] = dataDir;
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment.Remove("ConnectionStrings__OpenCcas");
        psi.Environment.Remove("Database__Provider");

        var tail = new Queue<string>();
        TimeSpan? listening = null;
        // The demo is written in the background at a first start: its accounts exist once the sign-in details are printed.
        var demoReady = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watch = new Stopwatch();
        void Keep(string? line)
        {
            if (line is null) return;
            if (listening is null && line.Contains("Now listening on", StringComparison.Ordinal)) listening = watch.Elapsed;
            if (line.Contains("démonstration prête", StringComparison.Ordinal)) demoReady.TrySetResult(watch.Elapsed);
            lock (tail) { tail.Enqueue(line); if (tail.Count > 30) tail.Dequeue(); }
        }

        watch.Start();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var probe = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(5) };
            HttpStatusCode? status = null;
            while (watch.Elapsed < StartTimeout && !process.HasExited)
            {
                try
                {
                    using var r = await probe.GetAsync($"{url}/connexion");
                    status = r.StatusCode;
                    if (r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(25);
            }
            var firstPage = watch.Elapsed;
            if (status is not (HttpStatusCode.OK or HttpStatusCode.Found))
            {
                Console.WriteLine($"  {phase}: no answer from /connexion after {firstPage.TotalSeconds:F1} s (status {status}); last output:");
                lock (tail) foreach (var l in tail) Console.WriteLine("    " + l);
                return false;
            }
            var cpuAtFirstPage = CpuSeconds(process.Id);
            Console.WriteLine($"  {phase}: first page (GET /connexion {(int)status}) {firstPage.TotalMilliseconds:F0} ms after process start " +
                              $"(Kestrel listening at {listening?.TotalMilliseconds ?? double.NaN:F0} ms; app CPU used so far {cpuAtFirstPage:F1} s; " +
                              $"load average {File.ReadAllText("/proc/loadavg").Trim()})");

            var ready = await demoReady.Task.WaitAsync(StartTimeout);
            Console.WriteLine($"  demo ready (sign-in details printed, accounts usable): {ready.TotalMilliseconds:F0} ms after process start");

            var times = new List<double>();
            for (var i = 0; i < signins + 1; i++)
            {
                var t = await SignInAsync(url);
                if (t is null) { Console.WriteLine("  sign-in failed"); return false; }
                if (i > 0) times.Add(t.Value); // the first one warms up the sign-in and dashboard code paths
                else Console.WriteLine($"  first sign-in to dashboard: {t.Value:F0} ms");
            }
            times.Sort();
            Console.WriteLine($"  sign-in to dashboard (POST /connexion + GET /), {times.Count} runs: median {times[times.Count / 2]:F0} ms, " +
                              $"min {times[0]:F0} ms, max {times[^1]:F0} ms");

            await Task.Delay(TimeSpan.FromSeconds(idle));
            var rss = ReadStatus(process.Id, "VmRSS");
            var hwm = ReadStatus(process.Id, "VmHWM");
            Console.WriteLine($"  idle memory after {idle} s: VmRSS {rss / 1024.0:F0} MB (peak VmHWM {hwm / 1024.0:F0} MB)");
            Console.WriteLine($"RESULT startup phase=\"{phase}\" first_page_ms={firstPage.TotalMilliseconds:F0} demo_ready_ms={ready.TotalMilliseconds:F0} " +
                              $"signin_median_ms={times[times.Count / 2]:F0} idle_rss_mb={rss / 1024.0:F0} cpu_s_to_first_page={cpuAtFirstPage:F1}");
            return true;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>GET /connexion, read the antiforgery token, POST the admin's credentials, follow to / and expect 200. Returns the POST + GET time.</summary>
    private static async Task<double?> SignInAsync(string url)
    {
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var form = await client.GetStringAsync("/connexion");
        var token = TokenRegex().Match(form);
        if (!token.Success) { Console.WriteLine("  no antiforgery token in /connexion"); return null; }
        var watch = Stopwatch.StartNew();
        using var post = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = DemoSeeder.RoleAccounts[0].Email,
            ["Input.Password"] = DemoSeeder.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Success ? token.Groups[1].Value : token.Groups[2].Value),
        }));
        if (post.StatusCode != HttpStatusCode.Found) { Console.WriteLine($"  POST /connexion answered {(int)post.StatusCode}"); return null; }
        var location = post.Headers.Location?.ToString() ?? "/";
        using var dashboard = await client.GetAsync(location);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (dashboard.StatusCode != HttpStatusCode.OK) { Console.WriteLine($"  GET {location} answered {(int)dashboard.StatusCode}"); return null; }
        _ = await dashboard.Content.ReadAsStringAsync();
        return elapsed;
    }

    private static long ReadStatus(int pid, string key)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
                return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0]);
        return -1;
    }

    /// <summary>User + system CPU time of a process, from /proc/PID/stat (clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"__RequestVerificationToken\"")]
    private static partial Regex TokenRegex();
}
