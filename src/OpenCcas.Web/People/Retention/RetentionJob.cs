using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Operations;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.People.Retention;

/// <summary>
/// The daily retention job: at <c>Retention:RunAt</c> (Europe/Paris, 02:30 by default), for each organisation in
/// turn, anonymises the expired files, clears old appointments and receipts, and removes old audit lines
/// (<see cref="RetentionRunner"/>).
/// <c>Retention:Enabled</c> false stops it (the command <c>retention</c> still runs it by hand).
/// </summary>
public sealed class RetentionJob(IServiceProvider services, IConfiguration config, ILogger<RetentionJob> log) : BackgroundService
{
    public const string ActorName = "Tâche de conservation";

    public static RetentionRules RulesFrom(IConfiguration config) => new(
        config.GetValue("Retention:PersonFileMonths", 24),
        config.GetValue("Retention:ReviewDays", 30),
        config.GetValue("Retention:AppointmentMonths", 24),
        config.GetValue("Retention:ReceiptMonths", 6),
        config.GetValue("Retention:AuditLogYears", 5));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!config.GetValue("Retention:Enabled", true)) return;
        await Nightly.RunAsync(Nightly.TimeOf(config, "Retention:RunAt", new TimeOnly(2, 30)),
            ct => RunAllAsync(services, RulesFrom(config), DateTimeOffset.UtcNow, dryRun: false, ct), log, "Retention job", stoppingToken);
    }

    /// <summary>Runs the rules for every organisation, each in its own scope acting as the retention job.</summary>
    public static async Task<List<(Guid Organisation, RetentionReport Report)>> RunAllAsync(IServiceProvider services, RetentionRules rules,
        DateTimeOffset now, bool dryRun, CancellationToken ct = default)
    {
        List<Guid> organisations;
        using (var scope = services.CreateScope())
            organisations = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations.IgnoreQueryFilters().Select(o => o.Id).ToListAsync(ct);
        var reports = new List<(Guid, RetentionReport)>();
        foreach (var org in organisations)
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org);
            scope.ServiceProvider.GetRequiredService<AuditActor>().Set(null, ActorName);
            var report = await RetentionRunner.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), rules, now, dryRun, ct);
            reports.Add((org, report));
        }
        return reports;
    }
}
