using System.Globalization;
using OpenCcas.Web.Infrastructure.Audit;

namespace OpenCcas.Web.Infrastructure.Operations;

/// <summary>The loop of the nightly jobs: their work once a day at a time of day, Paris time, until the host stops.</summary>
public static class Nightly
{
    /// <summary>The time of day in setting <paramref name="key"/> ("HH:mm"), or <paramref name="byDefault"/>.</summary>
    public static TimeOnly TimeOf(IConfiguration config, string key, TimeOnly byDefault) =>
        TimeOnly.TryParse(config[key], CultureInfo.InvariantCulture, out var t) ? t : byDefault;

    /// <summary>Runs <paramref name="work"/> every day at <paramref name="at"/>; a failed run is logged and the next night comes.</summary>
    public static async Task RunAsync(TimeOnly at, Func<CancellationToken, Task> work, ILogger log, string job, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await Task.Delay(Paris.NextRun(DateTimeOffset.UtcNow, at) - DateTimeOffset.UtcNow, stoppingToken); }
            catch (OperationCanceledException) { return; }
            try { await work(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "{Job} failed", job); }
        }
    }
}
