using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Audit;

namespace OpenCcas.Web.People;

/// <summary>French labels of the People module's enums, as the pages show them, and its audit labels.</summary>
public static class PeopleLabels
{
    public static string Label(Sex v) => v switch
    {
        Sex.Female => "Femme",
        Sex.Male => "Homme",
        _ => "Non précisé",
    };

    public static string Label(NationalityGroup v) => v switch
    {
        NationalityGroup.French => "Française",
        NationalityGroup.EuropeanUnion => "Union européenne",
        NationalityGroup.OutsideEuropeanUnion => "Hors Union européenne",
        NationalityGroup.Stateless => "Apatride",
        _ => "Non renseignée",
    };

    public static string Label(HousingSituation v) => v switch
    {
        HousingSituation.PrivateTenant => "Locataire parc privé",
        HousingSituation.SocialTenant => "Locataire parc social",
        HousingSituation.Owner => "Propriétaire",
        HousingSituation.HostedByFamily => "Hébergé par la famille",
        HousingSituation.HostedByThirdParty => "Hébergé par un tiers",
        HousingSituation.Hotel => "Hôtel",
        HousingSituation.EmergencyShelter => "Hébergement d'urgence",
        HousingSituation.Chrs => "CHRS",
        HousingSituation.SocialResidence => "Résidence sociale",
        HousingSituation.AutonomyResidence => "Résidence autonomie",
        HousingSituation.CareHome => "EHPAD",
        HousingSituation.Squat => "Squat",
        HousingSituation.Street => "Sans abri (rue)",
        HousingSituation.Other => "Autre",
        _ => "Non renseignée",
    };

    public static string Label(FamilySituation v) => v switch
    {
        FamilySituation.Single => "Célibataire",
        FamilySituation.Married => "Marié(e)",
        FamilySituation.CivilPartnership => "Pacsé(e)",
        FamilySituation.Cohabiting => "En concubinage",
        FamilySituation.Separated => "Séparé(e)",
        FamilySituation.Divorced => "Divorcé(e)",
        FamilySituation.Widowed => "Veuf ou veuve",
        _ => "Non renseignée",
    };

    public static string Label(ProfessionalSituation v) => v switch
    {
        ProfessionalSituation.Employed => "Salarié(e)",
        ProfessionalSituation.SelfEmployed => "Travailleur indépendant",
        ProfessionalSituation.JobSeeker => "Demandeur d'emploi",
        ProfessionalSituation.Training => "En formation",
        ProfessionalSituation.Student => "Étudiant(e)",
        ProfessionalSituation.Retired => "Retraité(e)",
        ProfessionalSituation.UnableToWork => "Inapte au travail",
        ProfessionalSituation.Inactive => "Sans activité",
        _ => "Non renseignée",
    };

    public static string Label(ProtectionMeasure v) => v switch
    {
        ProtectionMeasure.SafeguardOfJustice => "Sauvegarde de justice",
        ProtectionMeasure.Curatorship => "Curatelle simple",
        ProtectionMeasure.ReinforcedCuratorship => "Curatelle renforcée",
        ProtectionMeasure.Guardianship => "Tutelle",
        ProtectionMeasure.FamilyHabilitation => "Habilitation familiale",
        ProtectionMeasure.SocialSupportMeasure => "MASP (mesure d'accompagnement social personnalisé)",
        ProtectionMeasure.JudicialSupportMeasure => "MAJ (mesure d'accompagnement judiciaire)",
        _ => "Aucune",
    };

    public static string Label(PersonStatus v) => v switch
    {
        PersonStatus.Active => "Actif",
        PersonStatus.Inactive => "Inactif",
        PersonStatus.Deceased => "Décédé",
        PersonStatus.Anonymised => "Anonymisé",
        _ => v.ToString(),
    };

