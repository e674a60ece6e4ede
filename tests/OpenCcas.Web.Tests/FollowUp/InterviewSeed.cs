using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Web.Tests.People;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>
/// In each organisation: an interview of Élodie MARTIN (team 1) by the social worker yesterday, one note of each
/// confidentiality level by the social worker, an open action given to the social worker, a partner and a referral to it.
/// </summary>
public sealed class InterviewSeed : IModuleSeed
{
    public int Order => 20;

    public const string PrivateText = "Note privée de test : elle évoque un projet de déménagement.";
    public const string TeamText = "Note d'équipe de test : dossier FSL à monter.";
    public const string FileText = "Note de dossier de test : pièces d'identité vues.";
    public const string PartnerName = "CAF de la Côte-d'Or (test)";

    public async Task SeedAsync(AppDbContext db, SeededOrganisation org)
    {
        var elodie = await db.Set<Person>().SingleAsync(p => p.LastName == PeopleSeed.InTeamLastName && p.FirstNames == "Élodie");
        var worker = org.UserIds[Role.SocialWorker];
        var yesterday = DateTimeOffset.UtcNow.AddDays(-1);
        var interview = new Interview
        {
            OrganisationId = org.Id, PersonId = elodie.Id, AgentId = worker, SiteId = org.SiteIds[0], TeamId = org.TeamIds[0],
            At = new DateTimeOffset(yesterday.Year, yesterday.Month, yesterday.Day, 9, 30, 0, TimeSpan.Zero), DurationMinutes = 45,
            Mode = InterviewMode.Office, Subjects = InterviewSubjects.Budget | InterviewSubjects.Housing, Summary = "Point sur le budget et le logement.",
        };
        db.Add(interview);
        foreach (var (level, text) in new[] { (NoteConfidentiality.Private, PrivateText), (NoteConfidentiality.Team, TeamText), (NoteConfidentiality.File, FileText) })
            db.Add(new Note { OrganisationId = org.Id, PersonId = elodie.Id, InterviewId = interview.Id, AuthorId = worker, Confidentiality = level, Text = text });
        db.Add(new FollowUpAction
        {
            OrganisationId = org.Id, PersonId = elodie.Id, InterviewId = interview.Id, AssigneeId = worker, Title = "Relancer la CAF pour l'APL",
            DueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7),
        });
        var partner = new Partner
        {
            OrganisationId = org.Id, Name = PartnerName, Kind = PartnerKind.Caf, Phone = "3230", Services = "Allocations logement, prestations familiales, RSA",
        };
        db.Add(partner);
        db.Add(new Referral { OrganisationId = org.Id, PersonId = elodie.Id, PartnerId = partner.Id, InterviewId = interview.Id, AgentId = worker,
            On = DateOnly.FromDateTime(yesterday.UtcDateTime), Reason = "Ouverture des droits APL" });
        await db.SaveChangesAsync();
    }
}
