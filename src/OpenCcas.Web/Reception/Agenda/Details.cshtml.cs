using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception.Agenda;

/// <summary>One appointment: move it (date, time, agent, site...), set its status, cancel it, export it.</summary>
[Permission(Permission.ManageAppointments)]
public sealed class DetailsModel(AppDbContext db, CurrentUser current, Appointments appointments, AuditLog audit) : AppointmentFormPage(db, current)
{
    public Appointment Appointment { get; private set; } = null!;
    public string AgentName { get; private set; } = "";
    public string SiteName { get; private set; } = "";
    [BindProperty] public AppointmentStatus NewStatus { get; set; }
    [BindProperty] public int StatusVersion { get; set; }
    public bool Conflicted { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await Current.RequireActorAsync();
        if (await LoadAsync(id, actor) is { } refused) return refused;
        Form = AppointmentForm.Of(Appointment);
        if (Appointment.PersonId is { } p)
        {
            await audit.RecordAsync(AuditAction.Read, "Person", p.ToString(), "Rendez-vous consulté");
            await Db.SaveChangesAsync();
        }
        await LoadListsAsync(actor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var actor = await Current.RequireActorAsync();
        if (await LoadAsync(id, actor, tracked: true) is { } refused) return refused;
        if (!await MustChooseAsync(actor) && ModelState.IsValid)
        {
            var result = await appointments.UpdateAsync(actor, Form.ToInput(), Appointment);
            if (result.Outcome == SaveOutcome.Denied) return Forbid();
            if (result.Outcome == SaveOutcome.Saved)
            {
                TempData["Message"] = $"Rendez-vous déplacé ou modifié : {ParisTime.Slot(Appointment.Start, Appointment.End)}.";
                return Redirect($"/rendez-vous/{id}");
            }
            if (result.Outcome == SaveOutcome.VersionConflict) ShowConflict();
            AddErrors(result);
        }
        await LoadListsAsync(actor);
        return Page();
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id) => await ChangeStatusAsync(id, NewStatus);

    public async Task<IActionResult> OnPostCancelAsync(Guid id) => await ChangeStatusAsync(id, AppointmentStatus.Cancelled);

    private async Task<IActionResult> ChangeStatusAsync(Guid id, AppointmentStatus status)
    {
        var actor = await Current.RequireActorAsync();
        if (await LoadAsync(id, actor, tracked: true) is { } refused) return refused;
        ModelState.Clear();
        if (!Enum.IsDefined(status)) ModelState.AddModelError(nameof(NewStatus), "Statut inconnu.");
        else
        {
            var result = await appointments.SetStatusAsync(actor, Appointment, status, StatusVersion);
            if (result.Outcome == SaveOutcome.Denied) return Forbid();
            if (result.Outcome == SaveOutcome.Saved)
            {
                TempData["Message"] = status == AppointmentStatus.Cancelled ? "Rendez-vous annulé." : $"Statut du rendez-vous : {ReceptionLabels.Label(status).ToLowerInvariant()}.";
                return Redirect($"/rendez-vous/{id}");
            }
            if (result.Outcome == SaveOutcome.VersionConflict) ShowConflict();
            foreach (var (_, message) in result.Errors) ModelState.AddModelError(nameof(NewStatus), message);
        }
        Form = AppointmentForm.Of(Appointment);
        StatusVersion = Appointment.Version;
        NewStatus = Appointment.Status;
        ModelState.Remove(nameof(StatusVersion));
        ModelState.Remove(nameof(NewStatus));
        await LoadListsAsync(actor);
        return Page();
    }

    private void ShowConflict()
    {
        Conflicted = true;
        ModelState.AddModelError("", "Ce rendez-vous a été modifié par quelqu'un d'autre entre-temps : vérifiez sa version actuelle ci-dessous et recommencez.");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Actor actor, bool tracked = false)
    {
        var q = Db.Set<Appointment>().Where(a => a.Id == id);
        var found = await (tracked ? q : q.AsNoTracking()).FirstOrDefaultAsync();
        if (found is null) return NotFound();
        if (!await Appointments.MayReachAsync(Db, actor, found.PersonId)) return Forbid();
        Appointment = found;
        AgentName = await Db.Users.AsNoTracking().Where(u => u.Id == found.AgentId).Select(u => u.FirstName + " " + u.LastName).FirstOrDefaultAsync() ?? "?";
        SiteName = await Db.Sites.AsNoTracking().Where(s => s.Id == found.SiteId).Select(s => s.Name).FirstOrDefaultAsync() ?? "?";
        if (!tracked)
        {
            StatusVersion = found.Version;
            NewStatus = found.Status;
        }
        return null;
    }

    protected override async Task OnSearchedAsync(Actor actor)
    {
        var id = Guid.Parse((string)RouteData.Values["id"]!);
        await LoadAsync(id, actor);
    }
}
