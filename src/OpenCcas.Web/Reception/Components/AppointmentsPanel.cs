using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception;

public sealed record PanelRow(Guid Id, DateTimeOffset Start, DateTimeOffset End, string Agent, string Site, AppointmentMode Mode, AppointmentStatus Status, string? Subject);

public sealed record AppointmentsPanelModel(Guid PersonId, IReadOnlyList<PanelRow> Coming, IReadOnlyList<PanelRow> Past, bool CanBook);

/// <summary>"Prochains rendez-vous" on the person file: coming appointments and the last few past ones.</summary>
[ViewComponent(Name = Name)]
public sealed class AppointmentsPanelViewComponent(AppDbContext db, CurrentUser current, TimeProvider clock) : ViewComponent
{
    public const string Name = "AppointmentsPanel";
    public const string ViewPath = "/Reception/Components/AppointmentsPanel.cshtml";

    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        if (!await Appointments.MayReachAsync(db, actor, personId)) return Content("");
        var now = clock.GetUtcNow();
        var all = await db.Set<Appointment>().AsNoTracking().Where(a => a.PersonId == personId).ToListAsync();
        var coming = all.Where(a => a.End > now).OrderBy(a => a.Start).Take(20).ToList();
        var past = all.Where(a => a.End <= now).OrderByDescending(a => a.Start).Take(5).ToList();
        var siteIds = all.Select(a => a.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name);
        var agentIds = all.Select(a => a.AgentId).Distinct().ToList();
        var agents = await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FirstName + " " + u.LastName);
        PanelRow Row(Appointment a) => new(a.Id, a.Start, a.End, agents.GetValueOrDefault(a.AgentId, "?"), sites.GetValueOrDefault(a.SiteId, "?"), a.Mode, a.Status, a.Subject);
        return View(ViewPath, new AppointmentsPanelModel(personId, coming.Select(Row).ToList(), past.Select(Row).ToList(),
            AccessRules.Can(actor, Permission.ManageAppointments)));
    }
}
