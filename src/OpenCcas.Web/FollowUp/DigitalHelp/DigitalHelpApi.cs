using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.DigitalHelp;

/// <summary>The online procedures' JSON API, with the same rules as the page and the person-file panel.</summary>
public static class DigitalHelpApi
{
    /// <summary>A procedure; the description is null when the user may not read it (see <see cref="OnlineProcedures"/>).</summary>
    public sealed record ProcedureDto(Guid Id, DateTimeOffset At, Guid SiteId, Guid AgentId, Guid? PersonId, ProcedureOrganism Organism, ProcedureHelp Help, string? Description);
    public sealed record CountDto(ProcedureOrganism Organism, string Label, int Procedures);

    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/online-procedures").RequireAuthorization(PermissionPolicies.For(Permission.RecordDigitalHelp));

        // From and to default to today (Paris); with personId, that person's procedures (their identity part must open).
        group.MapGet("/", async Task<IResult> (DateOnly? from, DateOnly? to, Guid? siteId, Guid? personId, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var today = PlanDisplay.Today();
            IQueryable<OnlineProcedure> query;
            if (personId is { } pid)
            {
                var (access, _) = await PersonFiles.OpenAsync(db, actor, pid, FilePart.Identity);
                if (access == FileAccess.NotFound) return Results.NotFound();
                if (access == FileAccess.Denied) return Results.Forbid();
                query = db.Set<OnlineProcedure>().Where(p => p.PersonId == pid);
                if (from is not null || to is not null) query = OnlineProcedures.InPeriod(db, from ?? DateOnly.MinValue.AddDays(1), to ?? today, siteId).Where(p => p.PersonId == pid);
            }
            else query = OnlineProcedures.InPeriod(db, from ?? today, to ?? today, siteId);
            var list = await query.AsNoTracking().OrderByDescending(p => p.At).Take(5000).ToListAsync();
            return Results.Ok(await DtosAsync(db, actor, list));
        });
        group.MapGet("/counts", async (DateOnly? from, DateOnly? to, Guid? siteId, AppDbContext db) =>
        {
            var today = PlanDisplay.Today();
            var counts = await OnlineProcedures.CountsAsync(OnlineProcedures.InPeriod(db, from ?? today, to ?? today, siteId));
            return counts.Select(c => new CountDto(c.Organism, PlanRules.ShortLabel(c.Organism), c.Procedures));
        });
        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var p = await db.Set<OnlineProcedure>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            if (p is null) return Results.NotFound();
            var actor = await current.RequireActorAsync();
            if (p.PersonId is { } pid && p.AgentId != actor.UserId
                && (await PersonFiles.OpenAsync(db, actor, pid, FilePart.Identity)).Access == FileAccess.Denied)
                return Results.Forbid();
            return Results.Ok((await DtosAsync(db, actor, [p]))[0]);
        });
        group.MapPost("/", async Task<IResult> (ProcedureInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (outcome, procedure, errors) = await OnlineProcedures.RecordAsync(db, actor, input);
            return outcome switch
            {
                OnlineProcedures.RecordOutcome.Ok => Results.Created($"/api/online-procedures/{procedure!.Id}", (await DtosAsync(db, actor, [procedure]))[0]),
                OnlineProcedures.RecordOutcome.PersonDenied => Results.Forbid(),
                _ => PlansApi.Problem(errors),
            };
        });
        // A mistake is deleted by its author or a manager.
        group.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var p = await db.Set<OnlineProcedure>().FirstOrDefaultAsync(x => x.Id == id);
            if (p is null) return Results.NotFound();
            var actor = await current.RequireActorAsync();
            if (p.AgentId != actor.UserId && !actor.Has(Role.Manager)) return Results.Forbid();
            db.Remove(p);
            await db.SaveChangesAsync();
            return Results.NoContent();
        });
    }

    private static async Task<List<ProcedureDto>> DtosAsync(AppDbContext db, Actor actor, IReadOnlyCollection<OnlineProcedure> list)
    {
        var readable = await OnlineProcedures.ReadableDescriptionsAsync(db, actor, list);
        return list.Select(p => new ProcedureDto(p.Id, p.At, p.SiteId, p.AgentId, p.PersonId, p.Organism, p.Help, readable.Contains(p.Id) ? p.Description : null)).ToList();
    }
}
