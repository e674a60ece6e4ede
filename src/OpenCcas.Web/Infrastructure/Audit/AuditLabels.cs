namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>French names of audited record types, for the journal. Each module registers its own at start-up.</summary>
public static class AuditLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["AppUser"] = "Compte utilisateur",
        ["IdentityUserToken`1"] = "Secret de double authentification",
        ["IdentityUserLogin`1"] = "Connexion externe",
        ["AuditEntry"] = "Journal d'audit",
    };

    public static void Register(string entityType, string label) => Labels[entityType] = label;

    public static string Of(string entityType) => Labels.GetValueOrDefault(entityType, entityType);
}
