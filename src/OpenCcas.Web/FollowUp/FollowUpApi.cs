using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp;

/// <summary>Small shared answers of the follow-up and partner APIs.</summary>
internal static class Api
{
    public static IResult? Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? null : Results.ValidationProblem(
            list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "La requête contient des erreurs.");
    }

    public static IResult Conflict() => Results.Problem(statusCode: 409,
        title: "Conflit : l'enregistrement a été modifié par quelqu'un d'autre entre-temps.",
        detail: "Relisez la version actuelle (GET) et renvoyez vos modifications avec son numéro de version.");

    public static IResult Denied() => Results.Problem(statusCode: 403, title: "Accès refusé.");

    public static IResult? Refused(FileAccess access) => access switch
    {
        FileAccess.NotFound => Results.NotFound(),
        FileAccess.Denied => Denied(),
        _ => null,
    };

    public static Task<IResult> SaveAsync(AppDbContext db, Func<IResult> ok) => SaveAsync(db, () => Task.FromResult(ok()));

    public static async Task<IResult> SaveAsync(AppDbContext db, Func<Task<IResult>> ok)
    {
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
        return await ok();
    }
}

/// <summary>
/// The JSON API of interviews, notes, follow-up actions and referrals. The same rules as the pages: the social part of
/// the file for interviews and referrals, the confidentiality level for notes, the assignee or the social part for
/// actions; a record of another organisation is 404, one out of reach 403. Every reading of a person's records is audited.
/// </summary>
public static class FollowUpApi
{
    public sealed record InterviewDto(Guid Id, Guid PersonId, DateTimeOffset At, int DurationMinutes, InterviewMode Mode, string ModeLabel,
        Guid AgentId, Guid SiteId, Guid? TeamId, string[] Subjects, string? Summary, Guid? AppointmentId, int Version);
    public sealed record NoteDto(Guid Id, Guid PersonId, Guid? InterviewId, Guid AuthorId, NoteConfidentiality Confidentiality, bool Sensitive,
        string Text, DateTimeOffset CreatedAt, int Version);
    public sealed record NoteListDto(NoteDto[] Notes, int Hidden);
    public sealed record ActionDto(Guid Id, Guid PersonId, Guid? InterviewId, Guid AssigneeId, string Title, DateOnly? DueOn,
        ActionStatus Status, bool Overdue, DateTimeOffset? DoneAt, int Version);
    public sealed record MyActionDto(ActionDto Action, string PersonName);
    public sealed record ReferralDto(Guid Id, Guid PersonId, Guid PartnerId, Guid? InterviewId, Guid AgentId, DateOnly On, string? Reason);
    public sealed record CreatedInterviewDto(InterviewDto Interview, Guid? NoteId, Guid[] ActionIds, Guid? ReferralId);

    internal static InterviewDto Dto(Interview i) => new(i.Id, i.PersonId, i.At, i.DurationMinutes, i.Mode, InterviewRules.Label(i.Mode), i.AgentId,
        i.SiteId, i.TeamId, InterviewRules.Subjects.Where(s => i.Subjects.HasFlag(s)).Select(s => s.ToString()).ToArray(), i.Summary, i.AppointmentId, i.Version);
    internal static NoteDto Dto(Note n) => new(n.Id, n.PersonId, n.InterviewId, n.AuthorId, n.Confidentiality, n.Sensitive, n.Text, n.CreatedAt, n.Version);
    internal static ActionDto Dto(FollowUpAction a) => new(a.Id, a.PersonId, a.InterviewId, a.AssigneeId, a.Title, a.DueOn, a.Status,
        InterviewRules.IsOverdue(a, FollowUpFiles.Today()), a.DoneAt, a.Version);
    internal static ReferralDto Dto(Referral r) => new(r.Id, r.PersonId, r.PartnerId, r.InterviewId, r.AgentId, r.On, r.Reason);

    public static void Map(RouteGroupBuilder api)
    {
        MapInterviews(api.MapGroup("/interviews"));
        MapNotes(api.MapGroup("/notes"));
        MapActions(api.MapGroup("/actions"));
        MapReferrals(api.MapGroup("/referrals"));
    }

