using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Demo;

/// <summary>
/// Creates the demo organisation at the first start without holding the web server back: the seeding (a few seconds:
/// accounts, people and a year of activity, in one transaction) runs in the background while the application already
/// answers, and the sign-in page says the demo is being prepared until it is committed. Nothing is half-visible: the
/// accounts appear with the rest at the commit, and a stop in between leaves an empty database, seeded at the next start.
/// One seeding per process, whoever asks for it (the start-up, a test fixture).
/// </summary>
public sealed class DemoPreparation(IServiceScopeFactory scopes, ILogger<DemoPreparation> log)
{
    private readonly Lock gate = new();
    private Task? seeding;

    /// <summary>True while the demo is being written: its accounts do not exist yet.</summary>
    public bool InProgress => seeding is { IsCompleted: false };

    /// <summary>True when the seeding stopped on an error (logged); the next start tries again.</summary>
    public bool Failed => seeding is { IsFaulted: true };

    /// <summary>Completes when the demo is committed (at once when there was nothing to seed). Faults if the seeding failed.</summary>
    public Task Ready => seeding ?? Task.CompletedTask;

    /// <summary>
    /// On an empty database, starts seeding <paramref name="people"/> people in the background and returns; on a database
    /// that has an organisation, returns once it has checked. <paramref name="seeded"/> runs after a successful seeding.
    /// Answers whether this call started the seeding.
    /// </summary>
    public async Task<bool> StartAsync(int people, Action? seeded = null)
    {
        using (var scope = scopes.CreateScope())
            if (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations.IgnoreQueryFilters().AnyAsync())
                return false;
        lock (gate)
        {
            if (seeding is not null) return false;
            log.LogInformation("Empty database: the demo organisation is being created in the background");
            seeding = Task.Run(async () =>
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    if (await scope.ServiceProvider.GetRequiredService<DemoSeeder>().EnsureAsync(people)) seeded?.Invoke();
                }
                catch (Exception ex)
                {
                    log.LogCritical(ex, "The demo organisation could not be created; it will be tried again at the next start");
                    throw;
                }
            });
            return true;
        }
    }

    /// <summary>Tests: makes the given work the demo's seeding, to see the application while it runs.</summary>
    internal void Track(Task work)
    {
        lock (gate) seeding = work;
    }
}
