using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Partners;

/// <summary>
/// A partner: its details and how many people were referred to it. The names of those referred are shown only for the
/// files whose social part the user may open; the others are counted, not named.
/// </summary>
[Permission(Permission.ViewPartners)]
public sealed class DetailModel(AppDbContext db, CurrentUser current) : PageModel
{
    public sealed record Row(Guid PersonId, string PersonName, DateOnly On, string? Reason);
    public Partner Partner { get; private set; } = null!;
    public int ReferralCount { get; private set; }
    public List<Row> Visible { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        if (await db.Set<Partner>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) is not { } partner) return NotFound();
        Partner = partner;
        CanManage = AccessRules.Can(actor, Permission.ManagePartners);
        ReferralCount = await db.Set<Referral>().CountAsync(r => r.PartnerId == id);
        var openable = db.Set<Person>().Where(AccessRules.OpenableFiles(actor, FilePart.Social));
        Visible = (await db.Set<Referral>().AsNoTracking().Where(r => r.PartnerId == id)
                .Join(openable, r => r.PersonId, p => p.Id, (r, p) => new { r.PersonId, Person = p, r.On, r.Reason })
                .OrderByDescending(x => x.On).Take(200).ToListAsync())
            .Select(x => new Row(x.PersonId, x.Person.DisplayName, x.On, x.Reason)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostActiveAsync(Guid id, bool active)
    {
        if (!AccessRules.Can(await current.RequireActorAsync(), Permission.ManagePartners)) return Forbid();
        if (await db.Set<Partner>().FirstOrDefaultAsync(p => p.Id == id) is not { } partner) return NotFound();
        partner.Active = active;
        await db.SaveChangesAsync();
        TempData["Message"] = active ? $"Partenaire « {partner.Name} » réactivé." : $"Partenaire « {partner.Name} » désactivé : il n'est plus proposé pour les orientations.";
        return Redirect($"/partenaires/{id}");
    }
}
