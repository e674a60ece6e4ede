using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;

namespace OpenCcas.Web.Reception;

/// <summary>How the reception module plugs into the host: services, endpoints, audit labels, person-file panel.</summary>
public static class ReceptionModule
{
    public static void AddReception(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Appointments>();
        services.Configure<ReminderSettings>(config.GetSection("Reminders"));
        services.AddSingleton<AppointmentReminderJob>();
        services.AddHostedService(sp => sp.GetRequiredService<AppointmentReminderJob>());
        // "Sms:Provider": "log" (default) only logs. A real provider is added here as another ISmsSender.
        var provider = config["Sms:Provider"] ?? "log";
        if (!string.Equals(provider, "log", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException($"Fournisseur SMS inconnu : « {provider} » (valeurs possibles : log).");
        services.AddSingleton<ISmsSender, LoggingSmsSender>();
    }

    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        ReceptionApi.Map(api);
        var pages = app.MapGroup("/rendez-vous").RequireAuthorization(PermissionPolicies.For(Permission.ManageAppointments));
        pages.MapGet("/{id:guid}/ics", async (Guid id, Infrastructure.Data.AppDbContext db, CurrentUser current, AuditLog audit, TimeProvider clock) =>
            await ReceptionApi.OneIcsAsync(id, db, await current.RequireActorAsync(), audit, clock.GetUtcNow()));
        pages.MapGet("/agenda.ics", async (Guid? agentId, Infrastructure.Data.AppDbContext db, CurrentUser current, AuditLog audit, TimeProvider clock) =>
            await ReceptionApi.FeedIcsAsync(agentId, db, await current.RequireActorAsync(), audit, clock.GetUtcNow()));

        AuditLabels.Register("ReceptionVisit", "Passage à l'accueil");
        AuditLabels.Register("ReceptionReason", "Motif d'accueil");
        AuditLabels.Register("Appointment", "Rendez-vous");
        AuditLabels.Register("AppointmentReminder", "Rappel de rendez-vous");
        PersonFileSections.Register(new PersonFileSection("Rendez-vous", AppointmentsPanelViewComponent.Name, FilePart.Identity, 20));
    }
}
