using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Partners;

/// <summary>The partner directory: search by name, kind or service.</summary>
[Permission(Permission.ViewPartners)]
public sealed class IndexModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public PartnerSearch Search { get; set; } = new();
    public List<Partner> Partners { get; private set; } = [];
    public Dictionary<Guid, int> Referrals { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync()
    {
        CanManage = AccessRules.Can(await current.RequireActorAsync(), Permission.ManagePartners);
        Partners = await Search.RunAsync(db);
        var ids = Partners.Select(p => p.Id).ToList();
        Referrals = await db.Set<Referral>().Where(r => ids.Contains(r.PartnerId)).GroupBy(r => r.PartnerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
    }
}
