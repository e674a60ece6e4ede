using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People;

using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.Plans;

// Action plans ("plans d'accompagnement"): the inputs (validated with French messages) and the operations, used by
// the pages and the API alike, so that a rule is written once. A plan belongs to the social part of its person's file
// (for a household plan, the reference person's file): whoever may open that part may read and change the plan.

public sealed class PlanInput
{
    [Required(ErrorMessage = "Le titre du plan est obligatoire."), StringLength(300, ErrorMessage = "Le titre ne peut dépasser 300 caractères.")]
    [Display(Name = "Titre")]
    public string Title { get; set; } = "";
    /// <summary>Required (checked by the operations, so that a missing plan answers 404 before a missing date answers 400).</summary>
    [Display(Name = "Début")]
    public DateOnly? StartedOn { get; set; }
    [Display(Name = "Statut")]
    public PlanStatus Status { get; set; } = PlanStatus.Active;
    /// <summary>At creation: a plan for the person's whole household (attached to its reference person).</summary>
    [Display(Name = "Plan du foyer")]
    public bool ForHousehold { get; set; }
    /// <summary>At creation through the API: the person the plan is for (the page takes it from its address).</summary>
    public Guid? PersonId { get; set; }
    public int Version { get; set; }

    public static PlanInput From(ActionPlan p) => new() { Title = p.Title, StartedOn = p.StartedOn, Status = p.Status, ForHousehold = p.HouseholdId is not null, Version = p.Version };
}

public sealed class GoalInput
{
    [Required(ErrorMessage = "L'intitulé de l'objectif est obligatoire."), StringLength(300, ErrorMessage = "L'intitulé ne peut dépasser 300 caractères.")]
    [Display(Name = "Objectif")]
    public string Title { get; set; } = "";
    [Display(Name = "Statut")]
    public PlanStatus Status { get; set; } = PlanStatus.Active;
    /// <summary>The plan's version the user saw (optional in the API; always sent by the pages).</summary>
    public int? Version { get; set; }
}

public sealed class PlanActionInput
{
    [Required(ErrorMessage = "L'intitulé de l'action est obligatoire."), StringLength(300, ErrorMessage = "L'intitulé ne peut dépasser 300 caractères.")]
    [Display(Name = "Action")]
    public string Title { get; set; } = "";
    [Display(Name = "Qui")]
    public PlanActionOwner Owner { get; set; } = PlanActionOwner.Person;
    [Display(Name = "Agent")]
    public Guid? AgentId { get; set; }
    [Display(Name = "Partenaire ou autre"), StringLength(200, ErrorMessage = "Ce champ ne peut dépasser 200 caractères.")]
    public string? Who { get; set; }
    [Display(Name = "Échéance")]
    public DateOnly? DueOn { get; set; }
    [Display(Name = "Statut")]
    public ActionStatus Status { get; set; } = ActionStatus.ToDo;
    public int? Version { get; set; }

    public static PlanActionInput From(PlanAction a, int version) => new()
    {
        Title = a.Title, Owner = a.Owner, AgentId = a.AgentId, Who = a.Who, DueOn = a.DueOn, Status = a.Status, Version = version,
    };

    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db, ActionPlan plan)
    {
        var errors = new List<(string, string)>();
        if (PlanRules.CheckDueDate(DueOn, plan.StartedOn) is { } due) errors.Add((nameof(DueOn), due));
        switch (Owner)
        {
            case PlanActionOwner.Agent when AgentId is null:
                errors.Add((nameof(AgentId), "Choisissez l'agent qui fera cette action."));
                break;
            case PlanActionOwner.Agent when !await db.Users.AnyAsync(u => u.Id == AgentId && u.Active):
                errors.Add((nameof(AgentId), "L'agent choisi n'existe pas dans votre organisation (ou son compte est désactivé)."));
                break;
            case PlanActionOwner.Other when string.IsNullOrWhiteSpace(Who):
                errors.Add((nameof(Who), "Indiquez qui fera cette action (partenaire, proche…)."));
                break;
        }
        if (!Enum.IsDefined(Owner)) errors.Add((nameof(Owner), "Choisissez qui fera cette action."));
        if (!Enum.IsDefined(Status)) errors.Add((nameof(Status), "Statut inconnu."));
        return errors;
    }

    public void ApplyTo(PlanAction a)
    {
        a.Title = Title.Trim();
        a.Owner = Owner;
        a.AgentId = Owner == PlanActionOwner.Agent ? AgentId : null;
        a.Who = Owner == PlanActionOwner.Other ? Who?.Trim() : null;
        a.DueOn = DueOn;
        a.Status = Status;
    }
}

