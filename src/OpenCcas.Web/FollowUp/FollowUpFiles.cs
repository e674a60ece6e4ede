using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp;

/// <summary>A follow-up record reached through the access rules, with the person file it belongs to.</summary>
public sealed record Reached<T>(FileAccess Access, T? Record, Person? Person) where T : class
{
    public FileScope? Scope => Person is null ? null : AccessRules.ScopeOf(Person);
}

public sealed record AgentOption(Guid Id, string Name);

/// <summary>
/// The follow-up module's shared steps: open a person file's social part, reach an interview, note, action or referral
/// through <see cref="AccessRules"/>, list what the actor may read, create an interview with its note, actions and
/// referral in one save. Pages and API both call these, so that a rule is applied once.
/// </summary>
public static class FollowUpFiles
{
    public static DateOnly Today() => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToParis().DateTime);

    public static DateTimeOffset ParisToUtc(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, Paris.Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateOnly ParisDay(DateTimeOffset at) => DateOnly.FromDateTime(at.ToParis().DateTime);

    /// <summary>An active account of the organisation holding a role that follows people (the query filters limit to the organisation).</summary>
    public static async Task<bool> IsAgentAsync(AppDbContext db, Guid userId) =>
        await db.Users.AnyAsync(u => u.Id == userId && u.Active)
        && await db.RoleAssignments.AnyAsync(r => r.UserId == userId && (r.Role == Role.Manager || r.Role == Role.SocialWorker || r.Role == Role.Instructor));

    /// <summary>The agents an interview or an action may be given to.</summary>
    public static async Task<List<AgentOption>> AgentsAsync(AppDbContext db)
    {
        var ids = db.RoleAssignments.Where(r => r.Role == Role.Manager || r.Role == Role.SocialWorker || r.Role == Role.Instructor).Select(r => r.UserId);
        return (await db.Users.AsNoTracking().Where(u => u.Active && ids.Contains(u.Id)).OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync())
            .Select(u => new AgentOption(u.Id, $"{u.FirstName} {u.LastName}")).ToList();
    }

    public static async Task<Dictionary<Guid, string>> AgentNamesAsync(AppDbContext db, IEnumerable<Guid> ids)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FirstName + " " + u.LastName);
    }

    /// <summary>The person file if the actor may open its social part.</summary>
    public static Task<(FileAccess Access, Person? Person)> OpenSocialAsync(AppDbContext db, Actor actor, Guid personId) =>
        PersonFiles.OpenAsync(db, actor, personId, FilePart.Social);

    private static async Task<Person?> PersonAsync(AppDbContext db, Guid personId) =>
        await db.Set<Person>().AsNoTracking().Include(p => p.Teams).FirstOrDefaultAsync(p => p.Id == personId);

    /// <summary>An interview, if the actor may open the social part of its person's file.</summary>
    public static async Task<Reached<Interview>> InterviewAsync(AppDbContext db, Actor actor, Guid id, bool tracked = false)
    {
        var query = db.Set<Interview>().Where(i => i.Id == id);
        var interview = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (interview is null || await PersonAsync(db, interview.PersonId) is not { } person) return new(FileAccess.NotFound, null, null);
        return AccessRules.CanOpen(actor, AccessRules.ScopeOf(person), FilePart.Social)
            ? new(FileAccess.Allowed, interview, person) : new(FileAccess.Denied, null, null);
    }

    /// <summary>A note, if the actor may read it (its confidentiality level decides, <see cref="InterviewRules.CanRead"/>).</summary>
    public static async Task<Reached<Note>> NoteAsync(AppDbContext db, Actor actor, Guid id, bool tracked = false)
    {
        var query = db.Set<Note>().Where(n => n.Id == id);
        var note = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (note is null || await PersonAsync(db, note.PersonId) is not { } person) return new(FileAccess.NotFound, null, null);
        return InterviewRules.CanRead(actor, AccessRules.ScopeOf(person), note)
            ? new(FileAccess.Allowed, note, person) : new(FileAccess.Denied, null, null);
    }

    /// <summary>A follow-up action: its assignee always reaches it; otherwise those who may open the social part of the file.</summary>
    public static async Task<Reached<FollowUpAction>> ActionAsync(AppDbContext db, Actor actor, Guid id, bool tracked = false)
    {
        var query = db.Set<FollowUpAction>().Where(a => a.Id == id);
        var action = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (action is null || await PersonAsync(db, action.PersonId) is not { } person) return new(FileAccess.NotFound, null, null);
        return CanReach(actor, person, action) ? new(FileAccess.Allowed, action, person) : new(FileAccess.Denied, null, null);
    }

    public static bool CanReach(Actor actor, Person person, FollowUpAction action) =>
        (action.AssigneeId == actor.UserId && AccessRules.Can(actor, Permission.ViewOwnActions))
        || AccessRules.CanOpen(actor, AccessRules.ScopeOf(person), FilePart.Social);

    public static async Task<Reached<Referral>> ReferralAsync(AppDbContext db, Actor actor, Guid id, bool tracked = false)
    {
        var query = db.Set<Referral>().Where(r => r.Id == id);
        var referral = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (referral is null || await PersonAsync(db, referral.PersonId) is not { } person) return new(FileAccess.NotFound, null, null);
        return AccessRules.CanOpen(actor, AccessRules.ScopeOf(person), FilePart.Social)
            ? new(FileAccess.Allowed, referral, person) : new(FileAccess.Denied, null, null);
    }

    /// <summary>The notes of a person the actor may read (newest first), and how many others exist that they may not.</summary>
    public static async Task<(List<Note> Readable, int Hidden)> NotesAsync(AppDbContext db, Actor actor, Person person, Guid? interviewId = null)
    {
        var query = db.Set<Note>().AsNoTracking().Where(n => n.PersonId == person.Id);
        if (interviewId is { } iid) query = query.Where(n => n.InterviewId == iid);
        var all = await query.OrderByDescending(n => n.CreatedAt).ToListAsync();
        var scope = AccessRules.ScopeOf(person);
        var readable = all.Where(n => InterviewRules.CanRead(actor, scope, n)).ToList();
        return (readable, all.Count - readable.Count);
    }

    /// <summary>
    /// Creates the interview and, when given, its note, its actions and its referral, in one save (one transaction
    /// with their audit lines). The input must have been checked.
    /// </summary>
    public static async Task<Interview> CreateInterviewAsync(AppDbContext db, Actor actor, Person person, InterviewInput input)
    {
        var interview = new Interview { OrganisationId = person.OrganisationId, PersonId = person.Id };
        input.ApplyTo(interview);
        interview.HouseholdId = await db.Set<HouseholdMember>().Where(m => m.PersonId == person.Id && m.LeftOn == null)
            .Select(m => (Guid?)m.HouseholdId).FirstOrDefaultAsync();
        db.Add(interview);
        if (input.Note is { IsEmpty: false } noteInput)
        {
            var note = new Note { OrganisationId = person.OrganisationId, PersonId = person.Id, InterviewId = interview.Id, AuthorId = actor.UserId, Text = "" };
            noteInput.ApplyTo(note);
            db.Add(note);
        }
        foreach (var a in input.Actions.Where(a => !a.IsEmpty))
        {
            var action = new FollowUpAction { OrganisationId = person.OrganisationId, PersonId = person.Id, InterviewId = interview.Id, Title = "" };
            a.Status = ActionStatus.ToDo;
            a.ApplyTo(action, interview.AgentId);
            db.Add(action);
        }
        if (input.Referral is { IsEmpty: false } r)
            db.Add(NewReferral(actor, person, r, interview.Id, input.Date));
        await SaveAndTouchAsync(db, person.Id);
        return interview;
    }

    public static Referral NewReferral(Actor actor, Person person, ReferralInput r, Guid? interviewId, DateOnly? defaultDay) => new()
    {
        OrganisationId = person.OrganisationId, PersonId = person.Id, PartnerId = r.PartnerId!.Value, InterviewId = interviewId,
        AgentId = actor.UserId, On = r.On ?? defaultDay ?? Today(), Reason = string.IsNullOrWhiteSpace(r.Reason) ? null : r.Reason.Trim(),
    };

    /// <summary>
    /// Saves, and moves the person's last operation date (any change counts for retention, data-protection.md) in the
    /// same transaction, without touching the person's version (an agent editing the identity is not put in conflict).
    /// </summary>
    public static async Task SaveAndTouchAsync(AppDbContext db, Guid personId)
    {
        await using var tx = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        var now = DateTimeOffset.UtcNow;
        await db.Set<Person>().Where(p => p.Id == personId).ExecuteUpdateAsync(s => s.SetProperty(p => p.LastOperationAt, now));
        await tx.CommitAsync();
    }

    /// <summary>Deletes an interview; its notes, actions and referrals stay on the file, detached from it (audited as such).</summary>
    public static async Task DeleteInterviewAsync(AppDbContext db, Actor actor, Interview interview, FileScope scope)
    {
        await db.Set<Note>().Where(n => n.InterviewId == interview.Id).LoadAsync();
        await db.Set<FollowUpAction>().Where(a => a.InterviewId == interview.Id).LoadAsync();
        await db.Set<Referral>().Where(r => r.InterviewId == interview.Id).LoadAsync();
        foreach (var n in db.ChangeTracker.Entries<Note>().Where(e => e.Entity.InterviewId == interview.Id)) n.Entity.InterviewId = null;
        foreach (var a in db.ChangeTracker.Entries<FollowUpAction>().Where(e => e.Entity.InterviewId == interview.Id)) a.Entity.InterviewId = null;
        foreach (var r in db.ChangeTracker.Entries<Referral>().Where(e => e.Entity.InterviewId == interview.Id)) r.Entity.InterviewId = null;
        db.Remove(interview);
        await db.SaveChangesAsync();
    }

    public sealed record MyAction(FollowUpAction Action, Guid PersonId, string PersonName);

    /// <summary>The actions given to the actor, open ones only unless <paramref name="includeClosed"/>, by due date (none last).</summary>
    public static async Task<List<MyAction>> MyActionsAsync(AppDbContext db, Actor actor, bool includeClosed, string? search = null)
    {
        var me = actor.UserId;
        var query = db.Set<FollowUpAction>().AsNoTracking().Where(a => a.AssigneeId == me);
        if (!includeClosed) query = query.Where(a => a.Status == ActionStatus.ToDo || a.Status == ActionStatus.InProgress);
        var rows = await query
            .Join(db.Set<Person>(), a => a.PersonId, p => p.Id, (a, p) => new { Action = a, Person = p })
            .ToListAsync();
        var list = rows.Select(r => new MyAction(r.Action, r.Person.Id, r.Person.DisplayName));
        if (!string.IsNullOrWhiteSpace(search))
        {
            var words = Infrastructure.Web.Text.Fold(search).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            list = list.Where(r => words.All(Infrastructure.Web.Text.Fold(r.Action.Title + " " + r.PersonName).Contains));
        }
        return list.OrderBy(r => r.Action.DueOn is null).ThenBy(r => r.Action.DueOn).ThenBy(r => r.PersonName).ToList();
    }

    /// <summary>The partners to choose from (active ones).</summary>
    public static Task<List<Partner>> ActivePartnersAsync(AppDbContext db) =>
        db.Set<Partner>().AsNoTracking().Where(p => p.Active).OrderBy(p => p.Name).ToListAsync();
}
