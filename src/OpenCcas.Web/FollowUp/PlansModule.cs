using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Collective;
using OpenCcas.Web.FollowUp.DigitalHelp;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.People;

namespace OpenCcas.Web.FollowUp;

/// <summary>Plugs action plans, collective actions and digital help into the host: API, audit labels, person-file panels.</summary>
public static class PlansModule
{
    public static void Map(RouteGroupBuilder api)
    {
        PlansApi.Map(api);
        CollectiveApi.Map(api);
        DigitalHelpApi.Map(api);
    }

    public static void Register()
    {
        AuditLabels.Register("ActionPlan", "Plan d'accompagnement");
        AuditLabels.Register("PlanGoal", "Objectif de plan d'accompagnement");
        AuditLabels.Register("PlanAction", "Action de plan d'accompagnement");
        AuditLabels.Register("CollectiveSession", "Séance d'action collective");
        AuditLabels.Register("CollectiveParticipant", "Participant à une action collective");
        AuditLabels.Register("OnlineProcedure", "Démarche en ligne");
        PersonFileSections.Register(new PersonFileSection("Plans d'accompagnement", PersonPlansViewComponent.Name, FilePart.Social, 40));
        // Identity part: reception records the procedures and sees them, as it sees the reception log; the free
        // description is shown only to its author and to those who may open the resources part (OnlineProcedures).
        PersonFileSections.Register(new PersonFileSection("Démarches en ligne", PersonProceduresViewComponent.Name, FilePart.Identity, 45));
    }
}