public enum PlanOutcome { Ok, NotFound, Denied, Invalid, Conflict }

/// <summary>The result of an operation: what happened, the plan, and the French messages of a refused input.</summary>
public sealed record PlanResult(PlanOutcome Outcome, ActionPlan? Plan = null, IReadOnlyList<(string Field, string Message)>? Errors = null)
{
    public static PlanResult Invalid(params (string, string)[] errors) => new(PlanOutcome.Invalid, null, errors);
    public static PlanResult Invalid(IReadOnlyList<(string, string)> errors) => new(PlanOutcome.Invalid, null, errors);
    public static readonly PlanResult Conflict = new(PlanOutcome.Conflict);
    public static readonly PlanResult NotFound = new(PlanOutcome.NotFound);
    public static readonly PlanResult Denied = new(PlanOutcome.Denied);
}

public static class ActionPlans
{
    public const string StartRequired = "La date de début est obligatoire.";

    /// <summary>
    /// Whether the actor could open the social part of at least one file (a file of which they are the referent):
    /// those who never can are refused plan lists outright instead of being shown an empty list.
    /// </summary>
    public static bool MayEverOpenSocial(Actor actor) =>
        AccessRules.CanOpen(actor, new FileScope(actor.OrganisationId, null, [], actor.UserId), FilePart.Social);

    /// <summary>The plan with its goals (in order) and actions, if the actor may open its person's social part.</summary>
    public static async Task<PlanResult> OpenAsync(AppDbContext db, Actor actor, Guid planId, bool tracked = false, CancellationToken ct = default)
    {
        var query = db.Set<ActionPlan>().Include(p => p.Goals).ThenInclude(g => g.Actions).Where(p => p.Id == planId);
        var plan = await (tracked ? query : query.AsNoTracking()).AsSplitQuery().FirstOrDefaultAsync(ct);
        if (plan is null) return PlanResult.NotFound;
        var (access, _) = await PersonFiles.OpenAsync(db, actor, plan.PersonId, FilePart.Social, ct: ct);
        if (access != FileAccess.Allowed) return access == FileAccess.NotFound ? PlanResult.NotFound : PlanResult.Denied;
        plan.Goals = plan.Goals.OrderBy(g => g.Position).ThenBy(g => g.Id).ToList();
        return new PlanResult(PlanOutcome.Ok, plan);
    }

    /// <summary>The plans of a person: their own and those of the household they belong to now.</summary>
    public static async Task<List<ActionPlan>> OfPersonAsync(AppDbContext db, Guid personId, CancellationToken ct = default)
    {
        var households = await db.Set<HouseholdMember>().Where(m => m.PersonId == personId && m.LeftOn == null)
            .Select(m => m.HouseholdId).ToListAsync(ct);
        var plans = await db.Set<ActionPlan>().AsNoTracking().Include(p => p.Goals).ThenInclude(g => g.Actions)
            .Where(p => p.PersonId == personId || (p.HouseholdId != null && households.Contains(p.HouseholdId.Value)))
            .AsSplitQuery().ToListAsync(ct);
        return plans.OrderBy(p => p.Status == PlanStatus.Active ? 0 : 1).ThenByDescending(p => p.StartedOn).ToList();
    }

