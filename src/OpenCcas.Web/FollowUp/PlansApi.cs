using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp;

/// <summary>
/// The action plans' JSON API: the same operations and rules as the pages (<see cref="ActionPlans"/>). A plan is read
/// and changed by whoever may open the social part of its person's file; others get 403.
/// </summary>
public static class PlansApi
{
    public sealed record PlanActionDto(Guid Id, string Title, PlanActionOwner Owner, Guid? AgentId, string? Who, DateOnly? DueOn, ActionStatus Status, bool Overdue);
    public sealed record PlanGoalDto(Guid Id, int Position, string Title, PlanStatus Status, int ActionsDone, int ActionsCounted, PlanActionDto[] Actions);
    public sealed record ActionPlanDto(Guid Id, Guid PersonId, Guid? HouseholdId, string Title, DateOnly StartedOn, PlanStatus Status, int Version,
        int ActionsDone, int ActionsCounted, PlanGoalDto[] Goals);
    /// <summary>Moves a goal up (-1) or down (+1).</summary>
    public sealed class MoveInput { public int Delta { get; set; } public int? Version { get; set; } }

    public static ActionPlanDto Dto(ActionPlan p)
    {
        var today = PlanDisplay.Today();
        var (done, total) = PlanRules.Progress(p);
        return new(p.Id, p.PersonId, p.HouseholdId, p.Title, p.StartedOn, p.Status, p.Version, done, total,
            p.Goals.OrderBy(g => g.Position).Select(g =>
            {
                var (gd, gt) = PlanRules.Progress(g.Actions);
                return new PlanGoalDto(g.Id, g.Position, g.Title, g.Status, gd, gt,
                    g.Actions.OrderBy(a => a.DueOn ?? DateOnly.MaxValue).Select(a =>
                        new PlanActionDto(a.Id, a.Title, a.Owner, a.AgentId, a.Who, a.DueOn, a.Status, PlanRules.IsOverdue(a, today))).ToArray());
            }).ToArray());
    }

