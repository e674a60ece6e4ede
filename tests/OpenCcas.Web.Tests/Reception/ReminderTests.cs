using OpenCcas.Identity.Tests;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Reception;
using static OpenCcas.Web.Tests.Reception.ReceptionTestData;

namespace OpenCcas.Web.Tests.Reception;

/// <summary>Appointment reminders: by email to a loopback SMTP server and by the logging SMS provider, only with consent, only once, in every organisation.</summary>
public sealed class ReminderTests(AppFixture app) : IClassFixture<AppFixture>
{
    private sealed class CapturingLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void Dispose() { }

        private sealed class Logger(CapturingLogs owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{category}: {formatter(state, exception)}");
        }
    }

    private static async Task PrepareAsync(AppFixture app, SeededOrganisation org, string domain)
    {
        using var scope = app.ScopeFor(org.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var people = await db.Set<Person>().ToListAsync();
        var elodie = people.Single(p => p.FirstNames == "Élodie");
        var lucas = people.Single(p => p.FirstNames == "Lucas");
        var jean = people.Single(p => p.FirstNames == "Jean");
        elodie.Email = $"elodie@{domain}";
        elodie.Phone = "06 11 22 33 44";
        lucas.Email = $"lucas@{domain}";
        lucas.Phone = "06 99 88 77 66";
        jean.Email = $"jean@{domain}";
        var now = DateTimeOffset.UtcNow;
        db.AddRange(
            new PersonConsent { OrganisationId = org.Id, PersonId = elodie.Id, Kind = ConsentKind.EmailReminders, GivenAt = now.AddDays(-10) },
            new PersonConsent { OrganisationId = org.Id, PersonId = elodie.Id, Kind = ConsentKind.SmsReminders, GivenAt = now.AddDays(-10) },
            new PersonConsent { OrganisationId = org.Id, PersonId = jean.Id, Kind = ConsentKind.EmailReminders, GivenAt = now.AddDays(-10), WithdrawnAt = now.AddDays(-1) });
        Appointment Booked(Person p, double hours, string subject, AppointmentStatus status = AppointmentStatus.Planned) => new()
        {
            OrganisationId = org.Id, SiteId = org.SiteIds[0], AgentId = org.UserIds[Role.SocialWorker], PersonId = p.Id,
            Start = now.AddHours(hours), End = now.AddHours(hours + 1), Subject = subject, Status = status,
        };
        db.AddRange(
            Booked(elodie, 20, "rappel attendu"),
            Booked(elodie, 30, "trop tôt pour un rappel"),
            Booked(elodie, 10, "annulé", AppointmentStatus.Cancelled),
            Booked(lucas, 20, "sans consentement"),
            Booked(jean, 20, "consentement retiré"));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Reminders_go_by_email_and_sms_only_with_consent_only_once_in_every_organisation()
    {
        await using var smtp = new SmtpTestServer();
        var logs = new CapturingLogs();
        var settings = new Dictionary<string, string?>
        {
            ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = smtp.Port.ToString(), ["Smtp:From"] = "ccas@a.test", ["Reminders:Enabled"] = "false",
            ["Logging:LogLevel:OpenCcas.Web.Reception"] = "Information",
        };
        using var factory = app.WithWebHostBuilder(b =>
        {
            foreach (var (k, v) in settings) b.UseSetting(k, v);
            b.ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings));
            b.ConfigureLogging(l => l.AddProvider(logs));
        });
        await PrepareAsync(app, app.A, "a-personne.test");
        await PrepareAsync(app, app.B, "b-personne.test");

        var job = factory.Services.GetRequiredService<AppointmentReminderJob>();
        (await job.RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(2);

        smtp.Messages.Count.ShouldBe(2);
        var mail = smtp.Messages.Single(m => m.To.Contains("elodie@a-personne.test"));
        mail.Body.ShouldContain("Rappel : vous avez rendez-vous le ");
        mail.Body.ShouldContain("Agent SocialWorker");
        smtp.Messages.ShouldContain(m => m.To.Contains("elodie@b-personne.test"));

        foreach (var org in new[] { app.A, app.B })
        {
            var (reminded, lines) = await WithDbAsync(app, org, async db =>
            {
                var a = await db.Set<Appointment>().SingleAsync(x => x.Subject == "rappel attendu");
                return (a, await db.Set<AppointmentReminder>().Where(r => r.AppointmentId == a.Id).ToListAsync());
            });
            reminded.ReminderSentAt.ShouldNotBeNull();
            lines.Count.ShouldBe(2);
            lines.ShouldContain(l => l.Channel == ReminderChannel.Email && l.Succeeded && l.Recipient.StartsWith("elodie@"));
            lines.ShouldContain(l => l.Channel == ReminderChannel.Sms && l.Succeeded && l.Recipient == "+33611223344");
            var others = await WithDbAsync(app, org, db => db.Set<Appointment>()
                .Where(x => x.Subject != "rappel attendu" && x.Subject != "Point budget" && x.ReminderSentAt != null).CountAsync());
            others.ShouldBe(0, "no reminder without consent, after withdrawal, for a cancelled appointment or before the lead time");
        }
        // The SMS provider only logged, without the whole number.
        logs.Lines.Count(l => l.Contains("SMS not sent")).ShouldBe(2);
        logs.Lines.ShouldNotContain(l => l.Contains("+33611223344") || l.Contains("06 11 22 33 44"));

        // Sent once: a second pass sends nothing.
        (await job.RunOnceAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
        smtp.Messages.Count.ShouldBe(2);
        (await WithDbAsync(app, app.A, db => db.Set<AppointmentReminder>().CountAsync(r => r.Recipient.StartsWith("elodie@")))).ShouldBe(1);
        // Reminders are audited under the system process's name.
        (await WithDbAsync(app, app.A, db => db.AuditEntries.AnyAsync(e => e.EntityType == "AppointmentReminder" && e.UserName == "Rappels de rendez-vous"))).ShouldBeTrue();
    }
}
