using OpenCcas.Domain.People;
using OpenCcas.Web.Tests.People;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Reception;

namespace OpenCcas.Web.Tests.Reception;

/// <summary>
/// In each organisation: the default reasons, a contact at the desk and a coming appointment of Élodie MARTIN with the
/// social worker at site 1 (in three days at 10:00, Paris time), and a reminder line.
/// </summary>
public sealed class ReceptionSeed : IModuleSeed
{
    public int Order => 10;

    public static DateTimeOffset SeededStart(DateTimeOffset now) =>
        ParisTime.ToInstant(ParisTime.Today(now).AddDays(3).ToDateTime(new TimeOnly(10, 0)));

    public async Task SeedAsync(AppDbContext db, SeededOrganisation org)
    {
        await ReceptionDesk.EnsureDefaultReasonsAsync(db);
        var reason = await db.Set<ReceptionReason>().OrderBy(r => r.SortOrder).FirstAsync();
        var elodie = await db.Set<Person>().FirstAsync(p => p.LastName == PeopleSeed.InTeamLastName && p.FirstNames == "Élodie");
        db.Add(new ReceptionVisit
        {
            OrganisationId = org.Id, SiteId = org.SiteIds[0], Channel = ContactChannel.Visit, ReasonId = reason.Id, PersonId = elodie.Id,
            Outcome = ReceptionOutcome.Information, AgentId = org.UserIds[Role.Reception],
        });
        var start = SeededStart(DateTimeOffset.UtcNow);
        var appointment = new Appointment
        {
            OrganisationId = org.Id, SiteId = org.SiteIds[0], AgentId = org.UserIds[Role.SocialWorker], PersonId = elodie.Id,
            Start = start, End = start.AddMinutes(45), Mode = AppointmentMode.Office, Subject = "Point budget",
        };
        db.Add(appointment);
        db.Add(new AppointmentReminder
        {
            OrganisationId = org.Id, AppointmentId = appointment.Id, Channel = ReminderChannel.Sms, Recipient = "+33600000000",
            Succeeded = true, SentAt = DateTimeOffset.UtcNow.AddDays(-1),
        });
        await db.SaveChangesAsync();
    }
}
