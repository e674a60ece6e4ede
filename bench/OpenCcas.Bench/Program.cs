using OpenCcas.Bench;

// OpenCCAS benchmarks: see bench/README.md. Every loop is bounded in count and time; traffic goes to 127.0.0.1 only.
if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    Console.WriteLine("""
        OpenCcas.Bench <command> [options]
          generate     --provider sqlite|postgres --connection CS [--organisations 8] [--people 10000] [--history 10] [--seed 2026]
                       [--activity-per-person 10] [--token-file FILE]
          search       --provider P --connection CS --token-file FILE [--requests 2000] [--queries 1000] [--project-dll PATH]
          person-file  --provider P --connection CS --token-file FILE [--requests 1000] [--skip-html]
          statistics   --provider P --connection CS --token-file FILE [--year 2026] [--runs 5] [--save-json FILE]
          statistics-probe --provider P --connection CS --token-file FILE [--year 2026] [--runs 3] [--verbose] [--explain]
          search-probe --provider P --connection CS --token-file FILE [--seconds 10] [--as social] [--mode trivial|openable]   (PeopleSearch in-process, CPU per search)
          search-load  --provider P --connection CS --token-file FILE [--clients 8] [--seconds 10] [--warm-up 20] [--wrk] [--path /api/me]
          http-smoke   --provider P --connection CS --token-file FILE   (GET /api/me through the app + the raw SQL of each read)
          audit-writes --provider sqlite|postgres --connection CS [--writers 8] [--seconds 10] [--warm-up 10] [--same-organisation] [--skip-chained]
          probe        --provider sqlite|postgres --connection CS [--operations 300]
          startup      --project-dll PATH [--signins 10] [--idle-seconds 10] [--port 0] [--repo-root DIR]
        """);
    return 0;
}

var options = Options.Parse(args.Skip(1).ToArray());
try
{
    return args[0] switch
    {
        "generate" => await Generate.RunAsync(options),
        "audit-writes" => await AuditWrites.RunAsync(options),
        "startup" => await StartupBench.RunAsync(options),
        "probe" => await Probe.RunAsync(options),
        "search" => await HttpBench.SearchAsync(options),
        "person-file" => await HttpBench.PersonFileAsync(options),
        "statistics" => await HttpBench.StatisticsAsync(options),
        "statistics-probe" => await StatisticsProbe.RunAsync(options),
        "search-load" => await HttpBench.SearchLoadAsync(options),
        "search-probe" => await SearchProbe.RunAsync(options),
        "http-smoke" => await HttpBench.SmokeAsync(options),
        _ => Fail($"Unknown command '{args[0]}'."),
    };
}
catch (ArgumentException ex)
{
    return Fail(ex.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}
