using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception;

/// <summary>The reception log and appointments API.</summary>
public static class ReceptionApi
{
    public sealed record ReasonDto(Guid Id, string Label, int SortOrder, bool Active, int Version);
    public sealed record VisitDto(Guid Id, DateTimeOffset At, Guid SiteId, ContactChannel Channel, string? Reason, Guid? PersonId, string? PersonName,
        ReceptionOutcome Outcome, string? Comment, string? Agent);
    public sealed record AppointmentDto(Guid Id, Guid SiteId, Guid AgentId, Guid? PersonId, string? PersonName, DateTimeOffset Start, DateTimeOffset End,
        AppointmentMode Mode, AppointmentStatus Status, string? Subject, string? Comment, DateTimeOffset? ReminderSentAt, int Version);

    private static ReasonDto Dto(ReceptionReason r) => new(r.Id, r.Label, r.SortOrder, r.Active, r.Version);
    private static VisitDto Dto(VisitRow v) => new(v.Id, v.At, v.SiteId, v.Channel, v.Reason, v.PersonId, v.PersonName, v.Outcome, v.Comment, v.Agent);
    internal static AppointmentDto Dto(Appointment a, string? personName) =>
        new(a.Id, a.SiteId, a.AgentId, a.PersonId, personName, a.Start, a.End, a.Mode, a.Status, a.Subject, a.Comment, a.ReminderSentAt, a.Version);

