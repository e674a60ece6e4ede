namespace OpenCcas.Domain.FollowUp;

/// <summary>
/// Rules and French labels of action plans, collective actions and digital help: progress, overdue actions, the
/// checks on dates. Plain C#, used by the pages and the API alike.
/// </summary>
public static class PlanRules
{
    public static string Label(PlanStatus status) => status switch
    {
        PlanStatus.Active => "En cours",
        PlanStatus.Achieved => "Atteint",
        PlanStatus.Abandoned => "Abandonné",
        _ => status.ToString(),
    };

    public static string Label(ActionStatus status) => status switch
    {
        ActionStatus.ToDo => "À faire",
        ActionStatus.InProgress => "En cours",
        ActionStatus.Done => "Fait",
        ActionStatus.Cancelled => "Annulé",
        _ => status.ToString(),
    };

    public static string Label(PlanActionOwner owner) => owner switch
    {
        PlanActionOwner.Person => "La personne",
        PlanActionOwner.Agent => "Un agent du CCAS",
        PlanActionOwner.Other => "Un partenaire ou une autre personne",
        _ => owner.ToString(),
    };

    public static string Label(ProcedureOrganism organism) => organism switch
    {
        ProcedureOrganism.Caf => "CAF",
        ProcedureOrganism.Cpam => "CPAM (Assurance maladie)",
        ProcedureOrganism.FranceTravail => "France Travail",
        ProcedureOrganism.Prefecture => "Préfecture (ANTS, titres de séjour)",
        ProcedureOrganism.Taxes => "Impôts",
        ProcedureOrganism.EnergySupplier => "Fournisseur d'énergie",
        ProcedureOrganism.Msa => "MSA",
        ProcedureOrganism.Carsat => "CARSAT (retraite)",
        ProcedureOrganism.Departement => "Département",
        ProcedureOrganism.Housing => "Logement (bailleur, demande de logement social)",
        ProcedureOrganism.Other => "Autre",
        _ => organism.ToString(),
    };

    /// <summary>A short label, for tables and counts.</summary>
    public static string ShortLabel(ProcedureOrganism organism) => organism switch
    {
        ProcedureOrganism.Cpam => "CPAM",
        ProcedureOrganism.Prefecture => "Préfecture",
        ProcedureOrganism.Carsat => "CARSAT",
        ProcedureOrganism.Housing => "Logement",
        _ => Label(organism),
    };

    public static string Label(ProcedureHelp help) => help switch
    {
        ProcedureHelp.Accompanied => "Accompagnée (faite avec la personne)",
        ProcedureHelp.DoneForPerson => "Faite pour la personne",
        ProcedureHelp.SelfService => "En autonomie accompagnée",
        _ => help.ToString(),
    };

    public static string ShortLabel(ProcedureHelp help) => help switch
    {
        ProcedureHelp.Accompanied => "Accompagnée",
        ProcedureHelp.DoneForPerson => "Faite pour la personne",
        ProcedureHelp.SelfService => "Autonomie accompagnée",
        _ => help.ToString(),
    };

    /// <summary>An action is overdue when its due date has passed and it is neither done nor cancelled.</summary>
    public static bool IsOverdue(PlanAction action, DateOnly today) =>
        action.DueOn is { } due && due < today && action.Status is ActionStatus.ToDo or ActionStatus.InProgress;

    /// <summary>Actions done and actions that count (cancelled ones do not).</summary>
    public static (int Done, int Total) Progress(IEnumerable<PlanAction> actions)
    {
        var counted = actions.Where(a => a.Status != ActionStatus.Cancelled).ToList();
        return (counted.Count(a => a.Status == ActionStatus.Done), counted.Count);
    }

    public static (int Done, int Total) Progress(ActionPlan plan) => Progress(plan.Goals.SelectMany(g => g.Actions));

    /// <summary>The French message when an action's due date falls before the plan's start, else null.</summary>
    public static string? CheckDueDate(DateOnly? dueOn, DateOnly planStart) =>
        dueOn is { } due && due < planStart
            ? $"L'échéance ne peut pas précéder le début du plan ({planStart:dd/MM/yyyy})."
            : null;

    /// <summary>The French message when a plan's new start would leave an action due before it, else null.</summary>
    public static string? CheckStart(DateOnly start, ActionPlan plan)
    {
        var earliest = plan.Goals.SelectMany(g => g.Actions).Where(a => a.DueOn is not null).Select(a => a.DueOn!.Value)
            .DefaultIfEmpty(DateOnly.MaxValue).Min();
        return earliest < start
            ? $"Une action du plan a une échéance au {earliest:dd/MM/yyyy}, avant ce début : modifiez-la d'abord."
            : null;
    }

    /// <summary>Participations, distinct people known by name, and anonymous participations of a set of sessions.</summary>
    public static (int Sessions, int DistinctPeople, int Participations, int Anonymous) Totals(IReadOnlyCollection<CollectiveSession> sessions)
    {
        var named = sessions.SelectMany(s => s.Participants).ToList();
        var anonymous = sessions.Sum(s => s.AnonymousParticipants);
        return (sessions.Count, named.Select(p => p.PersonId).Distinct().Count(), named.Count + anonymous, anonymous);
    }
}
