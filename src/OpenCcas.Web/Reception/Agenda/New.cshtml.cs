using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception.Agenda;

/// <summary>Books an appointment, optionally prefilled (?personne={id}&amp;debut=2026-12-01T10:00&amp;agent={id}).</summary>
[Permission(Permission.ManageAppointments)]
public sealed class NewModel(AppDbContext db, CurrentUser current, Appointments appointments, TimeProvider clock) : AppointmentFormPage(db, current)
{
    public async Task<IActionResult> OnGetAsync(Guid? personne, string? debut, Guid? agent)
    {
        var actor = await Current.RequireActorAsync();
        if (personne is { } p)
        {
            if (!await Appointments.MayReachAsync(Db, actor, p)) return Forbid();
            Form.PersonId = p;
        }
        await LoadListsAsync(actor);
        Form.AgentId = agent is { } a && Agents.Any(x => x.Id == a) ? a : Agents.Any(x => x.Id == actor.UserId) ? actor.UserId : null;
        Form.SiteId = actor.Grants.Select(g => g.SiteId).FirstOrDefault(s => s is not null && Sites.Any(x => x.Id == s)) ?? Sites.FirstOrDefault()?.Id;
        var start = DateTime.TryParse(debut, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : ParisTime.Local(clock.GetUtcNow()).Date.AddDays(1).AddHours(9);
        Form.Day = DateOnly.FromDateTime(start);
        Form.From = TimeOnly.FromDateTime(start);
        Form.To = Form.From.Value.AddMinutes(30);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await Current.RequireActorAsync();
        if (!await MustChooseAsync(actor) && ModelState.IsValid)
        {
            var appointment = new Appointment();
            var result = await appointments.CreateAsync(actor, Form.ToInput(), appointment);
            if (result.Outcome == SaveOutcome.Denied) return Forbid();
            if (result.Outcome == SaveOutcome.Saved)
            {
                TempData["Message"] = $"Rendez-vous enregistré {ParisTime.Slot(appointment.Start, appointment.End)}.";
                return Redirect($"/rendez-vous/{appointment.Id}");
            }
            AddErrors(result);
        }
        await LoadListsAsync(actor);
        return Page();
    }
}
