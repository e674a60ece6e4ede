namespace OpenCcas.Domain.Platform;

/// <summary>The roles of reference/roles-and-access.md. A user may hold several.</summary>
public enum Role
{
    Admin,
    Manager,
    SocialWorker,
    Instructor,
    Reception,
    CommissionMember,
    Volunteer,
    StatsReader,
}

public static class RoleLabels
{
    public static string Label(Role role) => role switch
    {
        Role.Admin => "Administrateur",
        Role.Manager => "Direction / responsable",
        Role.SocialWorker => "Travailleur social",
        Role.Instructor => "Instructeur (agent administratif)",
        Role.Reception => "Agent d'accueil",
        Role.CommissionMember => "Membre de commission",
        Role.Volunteer => "Bénévole",
        Role.StatsReader => "Lecteur statistiques",
        _ => role.ToString(),
    };
}