    /// <summary>
    /// Creates a plan for a person, or for their household (attached to its reference person, whose social part the
    /// actor must then be able to open).
    /// </summary>
    public static async Task<PlanResult> CreateAsync(AppDbContext db, Actor actor, Guid personId, PlanInput input, CancellationToken ct = default)
    {
        var (access, _) = await PersonFiles.OpenAsync(db, actor, personId, FilePart.Social, ct: ct);
        if (access == FileAccess.NotFound) return PlanResult.NotFound;
        if (access == FileAccess.Denied) return PlanResult.Denied;
        if (!Enum.IsDefined(input.Status)) return PlanResult.Invalid((nameof(input.Status), "Statut inconnu."));
        if (input.StartedOn is null) return PlanResult.Invalid((nameof(input.StartedOn), StartRequired));
        var plan = new ActionPlan { Title = input.Title.Trim(), PersonId = personId, StartedOn = input.StartedOn!.Value, Status = input.Status };
        if (input.ForHousehold)
        {
            var household = await db.Set<HouseholdMember>().Where(m => m.PersonId == personId && m.LeftOn == null)
                .Select(m => (Guid?)m.HouseholdId).FirstOrDefaultAsync(ct);
            if (household is null)
                return PlanResult.Invalid((nameof(input.ForHousehold), "Cette personne n'appartient à aucun foyer : le plan ne peut être que le sien."));
            var reference = await db.Set<HouseholdMember>()
                .Where(m => m.HouseholdId == household && m.LeftOn == null && m.Role == HouseholdRole.ReferencePerson)
                .Select(m => (Guid?)m.PersonId).FirstOrDefaultAsync(ct) ?? personId;
            if (reference != personId)
            {
                var (refAccess, _) = await PersonFiles.OpenAsync(db, actor, reference, FilePart.Social, ct: ct);
                if (refAccess != FileAccess.Allowed) return PlanResult.Denied;
            }
            plan.HouseholdId = household;
            plan.PersonId = reference;
        }
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return new PlanResult(PlanOutcome.Ok, plan);
    }

    /// <summary>The plan was changed by someone else since the user read it (checked again by the concurrency token).</summary>
    private static bool Stale(ActionPlan plan, int? version) => version is { } v && v != plan.Version;

    /// <summary>Any change to a goal or an action changes the plan's version: two agents editing one plan see each other.</summary>
    private static void Touch(AppDbContext db, ActionPlan plan) => db.Entry(plan).Property(p => p.Version).IsModified = true;

    public static PlanResult Update(AppDbContext db, ActionPlan plan, PlanInput input)
    {
        if (Stale(plan, input.Version)) return PlanResult.Conflict;
        if (!Enum.IsDefined(input.Status)) return PlanResult.Invalid((nameof(input.Status), "Statut inconnu."));
        if (input.StartedOn is null) return PlanResult.Invalid((nameof(input.StartedOn), StartRequired));
        if (PlanRules.CheckStart(input.StartedOn.Value, plan) is { } error) return PlanResult.Invalid((nameof(input.StartedOn), error));
        plan.Title = input.Title.Trim();
        plan.StartedOn = input.StartedOn.Value;
        plan.Status = input.Status;
        Touch(db, plan);
        return new PlanResult(PlanOutcome.Ok, plan);
    }

    public static (PlanResult Result, PlanGoal? Goal) AddGoal(AppDbContext db, ActionPlan plan, GoalInput input)
    {
        if (Stale(plan, input.Version)) return (PlanResult.Conflict, null);
        if (!Enum.IsDefined(input.Status)) return (PlanResult.Invalid((nameof(input.Status), "Statut inconnu.")), null);
        var goal = new PlanGoal
        {
            ActionPlanId = plan.Id, Title = input.Title.Trim(), Status = input.Status,
            Position = plan.Goals.Count == 0 ? 0 : plan.Goals.Max(g => g.Position) + 1,
        };
        db.Add(goal);
        plan.Goals.Add(goal);
        Touch(db, plan);
        return (new PlanResult(PlanOutcome.Ok, plan), goal);
    }

