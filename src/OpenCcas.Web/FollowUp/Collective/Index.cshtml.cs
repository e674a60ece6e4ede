using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Collective;

/// <summary>The collective action sessions of a period and site, with their totals.</summary>
[Permission(CollectiveSessions.ReadPermission)]
public sealed class IndexModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "du")] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "au")] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "site")] public Guid? SiteId { get; set; }

    public sealed record Row(Guid Id, DateTimeOffset At, string Topic, string Site, string Facilitator, int Named, int Anonymous);
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public CollectiveSessions.Totals Totals { get; private set; } = new(0, 0, 0, 0);
    public IReadOnlyList<(Guid Id, string Name)> Sites { get; private set; } = [];
    public bool CanManage { get; private set; }
    public const int MaxRows = 500;

    public async Task<IActionResult> OnGetAsync()
    {
        var actor = await current.RequireActorAsync();
        CanManage = AccessRules.Can(actor, Permission.ManageCollectiveActions);
        var today = PlanDisplay.Today();
        From ??= new DateOnly(today.Year, 1, 1);
        To ??= new DateOnly(today.Year, 12, 31);
        if (To < From) (From, To) = (To, From);
        Sites = await PlanDisplay.SitesAsync(db);
        var sessions = CollectiveSessions.InPeriod(db, From, To, SiteId);
        Totals = await CollectiveSessions.TotalsAsync(sessions, db);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var users = await PlanDisplay.UserNamesAsync(db);
        Rows = (await sessions.AsNoTracking().OrderByDescending(s => s.At).Take(MaxRows)
                .Select(s => new { s.Id, s.At, s.Topic, s.SiteId, s.FacilitatorId, Named = s.Participants.Count, s.AnonymousParticipants }).ToListAsync())
            .Select(s => new Row(s.Id, s.At, s.Topic, sites.GetValueOrDefault(s.SiteId, ""), users.GetValueOrDefault(s.FacilitatorId, ""), s.Named, s.AnonymousParticipants))
            .ToList();
        return Page();
    }
}
