using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Tests.People;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>
/// In each organisation: an action plan for Élodie MARTIN with one goal and one action, a collective session she
/// attended with 3 people not named, and an online procedure done with her.
/// </summary>
public sealed class PlansSeed : IModuleSeed
{
    public int Order => 30;

    public const string PlanTitle = "Retrouver un budget équilibré";
    public const string SessionTopic = "Atelier budget";

    public async Task SeedAsync(AppDbContext db, SeededOrganisation org)
    {
        var elodie = await db.Set<Person>().Where(p => p.OrganisationId == org.Id && p.LastName == PeopleSeed.InTeamLastName && p.FirstNames == "Élodie")
            .Select(p => p.Id).SingleAsync();
        var plan = new ActionPlan { OrganisationId = org.Id, PersonId = elodie, Title = PlanTitle, StartedOn = new DateOnly(2026, 1, 5) };
        var goal = new PlanGoal { OrganisationId = org.Id, ActionPlanId = plan.Id, Title = "Apurer la dette de loyer", Position = 0 };
        goal.Actions.Add(new PlanAction
        {
            OrganisationId = org.Id, PlanGoalId = goal.Id, Title = "Demander un plan d'apurement au bailleur",
            Owner = PlanActionOwner.Person, DueOn = new DateOnly(2026, 2, 1),
        });
        plan.Goals.Add(goal);
        db.Add(plan);
        var session = new CollectiveSession
        {
            OrganisationId = org.Id, Topic = SessionTopic, At = new DateTimeOffset(2026, 3, 10, 13, 0, 0, TimeSpan.Zero), DurationMinutes = 120,
            SiteId = org.SiteIds[0], FacilitatorId = org.UserIds[Role.SocialWorker], AnonymousParticipants = 3,
        };
        session.Participants.Add(new CollectiveParticipant { OrganisationId = org.Id, CollectiveSessionId = session.Id, PersonId = elodie });
        db.Add(session);
        db.Add(new OnlineProcedure
        {
            OrganisationId = org.Id, PersonId = elodie, SiteId = org.SiteIds[0], AgentId = org.UserIds[Role.Reception],
            At = new DateTimeOffset(2026, 3, 12, 9, 30, 0, TimeSpan.Zero), Organism = ProcedureOrganism.Caf, Help = ProcedureHelp.Accompanied,
            Description = "Actualisation trimestrielle RSA",
        });
        await db.SaveChangesAsync();
    }
}