    public static PlanResult UpdateGoal(AppDbContext db, ActionPlan plan, Guid goalId, GoalInput input)
    {
        if (plan.Goals.FirstOrDefault(g => g.Id == goalId) is not { } goal) return PlanResult.NotFound;
        if (Stale(plan, input.Version)) return PlanResult.Conflict;
        if (!Enum.IsDefined(input.Status)) return PlanResult.Invalid((nameof(input.Status), "Statut inconnu."));
        goal.Title = input.Title.Trim();
        goal.Status = input.Status;
        Touch(db, plan);
        return new PlanResult(PlanOutcome.Ok, plan);
    }

    /// <summary>Moves a goal up (-1) or down (+1) in the plan; the positions are renumbered 0..n-1.</summary>
    public static PlanResult MoveGoal(AppDbContext db, ActionPlan plan, Guid goalId, int delta, int? version)
    {
        var goals = plan.Goals.OrderBy(g => g.Position).ThenBy(g => g.Id).ToList();
        var index = goals.FindIndex(g => g.Id == goalId);
        if (index < 0) return PlanResult.NotFound;
        if (Stale(plan, version)) return PlanResult.Conflict;
        var target = Math.Clamp(index + Math.Sign(delta), 0, goals.Count - 1);
        if (target != index) (goals[index], goals[target]) = (goals[target], goals[index]);
        for (var i = 0; i < goals.Count; i++) goals[i].Position = i;
        plan.Goals = goals;
        Touch(db, plan);
        return new PlanResult(PlanOutcome.Ok, plan);
    }

    public static async Task<(PlanResult Result, PlanAction? Action)> AddActionAsync(AppDbContext db, ActionPlan plan, Guid goalId, PlanActionInput input)
    {
        if (plan.Goals.FirstOrDefault(g => g.Id == goalId) is not { } goal) return (PlanResult.NotFound, null);
        if (Stale(plan, input.Version)) return (PlanResult.Conflict, null);
        var errors = await input.CheckAsync(db, plan);
        if (errors.Count > 0) return (PlanResult.Invalid(errors), null);
        var action = new PlanAction { PlanGoalId = goal.Id, Title = "" };
        input.ApplyTo(action);
        db.Add(action);
        goal.Actions.Add(action);
        Touch(db, plan);
        return (new PlanResult(PlanOutcome.Ok, plan), action);
    }

    public static async Task<PlanResult> UpdateActionAsync(AppDbContext db, ActionPlan plan, Guid actionId, PlanActionInput input)
    {
        if (plan.Goals.SelectMany(g => g.Actions).FirstOrDefault(a => a.Id == actionId) is not { } action) return PlanResult.NotFound;
        if (Stale(plan, input.Version)) return PlanResult.Conflict;
        var errors = await input.CheckAsync(db, plan);
        if (errors.Count > 0) return PlanResult.Invalid(errors);
        input.ApplyTo(action);
        Touch(db, plan);
        return new PlanResult(PlanOutcome.Ok, plan);
    }

    /// <summary>The organisation's active agents, for the "who" of an action and the facilitator of a session.</summary>
    public static async Task<List<(Guid Id, string Name)>> AgentsAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.Users.AsNoTracking().Where(u => u.Active).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync(ct))
        .Select(u => (u.Id, $"{u.FirstName} {u.LastName}")).ToList();

    /// <summary>"Qui" in words, for display.</summary>
    public static string WhoLabel(PlanAction a, IReadOnlyDictionary<Guid, string> agents) => a.Owner switch
    {
        PlanActionOwner.Person => "La personne",
        PlanActionOwner.Agent => a.AgentId is { } id && agents.TryGetValue(id, out var n) ? n : "Agent",
        _ => a.Who ?? "Autre",
    };
}
