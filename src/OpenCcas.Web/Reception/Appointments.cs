using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.Reception;

public enum SaveOutcome { Saved, Invalid, Denied, VersionConflict }

public sealed record SaveResult(SaveOutcome Outcome, IReadOnlyList<(string Field, string Message)> Errors)
{
    public static readonly SaveResult Saved = new(SaveOutcome.Saved, []);
    public static readonly SaveResult Denied = new(SaveOutcome.Denied, []);
    public static readonly SaveResult VersionConflict = new(SaveOutcome.VersionConflict, []);
    public static SaveResult Invalid(IEnumerable<(string, string)> errors) => new(SaveOutcome.Invalid, errors.ToList());
}

/// <summary>
/// Booking, moving and changing the status of appointments, for pages and API alike. No double booking: the
/// overlap check and the save run in one transaction that holds the agent's lock (the agent's account row,
/// SELECT … FOR UPDATE on PostgreSQL; SQLite transactions take the database write lock at BEGIN IMMEDIATE).
/// </summary>
public sealed class Appointments(AppDbContext db, TimeProvider clock)
{
    /// <summary>The roles whose holders receive appointments.</summary>
    public static readonly Role[] AgentRoles = [Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception];

    public static IQueryable<AppUser> Agents(AppDbContext db) =>
        db.Users.Where(u => u.Active && db.RoleAssignments.Any(r => r.UserId == u.Id && AgentRoles.Contains(r.Role)));

    /// <summary>May the actor see or change this appointment (a person-linked one needs the person's identity part)?</summary>
    public static async Task<bool> MayReachAsync(AppDbContext db, Actor actor, Guid? personId, CancellationToken ct = default) =>
        personId is null || (await PersonFiles.OpenAsync(db, actor, personId.Value, FilePart.Identity, ct: ct)).Access == FileAccess.Allowed;

    public Task<SaveResult> CreateAsync(Actor actor, AppointmentInput input, Appointment created, CancellationToken ct = default) =>
        SaveAsync(actor, input, created, isNew: true, ct);

    public Task<SaveResult> UpdateAsync(Actor actor, AppointmentInput input, Appointment existing, CancellationToken ct = default) =>
        SaveAsync(actor, input, existing, isNew: false, ct);

    private async Task<SaveResult> SaveAsync(Actor actor, AppointmentInput input, Appointment a, bool isNew, CancellationToken ct)
    {
        if (!isNew && !await MayReachAsync(db, actor, a.PersonId, ct)) return SaveResult.Denied;
        if (input.PersonId is { } personId && personId != a.PersonId)
        {
            var (access, _) = await PersonFiles.OpenAsync(db, actor, personId, FilePart.Identity, ct: ct);
            if (access == FileAccess.Denied) return SaveResult.Denied;
            if (access == FileAccess.NotFound) return SaveResult.Invalid([("PersonId", "Cette personne est introuvable.")]);
        }
        var errors = new List<(string, string)>();
        if (input.AgentId is null) errors.Add(("AgentId", "L'agent est obligatoire."));
        if (input.SiteId is null) errors.Add(("SiteId", "Le site est obligatoire."));
        if (input.Start is null) errors.Add(("Start", "Le début est obligatoire."));
        if (input.End is null) errors.Add(("End", "La fin est obligatoire."));
        if (errors.Count > 0) return SaveResult.Invalid(errors);
        if (input.AgentId is { } agentId && !await Agents(db).AnyAsync(u => u.Id == agentId, ct))
            errors.Add(("AgentId", "Cet agent n'existe pas ou ne reçoit pas de rendez-vous."));
        if (input.SiteId is { } siteId && !await db.Sites.AnyAsync(s => s.Id == siteId, ct))
            errors.Add(("SiteId", "Ce site n'existe pas."));
        var start = input.Start!.Value;
        var end = input.End!.Value;
        var slotChanged = isNew || start != a.Start || end != a.End;
        errors.AddRange(AppointmentRules.CheckSlot(start, end, clock.GetUtcNow(), isNew: slotChanged));
        if (errors.Count > 0) return SaveResult.Invalid(errors);

        if (!isNew) db.Entry(a).Property(x => x.Version).OriginalValue = input.Version;
        a.PersonId = input.PersonId;
        a.AgentId = input.AgentId!.Value;
        a.SiteId = input.SiteId!.Value;
        a.Start = start.ToUniversalTime();
        a.End = end.ToUniversalTime();
        a.Mode = input.Mode;
        a.Subject = string.IsNullOrWhiteSpace(input.Subject) ? null : input.Subject.Trim();
        a.Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        if (slotChanged && !isNew) a.ReminderSentAt = null; // a moved appointment is reminded again
        if (isNew) db.Add(a);
        return await CheckAndSaveAsync(a, ct);
    }

