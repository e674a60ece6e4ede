using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception.Agenda;

public sealed record AgendaRow(Guid Id, DateTimeOffset Start, DateTimeOffset End, string Agent, string Site, string Person, AppointmentMode Mode, AppointmentStatus Status, string? Subject);

/// <summary>The agenda: a day or a week, for an agent and/or a site (default: the signed-in agent, this week).</summary>
[Permission(Permission.ManageAppointments)]
public sealed class IndexModel(AppDbContext db, CurrentUser current, TimeProvider clock) : PageModel
{
    public List<Choice> Agents { get; private set; } = [];
    public List<Choice> Sites { get; private set; } = [];
    public Guid? AgentId { get; private set; }
    public Guid? SiteId { get; private set; }
    public bool Week { get; private set; }
    public DateOnly From { get; private set; }
    public DateOnly To { get; private set; }
    public List<AgendaRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(string? agent, Guid? site, string? vue, DateOnly? date)
    {
        var actor = await current.RequireActorAsync();
        Agents = await AgendaData.AgentsAsync(db);
        Sites = await AgendaData.SitesAsync(db);
        AgentId = agent switch
        {
            null => Agents.Any(a => a.Id == actor.UserId) ? actor.UserId : null,
            "tous" => null,
            _ => Guid.TryParse(agent, out var id) ? id : null,
        };
        SiteId = site;
        Week = vue != "jour";
        var day = date ?? ParisTime.Today(clock.GetUtcNow());
        From = Week ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7)) : day;
        To = Week ? From.AddDays(7) : From.AddDays(1);
        var start = ParisTime.StartOfDay(From);
        var end = ParisTime.StartOfDay(To);
        var q = db.Set<Appointment>().AsNoTracking().Where(a => a.Start < end && a.End > start);
        if (AgentId is { } ag) q = q.Where(a => a.AgentId == ag);
        if (SiteId is { } s) q = q.Where(a => a.SiteId == s);
        var list = await q.OrderBy(a => a.Start).Take(1000).ToListAsync();
        var names = await Appointments.PeopleNamesAsync(db, actor, list.Select(a => a.PersonId));
        var agents = Agents.ToDictionary(a => a.Id, a => a.Name);
        var missing = list.Select(a => a.AgentId).Where(id => !agents.ContainsKey(id)).Distinct().ToList();
        foreach (var u in await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).ToListAsync()) agents[u.Id] = u.DisplayName;
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(x => x.Id, x => x.Name);
        Rows = list.Select(a => new AgendaRow(a.Id, a.Start, a.End, agents.GetValueOrDefault(a.AgentId, "?"), sites.GetValueOrDefault(a.SiteId, "?"),
            a.PersonId is { } p ? names.GetValueOrDefault(p, "dossier non accessible") : "sans personne", a.Mode, a.Status, a.Subject)).ToList();
    }

    public string Link(DateOnly date, bool? week = null) =>
        $"/rendez-vous?agent={(AgentId?.ToString() ?? "tous")}{(SiteId is { } s ? $"&site={s}" : "")}&vue={((week ?? Week) ? "semaine" : "jour")}&date={date:yyyy-MM-dd}";
}