    public static string Label(IncomeKind v) => v switch
    {
        IncomeKind.Salary => "Salaire",
        IncomeKind.SelfEmployment => "Revenus d'activité indépendante",
        IncomeKind.Rsa => "RSA",
        IncomeKind.ActivityBonus => "Prime d'activité",
        IncomeKind.Aah => "AAH",
        IncomeKind.Aspa => "ASPA (minimum vieillesse)",
        IncomeKind.RetirementPension => "Pension de retraite",
        IncomeKind.DisabilityPension => "Pension d'invalidité",
        IncomeKind.SurvivorPension => "Pension de réversion",
        IncomeKind.UnemploymentBenefit => "Allocation chômage (ARE, ASS)",
        IncomeKind.FamilyBenefits => "Prestations familiales",
        IncomeKind.HousingAid => "Aide au logement (APL, ALS, ALF)",
        IncomeKind.MaintenancePayment => "Pension alimentaire reçue",
        IncomeKind.DailyAllowance => "Indemnités journalières",
        IncomeKind.Scholarship => "Bourse",
        _ => "Autre ressource",
    };

    public static string Label(ChargeKind v) => v switch
    {
        ChargeKind.Rent => "Loyer",
        ChargeKind.LoanRepayment => "Remboursement de prêt immobilier",
        ChargeKind.Energy => "Énergie (électricité, gaz)",
        ChargeKind.Water => "Eau",
        ChargeKind.Insurance => "Assurances",
        ChargeKind.HealthInsurance => "Mutuelle",
        ChargeKind.Telephone => "Téléphone, internet",
        ChargeKind.Childcare => "Garde d'enfants",
        ChargeKind.Canteen => "Cantine",
        ChargeKind.Transport => "Transport",
        ChargeKind.Taxes => "Impôts et taxes",
        ChargeKind.MaintenancePaid => "Pension alimentaire versée",
        ChargeKind.DebtRepayment => "Remboursement de dettes",
        _ => "Autre charge",
    };

    public static string Label(ConsentKind v) => v switch
    {
        ConsentKind.DataProcessing => "Traitement des données personnelles",
        ConsentKind.ShareWithPartners => "Partage d'informations avec les partenaires",
        ConsentKind.EmailReminders => "Rappels par courriel",
        ConsentKind.SmsReminders => "Rappels par SMS",
        ConsentKind.HeatwaveRegister => "Inscription au registre canicule",
        _ => v.ToString(),
    };

    public static string Label(HouseholdRole v) => v switch
    {
        HouseholdRole.ReferencePerson => "Personne de référence",
        HouseholdRole.Partner => "Conjoint(e)",
        HouseholdRole.Child => "Enfant",
        HouseholdRole.Parent => "Parent",
        HouseholdRole.Sibling => "Frère ou sœur",
        HouseholdRole.Grandchild => "Petit-enfant",
        HouseholdRole.OtherRelative => "Autre membre de la famille",
        HouseholdRole.NonRelative => "Sans lien de parenté",
        _ => v.ToString(),
    };

    /// <summary>An amount in euros as the French read it: "1 234,56 €".</summary>
    public static string Euros(decimal amount) => amount.ToString("#,##0.00 €", OpenCcasApp.French);

    /// <summary>A number with a comma: "1,8".</summary>
    public static string Number(decimal value) => value.ToString("0.##", OpenCcasApp.French);

    public static string Date(DateOnly? day) => day?.ToString("dd/MM/yyyy", OpenCcasApp.French) ?? "";

    public static void RegisterAuditLabels()
    {
        AuditLabels.Register("Person", "Dossier de personne");
        AuditLabels.Register("PersonTeam", "Équipe suivant la personne");
        AuditLabels.Register("PersonIncome", "Ressource");
        AuditLabels.Register("PersonCharge", "Charge");
        AuditLabels.Register("PersonConsent", "Consentement");
        AuditLabels.Register("PersonDocument", "Document");
        AuditLabels.Register("DocumentContent", "Contenu de document");
        AuditLabels.Register("Household", "Ménage");
        AuditLabels.Register("HouseholdMember", "Membre de ménage");
    }
}
