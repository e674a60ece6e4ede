using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Reception;

/// <summary>Sends text messages. The provider is chosen by the setting "Sms:Provider"; "log" (the default) only logs.</summary>
public interface ISmsSender
{
    Task SendAsync(string to, string text, CancellationToken ct = default);
}

/// <summary>The default SMS provider: writes a log line (the number masked) and sends nothing.</summary>
public sealed class LoggingSmsSender(ILogger<LoggingSmsSender> log) : ISmsSender
{
    public Task SendAsync(string to, string text, CancellationToken ct = default)
    {
        var masked = to.Length > 4 ? new string('*', to.Length - 4) + to[^4..] : "****";
        log.LogInformation("SMS not sent (provider \"log\") to {Recipient}: {Length} characters", masked, text.Length);
        return Task.CompletedTask;
    }
}

public sealed class ReminderSettings
{
    public bool Enabled { get; set; } = true;
    /// <summary>How often the job looks for appointments to remind.</summary>
    public int IntervalMinutes { get; set; } = 5;
    /// <summary>How long before the appointment the reminder goes (24 h: the day before).</summary>
    public int LeadHours { get; set; } = 24;
}

/// <summary>
/// Reminders of planned appointments, by email and SMS, to people who consented (and did not withdraw) and have an
/// address or a mobile number. Goes through every organisation, each in its own scope with its tenant set. An
/// appointment is claimed (ReminderSentAt, version-checked) before anything is sent, so a reminder goes once even
/// if two instances run; each attempt is recorded as an <see cref="AppointmentReminder"/>.
/// </summary>
public sealed class AppointmentReminderJob(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptionsMonitor<ReminderSettings> settings,
    TimeProvider clock, ILogger<AppointmentReminderJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = TimeSpan.FromMinutes(Math.Max(1, settings.CurrentValue.IntervalMinutes));
            try { await Task.Delay(interval, stoppingToken); }
            catch (OperationCanceledException) { return; }
            if (!settings.CurrentValue.Enabled) continue;
            try { await RunOnceAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Appointment reminders failed"); }
        }
    }

    /// <summary>One pass over every organisation; answers the number of reminders attempted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        List<Guid> organisations;
        using (var scope = scopes.CreateScope())
            organisations = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations.AsNoTracking().Select(o => o.Id).ToListAsync(ct);
        var count = 0;
        foreach (var org in organisations) count += await RunForAsync(org, ct);
        return count;
    }

    private async Task<int> RunForAsync(Guid organisationId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        sp.GetRequiredService<TenantContext>().Set(organisationId);
        sp.GetRequiredService<AuditActor>().Set(null, "Rappels de rendez-vous");
        var db = sp.GetRequiredService<AppDbContext>();
        var email = sp.GetRequiredService<EmailSender>();
        var sms = sp.GetRequiredService<ISmsSender>();
        var now = clock.GetUtcNow();
        var until = now.AddHours(settings.CurrentValue.LeadHours);
        var due = await db.Set<Appointment>().Where(a => a.Status == AppointmentStatus.Planned && a.ReminderSentAt == null
                && a.PersonId != null && a.Start > now && a.Start <= until)
            .OrderBy(a => a.Start).Take(500).ToListAsync(ct);
        var count = 0;
        foreach (var a in due)
        {
            var personId = a.PersonId!.Value;
            var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null || person.Status is PersonStatus.Deceased or PersonStatus.Anonymised) continue;
            var consents = await db.Set<PersonConsent>().AsNoTracking()
                .Where(c => c.PersonId == personId && c.WithdrawnAt == null && (c.Kind == ConsentKind.EmailReminders || c.Kind == ConsentKind.SmsReminders))
                .Select(c => c.Kind).ToListAsync(ct);
            var byEmail = consents.Contains(ConsentKind.EmailReminders) && !string.IsNullOrWhiteSpace(person.Email) && email.IsConfigured;
            var bySms = consents.Contains(ConsentKind.SmsReminders) & ReminderRules.IsMobile(person.Phone, out var mobile);
            if (!byEmail && !bySms) continue;

            // Claim it first: a concurrent run fails on the version and sends nothing.
            a.ReminderSentAt = now;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { db.Entry(a).State = EntityState.Detached; continue; }

            var site = await db.Sites.AsNoTracking().Where(s => s.Id == a.SiteId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "";
            var agent = await db.Users.AsNoTracking().Where(u => u.Id == a.AgentId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefaultAsync(ct);
            var text = ReminderRules.Text(a, site, agent);
            if (byEmail)
                db.Add(await AttemptAsync(a, ReminderChannel.Email, person.Email!.Trim(),
                    () => email.SendAsync(person.Email!.Trim(), "Rappel de votre rendez-vous", text, ct)));
            if (bySms)
                db.Add(await AttemptAsync(a, ReminderChannel.Sms, mobile, () => sms.SendAsync(mobile, text, ct)));
            await db.SaveChangesAsync(ct);
            count++;
        }
        return count;
    }

    private async Task<AppointmentReminder> AttemptAsync(Appointment a, ReminderChannel channel, string recipient, Func<Task> send)
    {
        var line = new AppointmentReminder { AppointmentId = a.Id, Channel = channel, Recipient = recipient, SentAt = clock.GetUtcNow() };
        try
        {
            await send();
            line.Succeeded = true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            line.Error = ex.Message.Length > 500 ? ex.Message[..500] : ex.Message;
            log.LogWarning("Appointment reminder by {Channel} failed: {Error}", channel, ex.GetType().Name);
        }
        return line;
    }
}
