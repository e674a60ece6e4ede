using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.People;

namespace OpenCcas.Web.FollowUp;

/// <summary>What the follow-up module (interviews, notes, actions, referrals) and the partner directory register at start-up.</summary>
public static class FollowUpModule
{
    public static void Register()
    {
        AuditLabels.Register("Interview", "Entretien");
        AuditLabels.Register("Note", "Note");
        AuditLabels.Register("FollowUpAction", "Action de suivi");
        AuditLabels.Register("Referral", "Orientation");
        AuditLabels.Register("Partner", "Partenaire");
        PersonFileSections.Register(new PersonFileSection("Entretiens et notes", "FollowUpPanel", FilePart.Social, 30));
    }
}