    public static void Map(RouteGroupBuilder api)
    {
        var reasons = api.MapGroup("/reception-reasons");
        reasons.MapGet("/", async Task<IResult> (AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            if (!AccessRules.Can(actor, Permission.RecordReception) && !AccessRules.Can(actor, Permission.ManageReceptionSettings)) return Results.Forbid();
            return Results.Ok((await ReceptionDesk.ReasonsAsync(db, activeOnly: false)).Select(Dto));
        });
        var settings = reasons.MapGroup("/").RequireAuthorization(PermissionPolicies.For(Permission.ManageReceptionSettings));
        settings.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db) =>
            await db.Set<ReceptionReason>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id) is { } r ? Results.Ok(Dto(r)) : Results.NotFound());
        settings.MapPost("/", async Task<IResult> (ReceptionReasonInput input, AppDbContext db) =>
        {
            if (Invalid(await ReceptionDesk.CheckReasonAsync(db, input, null)) is { } problem) return problem;
            var max = await db.Set<ReceptionReason>().MaxAsync(r => (int?)r.SortOrder) ?? 0;
            var reason = new ReceptionReason { Label = input.Label.Trim(), SortOrder = input.SortOrder ?? max + 10, Active = input.Active };
            db.Add(reason);
            await db.SaveChangesAsync();
            return Results.Created($"/api/reception-reasons/{reason.Id}", Dto(reason));
        });
        settings.MapPut("/{id:guid}", async Task<IResult> (Guid id, ReceptionReasonInput input, AppDbContext db) =>
        {
            var reason = await db.Set<ReceptionReason>().FirstOrDefaultAsync(r => r.Id == id);
            if (reason is null) return Results.NotFound();
            if (Invalid(await ReceptionDesk.CheckReasonAsync(db, input, id)) is { } problem) return problem;
            if (reason.Version != input.Version) return Conflict();
            reason.Label = input.Label.Trim();
            if (input.SortOrder is { } order) reason.SortOrder = order;
            reason.Active = input.Active;
            try { await db.SaveChangesAsync(); }
            catch (DbUpdateConcurrencyException) { return Conflict(); }
            return Results.Ok(Dto(reason));
        });

        var visits = api.MapGroup("/reception-visits").RequireAuthorization(PermissionPolicies.For(Permission.RecordReception));
        visits.MapGet("/", async (Guid? siteId, DateOnly? day, AppDbContext db, CurrentUser current, TimeProvider clock) =>
        {
            var actor = await current.RequireActorAsync();
            return (await ReceptionDesk.DayAsync(db, actor, siteId, day ?? ParisTime.Today(clock.GetUtcNow()))).Select(Dto);
        });
        visits.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            if (await db.Set<ReceptionVisit>().AsNoTracking().FirstOrDefaultAsync(v => v.Id == id) is not { } visit) return Results.NotFound();
            if (!await Appointments.MayReachAsync(db, actor, visit.PersonId)) return Results.Forbid();
            var row = (await ReceptionDesk.DayAsync(db, actor, visit.SiteId, ParisTime.Today(visit.At))).First(v => v.Id == id);
            return Results.Ok(Dto(row));
        });
        visits.MapPost("/", async Task<IResult> (ReceptionVisitInput input, AppDbContext db, CurrentUser current, TimeProvider clock) =>
        {
            var actor = await current.RequireActorAsync();
            var visit = new ReceptionVisit();
            var result = await ReceptionDesk.RecordAsync(db, actor, input, visit, clock.GetUtcNow());
            if (Answer(result) is { } failed) return failed;
            var row = (await ReceptionDesk.DayAsync(db, actor, visit.SiteId, ParisTime.Today(visit.At))).First(v => v.Id == visit.Id);
            return Results.Created($"/api/reception-visits/{visit.Id}", Dto(row));
        });

        var appointments = api.MapGroup("/appointments").RequireAuthorization(PermissionPolicies.For(Permission.ManageAppointments));
        appointments.MapGet("/", async (Guid? agentId, Guid? siteId, Guid? personId, DateTimeOffset? from, DateTimeOffset? to, AppDbContext db, CurrentUser current, TimeProvider clock) =>
        {
            var actor = await current.RequireActorAsync();
            var start = (from ?? clock.GetUtcNow().AddDays(-1)).ToUniversalTime();
            var end = (to ?? start.AddDays(31)).ToUniversalTime();
            var q = db.Set<Appointment>().AsNoTracking().Where(a => a.End > start && a.Start < end);
            if (agentId is { } ag) q = q.Where(a => a.AgentId == ag);
            if (siteId is { } s) q = q.Where(a => a.SiteId == s);
            if (personId is { } p) q = q.Where(a => a.PersonId == p);
            var list = await q.OrderBy(a => a.Start).Take(2000).ToListAsync();
            var names = await Appointments.PeopleNamesAsync(db, actor, list.Select(a => a.PersonId));
            return list.Select(a => Dto(a, a.PersonId is { } id ? names.GetValueOrDefault(id) : null));
        });
        appointments.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            if (await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id) is not { } a) return Results.NotFound();
            if (!await Appointments.MayReachAsync(db, actor, a.PersonId)) return Results.Forbid();
            var names = await Appointments.PeopleNamesAsync(db, actor, [a.PersonId]);
            return Results.Ok(Dto(a, a.PersonId is { } p ? names.GetValueOrDefault(p) : null));
        });
        appointments.MapPost("/", async Task<IResult> (AppointmentInput input, AppDbContext db, CurrentUser current, Appointments service) =>
        {
            var actor = await current.RequireActorAsync();
            var a = new Appointment();
            if (Answer(await service.CreateAsync(actor, input, a)) is { } failed) return failed;
            return Results.Created($"/api/appointments/{a.Id}", Dto(a, null));
        });
        appointments.MapPut("/{id:guid}", async Task<IResult> (Guid id, AppointmentInput input, AppDbContext db, CurrentUser current, Appointments service) =>
        {
            var actor = await current.RequireActorAsync();
            if (await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == id) is not { } a) return Results.NotFound();
            if (Answer(await service.UpdateAsync(actor, input, a)) is { } failed) return failed;
            return Results.Ok(Dto(a, null));
        });
        appointments.MapPost("/{id:guid}/status", async Task<IResult> (Guid id, AppointmentStatusInput input, AppDbContext db, CurrentUser current, Appointments service) =>
        {
            var actor = await current.RequireActorAsync();
            if (await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == id) is not { } a) return Results.NotFound();
            if (!Enum.IsDefined(input.Status)) return Invalid([("Status", "Statut inconnu.")])!;
            if (Answer(await service.SetStatusAsync(actor, a, input.Status, input.Version)) is { } failed) return failed;
            return Results.Ok(Dto(a, null));
        });
        appointments.MapDelete("/{id:guid}", async Task<IResult> (Guid id, int? version, AppDbContext db, CurrentUser current, Appointments service) =>
        {
            var actor = await current.RequireActorAsync();
            if (await db.Set<Appointment>().FirstOrDefaultAsync(a => a.Id == id) is not { } a) return Results.NotFound();
            if (Answer(await service.SetStatusAsync(actor, a, AppointmentStatus.Cancelled, version ?? a.Version)) is { } failed) return failed;
            return Results.NoContent();
        });
        appointments.MapGet("/{id:guid}/ics", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current, AuditLog audit, TimeProvider clock) =>
            await OneIcsAsync(id, db, await current.RequireActorAsync(), audit, clock.GetUtcNow()));
        appointments.MapGet("/feed.ics", async Task<IResult> (Guid? agentId, AppDbContext db, CurrentUser current, AuditLog audit, TimeProvider clock) =>
            await FeedIcsAsync(agentId, db, await current.RequireActorAsync(), audit, clock.GetUtcNow()));
    }

    internal static async Task<IResult> OneIcsAsync(Guid id, AppDbContext db, Actor actor, AuditLog audit, DateTimeOffset now)
    {
        if (await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id) is not { } a) return Results.NotFound();
        if (!await Appointments.MayReachAsync(db, actor, a.PersonId)) return Results.Forbid();
        if (a.PersonId is { } p)
        {
            await audit.RecordAsync(AuditAction.Export, "Person", p.ToString(), "Rendez-vous exporté (.ics)");
            await db.SaveChangesAsync();
        }
        var text = await Appointments.IcsAsync(db, actor, [a], "Rendez-vous", now);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", $"rendez-vous-{a.Start.UtcDateTime:yyyyMMdd-HHmm}.ics");
    }

    /// <summary>An agent's coming appointments (the signed-in agent by default), as a calendar feed.</summary>
    internal static async Task<IResult> FeedIcsAsync(Guid? agentId, AppDbContext db, Actor actor, AuditLog audit, DateTimeOffset now)
    {
        var agent = agentId ?? actor.UserId;
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == agent) is not { } user) return Results.NotFound();
        var list = await db.Set<Appointment>().AsNoTracking().Where(a => a.AgentId == agent && a.End > now).OrderBy(a => a.Start).Take(1000).ToListAsync();
        var personIds = list.Where(a => a.PersonId is not null).Select(a => a.PersonId!.Value).Distinct().ToList();
        foreach (var p in (await Appointments.PeopleNamesAsync(db, actor, personIds.Cast<Guid?>())).Keys)
            await audit.RecordAsync(AuditAction.Export, "Person", p.ToString(), "Agenda exporté (.ics)");
        await db.SaveChangesAsync();
        var text = await Appointments.IcsAsync(db, actor, list, $"Rendez-vous de {user.FirstName} {user.LastName}", now);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text), "text/calendar; charset=utf-8", "agenda.ics");
    }

    private static IResult? Answer(SaveResult result) => result.Outcome switch
    {
        SaveOutcome.Saved => null,
        SaveOutcome.Denied => Results.Forbid(),
        SaveOutcome.VersionConflict => Conflict(),
        _ => Invalid(result.Errors),
    };

    private static IResult? Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? null : Results.ValidationProblem(
            list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "La requête contient des erreurs.");
    }

    private static IResult Conflict() => Results.Problem(statusCode: 409,
        title: "Conflit : l'enregistrement a été modifié par quelqu'un d'autre entre-temps.",
        detail: "Relisez la version actuelle (GET) et renvoyez vos modifications avec son numéro de version.");
}
