using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Reception;

namespace OpenCcas.Web.FollowUp.Statistics;

/// <summary>French labels of the values the statistics group by.</summary>
public static class StatisticsLabels
{
    public static string Of(InterviewMode mode) => mode switch
    {
        InterviewMode.Office => "Au bureau",
        InterviewMode.Home => "À domicile",
        InterviewMode.Phone => "Par téléphone",
        InterviewMode.Video => "En visioconférence",
        _ => mode.ToString(),
    };

    public static string Of(ContactChannel channel) => channel switch
    {
        ContactChannel.Visit => "Visite",
        ContactChannel.Phone => "Téléphone",
        ContactChannel.Email => "Courriel",
        ContactChannel.Mail => "Courrier",
        _ => channel.ToString(),
    };

    public static string Of(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Planned => "Planifiés",
        AppointmentStatus.Honoured => "Honorés",
        AppointmentStatus.Excused => "Excusés",
        AppointmentStatus.NoShow => "Non présentés",
        AppointmentStatus.Cancelled => "Annulés",
        _ => status.ToString(),
    };

    public static string Of(Sex sex) => sex switch
    {
        Sex.Female => "Femmes",
        Sex.Male => "Hommes",
        _ => "Non renseigné",
    };

    public static string Of(FamilySituation family) => People.PeopleLabels.Label(family);

    public static string Of(IncomeKind kind) => kind switch
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
        IncomeKind.UnemploymentBenefit => "Allocation chômage",
        IncomeKind.FamilyBenefits => "Prestations familiales",
        IncomeKind.HousingAid => "Aide au logement",
        IncomeKind.MaintenancePayment => "Pension alimentaire reçue",
        IncomeKind.DailyAllowance => "Indemnités journalières",
        IncomeKind.Scholarship => "Bourse",
        _ => "Autre ressource",
    };
}