    public async Task<SaveResult> SetStatusAsync(Actor actor, Appointment a, AppointmentStatus status, int version, CancellationToken ct = default)
    {
        if (!await MayReachAsync(db, actor, a.PersonId, ct)) return SaveResult.Denied;
        db.Entry(a).Property(x => x.Version).OriginalValue = version;
        a.Status = status;
        return await CheckAndSaveAsync(a, ct);
    }

    /// <summary>The overlap check and the save in one transaction holding the agent's lock.</summary>
    private async Task<SaveResult> CheckAndSaveAsync(Appointment a, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlInterpolatedAsync($"""SELECT 1 FROM "AspNetUsers" WHERE "Id" = {a.AgentId} FOR UPDATE""", ct);
        if (a.HoldsSlot)
        {
            var clash = await db.Set<Appointment>().AsNoTracking()
                .Where(x => x.AgentId == a.AgentId && x.Id != a.Id && x.Status != AppointmentStatus.Cancelled && x.Start < a.End && a.Start < x.End)
                .OrderBy(x => x.Start).FirstOrDefaultAsync(ct);
            if (clash is not null)
            {
                await tx.RollbackAsync(ct);
                await UndoAsync(a, ct);
                return SaveResult.Invalid([("Start", AppointmentRules.ConflictMessage(clash))]);
            }
        }
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return SaveResult.Saved;
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            await UndoAsync(a, ct);
            return SaveResult.VersionConflict;
        }
    }

    /// <summary>Nothing was saved: forget a new appointment, or reload a changed one as it now is in the database.</summary>
    private async Task UndoAsync(Appointment a, CancellationToken ct)
    {
        var entry = db.Entry(a);
        if (entry.State == EntityState.Added) entry.State = EntityState.Detached;
        else await entry.ReloadAsync(ct);
    }

    /// <summary>An .ics calendar of appointments: the person's name (when the actor may open the file), site and agent.</summary>
    public static async Task<string> IcsAsync(AppDbContext db, Actor actor, IReadOnlyList<Appointment> list, string name, DateTimeOffset now, CancellationToken ct = default)
    {
        var siteIds = list.Select(a => a.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var agentIds = list.Select(a => a.AgentId).Distinct().ToList();
        var agents = await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FirstName + " " + u.LastName, ct);
        var people = await PeopleNamesAsync(db, actor, list.Select(a => a.PersonId), ct);
        var events = list.Select(a =>
        {
            var who = a.PersonId is { } p ? people.GetValueOrDefault(p, "personne suivie") : "sans personne";
            var site = sites.GetValueOrDefault(a.SiteId);
            var description = $"{ReceptionLabels.Label(a.Mode)} avec {agents.GetValueOrDefault(a.AgentId, "?")}" + (a.Subject is null ? "" : $"\nObjet : {a.Subject}");
            return new IcsEvent($"{a.Id}@openccas", a.Start, a.End, $"Rendez-vous : {who}", site is null ? null : site.Name + (site.Address is null ? "" : ", " + site.Address),
                description, a.Status == AppointmentStatus.Cancelled, a.Version);
        });
        return Ics.Calendar(events, now, name);
    }

    /// <summary>Display names of the people the actor may open; the others are left out.</summary>
    public static async Task<Dictionary<Guid, string>> PeopleNamesAsync(AppDbContext db, Actor actor, IEnumerable<Guid?> ids, CancellationToken ct = default)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        if (wanted.Count == 0) return [];
        var people = await PersonFiles.Openable(db, actor).AsNoTracking().Where(p => wanted.Contains(p.Id)).ToListAsync(ct);
        return people.ToDictionary(p => p.Id, p => p.DisplayName);
    }

    /// <summary>People the actor may open whose names start with the words typed (or with this file number).</summary>
    public static async Task<List<Person>> SearchPeopleAsync(AppDbContext db, Actor actor, string? q, int take = 10, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(q)) return [];
        var query = PersonFiles.Openable(db, actor).AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised);
        if (int.TryParse(q.Trim(), out var number)) query = query.Where(p => p.FileNumber == number);
        else
            foreach (var word in Infrastructure.Web.Text.Fold(q).Split([' ', '-', '\'', '’', '.', ','], StringSplitOptions.RemoveEmptyEntries).Take(4))
            {
                var prefix = " " + word;
                query = query.Where(p => p.SearchName.Contains(prefix));
            }
        return await query.OrderBy(p => p.LastName).ThenBy(p => p.FirstNames).Take(take).ToListAsync(ct);
    }
}