    public static void Map(RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/action-plans");

        // The plans of one person (their own and their household's), or without personId the plans of every file
        // whose social part the user may open.
        plans.MapGet("/", async Task<IResult> (Guid? personId, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            if (!ActionPlans.MayEverOpenSocial(actor)) return Results.Forbid();
            if (personId is { } pid)
            {
                var (access, _) = await PersonFiles.OpenAsync(db, actor, pid, FilePart.Social);
                if (access == FileAccess.NotFound) return Results.NotFound();
                if (access == FileAccess.Denied) return Results.Forbid();
                return Results.Ok((await ActionPlans.OfPersonAsync(db, pid)).Select(Dto));
            }
            var openable = PersonFiles.Openable(db, actor, FilePart.Social).Select(p => p.Id);
            var list = await db.Set<ActionPlan>().AsNoTracking().Include(p => p.Goals).ThenInclude(g => g.Actions)
                .Where(p => openable.Contains(p.PersonId)).OrderByDescending(p => p.StartedOn).Take(500).AsSplitQuery().ToListAsync();
            return Results.Ok(list.Select(Dto));
        });

        plans.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current, Infrastructure.Audit.AuditLog audit) =>
        {
            var result = await ActionPlans.OpenAsync(db, await current.RequireActorAsync(), id);
            if (result.Outcome != PlanOutcome.Ok) return Answer(result);
            await audit.RecordAsync(Domain.Audit.AuditAction.Read, "Person", result.Plan!.PersonId.ToString(),
                $"Plan d'accompagnement « {result.Plan.Title} » (API)");
            return Results.Ok(Dto(result.Plan));
        });

        plans.MapPost("/", async Task<IResult> (PlanInput input, AppDbContext db, CurrentUser current) =>
        {
            if (input.PersonId is not { } personId) return Problem([(nameof(PlanInput.PersonId), "La personne est obligatoire.")]);
            var result = await ActionPlans.CreateAsync(db, await current.RequireActorAsync(), personId, input);
            return result.Outcome == PlanOutcome.Ok ? Results.Created($"/api/action-plans/{result.Plan!.Id}", Dto(result.Plan)) : Answer(result);
        });

        plans.MapPut("/{id:guid}", (Guid id, PlanInput input, AppDbContext db, CurrentUser current) =>
            ChangeAsync(db, current, id, plan => Task.FromResult(ActionPlans.Update(db, plan, input)), p => Results.Ok(Dto(p))));

        plans.MapPost("/{id:guid}/goals", (Guid id, GoalInput input, AppDbContext db, CurrentUser current) =>
        {
            PlanGoal? goal = null;
            return ChangeAsync(db, current, id, plan =>
            {
                var (result, g) = ActionPlans.AddGoal(db, plan, input);
                goal = g;
                return Task.FromResult(result);
            }, p => Results.Created($"/api/action-plans/{p.Id}/goals/{goal!.Id}", Dto(p)));
        });

        plans.MapPut("/{id:guid}/goals/{planGoalId:guid}", (Guid id, Guid planGoalId, GoalInput input, AppDbContext db, CurrentUser current) =>
            ChangeAsync(db, current, id, plan => Task.FromResult(ActionPlans.UpdateGoal(db, plan, planGoalId, input)), p => Results.Ok(Dto(p))));

        plans.MapPost("/{id:guid}/goals/{planGoalId:guid}/move", (Guid id, Guid planGoalId, MoveInput input, AppDbContext db, CurrentUser current) =>
            ChangeAsync(db, current, id, plan => Task.FromResult(ActionPlans.MoveGoal(db, plan, planGoalId, input.Delta, input.Version)), p => Results.Ok(Dto(p))));

        plans.MapPost("/{id:guid}/goals/{planGoalId:guid}/actions", (Guid id, Guid planGoalId, PlanActionInput input, AppDbContext db, CurrentUser current) =>
        {
            PlanAction? action = null;
            return ChangeAsync(db, current, id, async plan =>
            {
                var (result, a) = await ActionPlans.AddActionAsync(db, plan, planGoalId, input);
                action = a;
                return result;
            }, p => Results.Created($"/api/action-plans/{p.Id}/actions/{action!.Id}", Dto(p)));
        });

        plans.MapPut("/{id:guid}/actions/{planActionId:guid}", (Guid id, Guid planActionId, PlanActionInput input, AppDbContext db, CurrentUser current) =>
            ChangeAsync(db, current, id, plan => ActionPlans.UpdateActionAsync(db, plan, planActionId, input), p => Results.Ok(Dto(p))));
    }

    private static async Task<IResult> ChangeAsync(AppDbContext db, CurrentUser current, Guid id, Func<ActionPlan, Task<PlanResult>> change, Func<ActionPlan, IResult> ok)
    {
        var opened = await ActionPlans.OpenAsync(db, await current.RequireActorAsync(), id, tracked: true);
        if (opened.Outcome != PlanOutcome.Ok) return Answer(opened);
        var result = await change(opened.Plan!);
        if (result.Outcome != PlanOutcome.Ok) return Answer(result);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Answer(PlanResult.Conflict);
        }
        return ok(opened.Plan!);
    }

    /// <summary>The HTTP answer of a refused operation.</summary>
    public static IResult Answer(PlanResult result) => result.Outcome switch
    {
        PlanOutcome.NotFound => Results.NotFound(),
        PlanOutcome.Denied => Results.Forbid(),
        PlanOutcome.Conflict => Results.Problem(statusCode: 409,
            title: "Conflit : le plan a été modifié par quelqu'un d'autre entre-temps.",
            detail: "Relisez la version actuelle (GET) et renvoyez vos modifications avec son numéro de version."),
        PlanOutcome.Invalid => Problem(result.Errors!),
        _ => Results.Ok(),
    };

    public static IResult Problem(IEnumerable<(string Field, string Message)> errors) => Results.ValidationProblem(
        errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "La requête contient des erreurs.");
}
