using OpenCcas.Bench;

// OpenCCAS benchmarks: see bench/README.md. Every loop is bounded in count and time; traffic goes to 127.0.0.1 only.
if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
{
    Console.WriteLine("""
        OpenCcas.Bench <command> [options]
          generate     --provider sqlite|postgres --connection CS [--organisations 8] [--people 10000] [--history 10] [--seed 2026]
          audit-writes --provider sqlite|postgres --connection CS [--writers 8] [--seconds 10] [--same-organisation] [--skip-chained]
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
