using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Dashboard;

public sealed class IndexModel(AppDbContext db, CurrentUser current) : PageModel
{
    public string UserName { get; private set; } = "";
    public string OrganisationName { get; private set; } = "";
    public IReadOnlyList<Role> Roles { get; private set; } = [];
    public int Sites { get; private set; }
    public int Teams { get; private set; }
    public int Agents { get; private set; }
    public int Communes { get; private set; }
    public List<Site> SiteList { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var actor = await current.RequireActorAsync();
        Roles = actor.Roles.ToList();
        UserName = User.FindFirst(OpenCcasClaims.DisplayName)?.Value ?? "";
        var org = await db.Organisations.AsNoTracking().SingleAsync();
        OrganisationName = org.Name;
        Communes = org.CommuneList.Count();
        SiteList = await db.Sites.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).ToListAsync();
        Sites = SiteList.Count;
        Teams = await db.Teams.CountAsync();
        Agents = await db.Users.CountAsync(u => u.Active);
    }
}
