using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Collective;

/// <summary>The collective sessions' JSON API, with the same rules as the pages.</summary>
public static class CollectiveApi
{
    /// <summary>A session; <c>PersonIds</c> lists the named participants the user may open, <c>OtherParticipants</c> counts the rest.</summary>
    public sealed record SessionDto(Guid Id, string Topic, DateTimeOffset At, int DurationMinutes, Guid SiteId, Guid FacilitatorId,
        int AnonymousParticipants, Guid[] PersonIds, int OtherParticipants, int Version);
    public sealed record TotalsDto(int Sessions, int DistinctPeople, int NamedParticipations, int AnonymousParticipations, int Participations);
    public sealed class ParticipantInput { public Guid PersonId { get; set; } }

    public static void Map(RouteGroupBuilder api)
    {
        var read = api.MapGroup("/collective-sessions").RequireAuthorization(PermissionPolicies.For(CollectiveSessions.ReadPermission));
        var manage = api.MapGroup("/collective-sessions").RequireAuthorization(PermissionPolicies.For(Permission.ManageCollectiveActions));

        read.MapGet("/", async (DateOnly? from, DateOnly? to, Guid? siteId, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var sessions = await CollectiveSessions.InPeriod(db, from, to, siteId).AsNoTracking().Include(s => s.Participants)
                .OrderByDescending(s => s.At).Take(1000).ToListAsync();
            var visible = await CollectiveSessions.OpenableAsync(db, actor, sessions.SelectMany(s => s.Participants).Select(p => p.PersonId));
            return sessions.Select(s => Dto(s, visible));
        });
        read.MapGet("/totals", async (DateOnly? from, DateOnly? to, Guid? siteId, AppDbContext db) =>
        {
            var t = await CollectiveSessions.TotalsAsync(CollectiveSessions.InPeriod(db, from, to, siteId), db);
            return new TotalsDto(t.Sessions, t.DistinctPeople, t.NamedParticipations, t.AnonymousParticipations, t.Participations);
        });
        read.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var s = await db.Set<CollectiveSession>().AsNoTracking().Include(x => x.Participants).FirstOrDefaultAsync(x => x.Id == id);
            if (s is null) return Results.NotFound();
            var visible = await CollectiveSessions.OpenableAsync(db, await current.RequireActorAsync(), s.Participants.Select(p => p.PersonId));
            return Results.Ok(Dto(s, visible));
        });

        manage.MapPost("/", async Task<IResult> (SessionInput input, AppDbContext db) =>
        {
            if (await Invalid(input, db) is { } problem) return problem;
            var session = new CollectiveSession { Topic = "" };
            input.ApplyTo(session);
            db.Add(session);
            await db.SaveChangesAsync();
            return Results.Created($"/api/collective-sessions/{session.Id}", Dto(session, new HashSet<Guid>()));
        });
        manage.MapPut("/{id:guid}", async Task<IResult> (Guid id, SessionInput input, AppDbContext db, CurrentUser current) =>
        {
            var session = await db.Set<CollectiveSession>().Include(x => x.Participants).FirstOrDefaultAsync(x => x.Id == id);
            if (session is null) return Results.NotFound();
            if (await Invalid(input, db) is { } problem) return problem;
            if (session.Version != input.Version) return Conflict();
            input.ApplyTo(session);
            try { await db.SaveChangesAsync(); }
            catch (DbUpdateConcurrencyException) { return Conflict(); }
            var visible = await CollectiveSessions.OpenableAsync(db, await current.RequireActorAsync(), session.Participants.Select(p => p.PersonId));
            return Results.Ok(Dto(session, visible));
        });
        manage.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db) =>
        {
            var session = await db.Set<CollectiveSession>().Include(x => x.Participants).FirstOrDefaultAsync(x => x.Id == id);
            if (session is null) return Results.NotFound();
            db.RemoveRange(session.Participants);
            db.Remove(session);
            await db.SaveChangesAsync();
            return Results.NoContent();
        });
        manage.MapPost("/{id:guid}/participants", async Task<IResult> (Guid id, ParticipantInput input, AppDbContext db, CurrentUser current) =>
        {
            var session = await db.Set<CollectiveSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id);
            if (session is null) return Results.NotFound();
            var outcome = await CollectiveSessions.AddParticipantAsync(db, await current.RequireActorAsync(), session, input.PersonId);
            return outcome switch
            {
                CollectiveSessions.AddOutcome.NotFound => Results.ValidationProblem(new Dictionary<string, string[]> { ["PersonId"] = ["Cette personne est introuvable."] }, title: "La requête contient des erreurs."),
                CollectiveSessions.AddOutcome.Denied => Results.Forbid(),
                CollectiveSessions.AddOutcome.AlreadyThere => Results.Ok(),
                _ => Results.Created($"/api/collective-sessions/{id}/participants/{input.PersonId}", null),
            };
        });
        manage.MapDelete("/{id:guid}/participants/{personId:guid}", async Task<IResult> (Guid id, Guid personId, AppDbContext db, CurrentUser current) =>
        {
            if (!await db.Set<CollectiveSession>().AnyAsync(x => x.Id == id)) return Results.NotFound();
            var row = await db.Set<CollectiveParticipant>().FirstOrDefaultAsync(p => p.CollectiveSessionId == id && p.PersonId == personId);
            if (row is null) return Results.NotFound();
            if ((await CollectiveSessions.OpenableAsync(db, await current.RequireActorAsync(), [personId])).Count == 0) return Results.Forbid();
            db.Remove(row);
            await db.SaveChangesAsync();
            return Results.NoContent();
        });
    }

    private static SessionDto Dto(CollectiveSession s, IReadOnlySet<Guid> visible)
    {
        var ids = s.Participants.Select(p => p.PersonId).Where(visible.Contains).ToArray();
        return new(s.Id, s.Topic, s.At, s.DurationMinutes, s.SiteId, s.FacilitatorId, s.AnonymousParticipants, ids, s.Participants.Count - ids.Length, s.Version);
    }

    private static async Task<IResult?> Invalid(SessionInput input, AppDbContext db)
    {
        var errors = await input.CheckAsync(db);
        return errors.Count == 0 ? null : PlansApi.Problem(errors);
    }

    private static IResult Conflict() => Results.Problem(statusCode: 409,
        title: "Conflit : la séance a été modifiée par quelqu'un d'autre entre-temps.",
        detail: "Relisez la version actuelle (GET) et renvoyez vos modifications avec son numéro de version.");
}