    private static void MapInterviews(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<IResult> (Guid personId, AppDbContext db, CurrentUser current, AuditLog audit) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
            if (Api.Refused(access) is { } refused) return refused;
            var list = await db.Set<Interview>().AsNoTracking().Where(i => i.PersonId == personId).OrderByDescending(i => i.At).ToListAsync();
            await audit.RecordAsync(AuditAction.Read, "Person", person!.Id.ToString(), "Liste des entretiens (API)");
            return Results.Ok(list.Select(Dto));
        });
        g.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current, AuditLog audit) =>
        {
            var reached = await FollowUpFiles.InterviewAsync(db, await current.RequireActorAsync(), id);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            await audit.RecordAsync(AuditAction.Read, "Person", reached.Person!.Id.ToString(), $"Entretien du {reached.Record!.At.Display()} (API)");
            return Results.Ok(Dto(reached.Record));
        });
        g.MapPost("/", async Task<IResult> (InterviewInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, input.PersonId);
            if (Api.Refused(access) is { } refused) return refused;
            input.AgentId ??= actor.UserId;
            input.SiteId ??= person!.SiteId;
            if (Api.Invalid(await input.CheckAsync(db, person!.Id, withChildren: true)) is { } problem) return problem;
            var interview = await FollowUpFiles.CreateInterviewAsync(db, actor, person, input);
            var noteId = await db.Set<Note>().Where(n => n.InterviewId == interview.Id).Select(n => (Guid?)n.Id).FirstOrDefaultAsync();
            var actionIds = await db.Set<FollowUpAction>().Where(a => a.InterviewId == interview.Id).Select(a => a.Id).ToArrayAsync();
            var referralId = await db.Set<Referral>().Where(r => r.InterviewId == interview.Id).Select(r => (Guid?)r.Id).FirstOrDefaultAsync();
            return Results.Created($"/api/interviews/{interview.Id}", new CreatedInterviewDto(Dto(interview), noteId, actionIds, referralId));
        });
        g.MapPut("/{id:guid}", async Task<IResult> (Guid id, InterviewInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var reached = await FollowUpFiles.InterviewAsync(db, actor, id, tracked: true);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            var interview = reached.Record!;
            if (!InterviewRules.CanChange(actor, reached.Scope!, interview)) return Api.Denied();
            if (Api.Invalid(await input.CheckAsync(db, interview.PersonId, withChildren: false)) is { } problem) return problem;
            if (interview.Version != input.Version) return Api.Conflict();
            input.ApplyTo(interview);
            return await Api.SaveAsync(db, () => Results.Ok(Dto(interview)));
        });
        g.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var reached = await FollowUpFiles.InterviewAsync(db, actor, id, tracked: true);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            if (!InterviewRules.CanChange(actor, reached.Scope!, reached.Record!)) return Api.Denied();
            await FollowUpFiles.DeleteInterviewAsync(db, actor, reached.Record!, reached.Scope!);
            return Results.NoContent();
        });
    }

    private static void MapNotes(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<IResult> (Guid personId, AppDbContext db, CurrentUser current, AuditLog audit) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
            if (Api.Refused(access) is { } refused) return refused;
            var (readable, hidden) = await FollowUpFiles.NotesAsync(db, actor, person!);
            await audit.RecordAsync(AuditAction.Read, "Person", person!.Id.ToString(), $"Notes ({readable.Count}) (API)");
            return Results.Ok(new NoteListDto(readable.Select(Dto).ToArray(), hidden));
        });
        g.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current, AuditLog audit) =>
        {
            var reached = await FollowUpFiles.NoteAsync(db, await current.RequireActorAsync(), id);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            await audit.RecordAsync(AuditAction.Read, "Person", reached.Person!.Id.ToString(), $"Note {reached.Record!.Id} (API)");
            return Results.Ok(Dto(reached.Record));
        });
        g.MapPost("/", async Task<IResult> (NoteInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var person = await db.Set<Person>().AsNoTracking().Include(p => p.Teams).FirstOrDefaultAsync(p => p.Id == input.PersonId);
            if (person is null) return Results.NotFound();
            if (!AccessRules.CanWriteNote(actor, AccessRules.ScopeOf(person))) return Api.Denied();
            var errors = input.Check().ToList();
            if (input.InterviewId is { } iid && !await db.Set<Interview>().AnyAsync(i => i.Id == iid && i.PersonId == person.Id))
                errors.Add((nameof(input.InterviewId), "L'entretien n'est pas un entretien de cette personne."));
            if (Api.Invalid(errors) is { } problem) return problem;
            var note = new Note { OrganisationId = person.OrganisationId, PersonId = person.Id, InterviewId = input.InterviewId, AuthorId = actor.UserId, Text = "" };
            input.ApplyTo(note);
            db.Add(note);
            await FollowUpFiles.SaveAndTouchAsync(db, person.Id);
            return Results.Created($"/api/notes/{note.Id}", Dto(note));
        });
        g.MapPut("/{id:guid}", async Task<IResult> (Guid id, NoteInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var reached = await FollowUpFiles.NoteAsync(db, actor, id, tracked: true);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            var note = reached.Record!;
            if (!InterviewRules.CanChange(actor, reached.Scope!, note)) return Api.Denied();
            if (Api.Invalid(input.Check()) is { } problem) return problem;
            if (note.Version != input.Version) return Api.Conflict();
            input.ApplyTo(note);
            return await Api.SaveAsync(db, () => Results.Ok(Dto(note)));
        });
        g.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var reached = await FollowUpFiles.NoteAsync(db, actor, id, tracked: true);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            if (!InterviewRules.CanChange(actor, reached.Scope!, reached.Record!)) return Api.Denied();
            db.Remove(reached.Record!);
            await db.SaveChangesAsync();
            return Results.NoContent();
        });
    }

    private static void MapActions(RouteGroupBuilder g)
    {
        g.MapGet("/mine", async (bool? all, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var rows = await FollowUpFiles.MyActionsAsync(db, actor, all == true);
            return rows.Select(r => new MyActionDto(Dto(r.Action), r.PersonName));
        }).RequireAuthorization(PermissionPolicies.For(Permission.ViewOwnActions));
        g.MapGet("/", async Task<IResult> (Guid personId, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, _) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
            if (Api.Refused(access) is { } refused) return refused;
            var list = await db.Set<FollowUpAction>().AsNoTracking().Where(a => a.PersonId == personId).OrderBy(a => a.DueOn).ToListAsync();
            return Results.Ok(list.Select(Dto));
        });
        g.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var reached = await FollowUpFiles.ActionAsync(db, await current.RequireActorAsync(), id);
            return Api.Refused(reached.Access) ?? Results.Ok(Dto(reached.Record!));
        });
        g.MapPost("/", async Task<IResult> (ActionInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, input.PersonId);
            if (Api.Refused(access) is { } refused) return refused;
            var errors = await input.CheckAsync(db);
            if (input.InterviewId is { } iid && !await db.Set<Interview>().AnyAsync(i => i.Id == iid && i.PersonId == person!.Id))
                errors.Add((nameof(input.InterviewId), "L'entretien n'est pas un entretien de cette personne."));
            if (Api.Invalid(errors) is { } problem) return problem;
            var action = new FollowUpAction { OrganisationId = person!.OrganisationId, PersonId = person.Id, InterviewId = input.InterviewId, Title = "" };
            input.ApplyTo(action, actor.UserId);
            db.Add(action);
            await FollowUpFiles.SaveAndTouchAsync(db, person.Id);
            return Results.Created($"/api/actions/{action.Id}", Dto(action));
        });
        g.MapPut("/{id:guid}", async Task<IResult> (Guid id, ActionInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var reached = await FollowUpFiles.ActionAsync(db, actor, id, tracked: true);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            var action = reached.Record!;
            if (Api.Invalid(await input.CheckAsync(db, existingDue: action.DueOn)) is { } problem) return problem;
            if (action.Version != input.Version) return Api.Conflict();
            input.ApplyTo(action, action.AssigneeId);
            return await Api.SaveAsync(db, () => Results.Ok(Dto(action)));
        });
        g.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var reached = await FollowUpFiles.ActionAsync(db, actor, id, tracked: true);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            if (!AccessRules.CanOpen(actor, reached.Scope!, FilePart.Social)) return Api.Denied();
            db.Remove(reached.Record!);
            await db.SaveChangesAsync();
            return Results.NoContent();
        });
    }

    private static void MapReferrals(RouteGroupBuilder g)
    {
        g.MapGet("/", async Task<IResult> (Guid personId, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, _) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
            if (Api.Refused(access) is { } refused) return refused;
            var list = await db.Set<Referral>().AsNoTracking().Where(r => r.PersonId == personId).OrderByDescending(r => r.On).ToListAsync();
            return Results.Ok(list.Select(Dto));
        });
        g.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var reached = await FollowUpFiles.ReferralAsync(db, await current.RequireActorAsync(), id);
            return Api.Refused(reached.Access) ?? Results.Ok(Dto(reached.Record!));
        });
        g.MapPost("/", async Task<IResult> (ReferralInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, input.PersonId);
            if (Api.Refused(access) is { } refused) return refused;
            var errors = await input.CheckAsync(db);
            if (input.InterviewId is { } iid && !await db.Set<Interview>().AnyAsync(i => i.Id == iid && i.PersonId == person!.Id))
                errors.Add((nameof(input.InterviewId), "L'entretien n'est pas un entretien de cette personne."));
            if (Api.Invalid(errors) is { } problem) return problem;
            var referral = FollowUpFiles.NewReferral(actor, person!, input, input.InterviewId, null);
            db.Add(referral);
            await FollowUpFiles.SaveAndTouchAsync(db, person!.Id);
            return Results.Created($"/api/referrals/{referral.Id}", Dto(referral));
        });
        g.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var reached = await FollowUpFiles.ReferralAsync(db, actor, id, tracked: true);
            if (Api.Refused(reached.Access) is { } refused) return refused;
            if (!InterviewRules.CanDelete(actor, reached.Scope!, reached.Record!)) return Api.Denied();
            db.Remove(reached.Record!);
            await db.SaveChangesAsync();
            return Results.NoContent();
        });
    }
}
