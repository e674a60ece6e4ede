using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;
using OpenCcas.Web.People;

namespace OpenCcas.Web.FollowUp.Plans;

/// <summary>
/// One action plan: its header, its goals in order, each goal's actions with progress and overdue flags. Every change
/// is a plain form posted to a handler of this page (htmx only makes the round trip lighter); every form carries the
/// plan's version, so that a change made meanwhile by someone else is shown instead of being overwritten.
/// </summary>
public sealed class DetailsModel(AppDbContext db, CurrentUser current, AuditLog audit) : PageModel
{
    public ActionPlan Plan { get; private set; } = null!;
    public string PersonName { get; private set; } = "";
    public string? HouseholdName { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Agents { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> UserNames { get; private set; } = new Dictionary<Guid, string>();
    public DateOnly Today { get; } = PlanDisplay.Today();

    /// <summary>The form that was refused ("plan", "new-goal", "goal-{id}", "new-action-{goalId}", "action-{id}"), its input and its errors.</summary>
    public string? FailedForm { get; private set; }
    public object? Posted { get; private set; }
    public Dictionary<string, string> Errors { get; } = [];
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, tracked: false) is { } refused) return refused;
        await audit.RecordAsync(AuditAction.Read, "Person", Plan.PersonId.ToString(), $"Plan d'accompagnement « {Plan.Title} »");
        return Page();
    }

    public Task<IActionResult> OnPostPlanAsync(Guid id, [FromForm(Name = "Plan")] PlanInput input) =>
        ChangeAsync(id, "plan", input, () => Task.FromResult(ActionPlans.Update(db, Plan, input)), "Plan enregistré.");

    public Task<IActionResult> OnPostAddGoalAsync(Guid id, [FromForm(Name = "Goal")] GoalInput input) =>
        ChangeAsync(id, "new-goal", input, () => Task.FromResult(ActionPlans.AddGoal(db, Plan, input).Result), "Objectif ajouté.");

    public Task<IActionResult> OnPostGoalAsync(Guid id, Guid goalId, [FromForm(Name = "Goal")] GoalInput input) =>
        ChangeAsync(id, $"goal-{goalId}", input, () => Task.FromResult(ActionPlans.UpdateGoal(db, Plan, goalId, input)), "Objectif enregistré.");

    public Task<IActionResult> OnPostMoveAsync(Guid id, Guid goalId, int delta, int version) =>
        ChangeAsync(id, $"goal-{goalId}", null, () => Task.FromResult(ActionPlans.MoveGoal(db, Plan, goalId, delta, version)), "Objectif déplacé.");

    public Task<IActionResult> OnPostAddActionAsync(Guid id, Guid goalId, [FromForm(Name = "Action")] PlanActionInput input) =>
        ChangeAsync(id, $"new-action-{goalId}", input, async () => (await ActionPlans.AddActionAsync(db, Plan, goalId, input)).Result, "Action ajoutée.");

    public Task<IActionResult> OnPostActionAsync(Guid id, Guid actionId, [FromForm(Name = "Action")] PlanActionInput input) =>
        ChangeAsync(id, $"action-{actionId}", input, () => ActionPlans.UpdateActionAsync(db, Plan, actionId, input), "Action enregistrée.");

    /// <summary>One click: the action is done (or its status changes) without opening its form.</summary>
    public async Task<IActionResult> OnPostActionStatusAsync(Guid id, Guid actionId, ActionStatus status, int version)
    {
        if (await LoadAsync(id, tracked: true) is { } refused) return refused;
        var action = Plan.Goals.SelectMany(g => g.Actions).FirstOrDefault(a => a.Id == actionId);
        if (action is null) return NotFound();
        var input = PlanActionInput.From(action, version);
        input.Status = status;
        return await ApplyAsync($"action-{actionId}", input, () => ActionPlans.UpdateActionAsync(db, Plan, actionId, input), $"Action « {action.Title} » : {PlanRules.Label(status)}.");
    }

    private async Task<IActionResult> ChangeAsync(Guid id, string form, object? input, Func<Task<PlanResult>> change, string message)
    {
        if (await LoadAsync(id, tracked: true) is { } refused) return refused;
        if (!ModelState.IsValid)
        {
            Fail(form, input, ModelState.Where(kv => kv.Value is { Errors.Count: > 0 })
                .Select(kv => (kv.Key.Contains('.') ? kv.Key[(kv.Key.IndexOf('.') + 1)..] : kv.Key, kv.Value!.Errors[0].ErrorMessage)));
            return Page();
        }
        return await ApplyAsync(form, input, change, message);
    }

    private async Task<IActionResult> ApplyAsync(string form, object? input, Func<Task<PlanResult>> change, string message)
    {
        var result = await change();
        switch (result.Outcome)
        {
            case PlanOutcome.NotFound: return NotFound();
            case PlanOutcome.Denied: return Forbid();
            case PlanOutcome.Invalid:
                Fail(form, input, result.Errors!);
                return Page();
            case PlanOutcome.Conflict:
                return await ConflictAsync(form, input);
        }
        if (!await ConcurrentSave.TrySaveAsync(db, Plan)) return await ConflictAsync(form, input);
        TempData["Message"] = message;
        return Redirect($"/plans/{Plan.Id}#{Anchor(form)}");
    }

    private static string Anchor(string form) => form.StartsWith("new-action-", StringComparison.Ordinal) ? "goal-" + form["new-action-".Length..] : form;

    private void Fail(string form, object? input, IEnumerable<(string Field, string Message)> errors)
    {
        FailedForm = form;
        Posted = input;
        foreach (var (field, msg) in errors) Errors.TryAdd(field, msg);
        ModelState.Clear(); // the page shows the errors beside the form that was sent (several forms share field names)
    }

    /// <summary>Someone saved the plan meanwhile: show the plan as it is now, the user's input kept in its form.</summary>
    private async Task<IActionResult> ConflictAsync(string form, object? input)
    {
        db.ChangeTracker.Clear();
        if (await LoadAsync(Plan.Id, tracked: false) is { } refused) return refused;
        if (input is PlanInput p) { Conflicts = Conflict.Compare(p, PlanInput.From(Plan)); p.Version = Plan.Version; }
        if (input is GoalInput g) g.Version = Plan.Version;
        if (input is PlanActionInput a) a.Version = Plan.Version;
        FailedForm = form;
        Posted = input;
        Errors[""] = "Ce plan a été modifié par quelqu'un d'autre pendant que vous le modifiiez. Il est affiché tel qu'il est maintenant ; votre saisie est conservée : vérifiez-la, puis enregistrez à nouveau.";
        ModelState.Clear();
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, bool tracked)
    {
        var actor = await current.RequireActorAsync();
        var result = await ActionPlans.OpenAsync(db, actor, id, tracked);
        if (result.Outcome == PlanOutcome.NotFound) return NotFound();
        if (result.Outcome == PlanOutcome.Denied) return Forbid();
        Plan = result.Plan!;
        var names = await PlanDisplay.NamesAsync(db, [Plan.PersonId]);
        PersonName = names.GetValueOrDefault(Plan.PersonId, "");
        if (Plan.HouseholdId is { } h)
            HouseholdName = await db.Set<OpenCcas.Domain.People.Household>().Where(x => x.Id == h).Select(x => x.Name).FirstOrDefaultAsync();
        Agents = await ActionPlans.AgentsAsync(db);
        UserNames = await PlanDisplay.UserNamesAsync(db);
        return null;
    }

    /// <summary>What the action form of <paramref name="form"/> shows: the refused input, or the saved action.</summary>
    public PlanActionInput ActionFormFor(string form, PlanAction? action) =>
        FailedForm == form && Posted is PlanActionInput posted ? posted
        : action is null ? new PlanActionInput { Version = Plan.Version } : PlanActionInput.From(action, Plan.Version);

    public GoalInput GoalFormFor(string form, PlanGoal? goal) =>
        FailedForm == form && Posted is GoalInput posted ? posted
        : new GoalInput { Title = goal?.Title ?? "", Status = goal?.Status ?? PlanStatus.Active, Version = Plan.Version };

    public string? Error(string form, string field) => FailedForm == form ? Errors.GetValueOrDefault(field) : null;
}
