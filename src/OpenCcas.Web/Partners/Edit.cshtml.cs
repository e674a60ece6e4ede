using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.Partners;

public interface IPartnerFormPage
{
    PartnerInput Input { get; }
}

/// <summary>Creates a partner ("/partenaires/nouveau") or changes one.</summary>
[Permission(Permission.ManagePartners)]
public sealed class EditModel(AppDbContext db) : PageModel, IPartnerFormPage
{
    [BindProperty] public PartnerInput Input { get; set; } = new();
    public Guid? Id { get; private set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        Id = id;
        if (id is null) return Page();
        if (await db.Set<Partner>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) is not { } partner) return NotFound();
        Input = PartnerInput.From(partner);
        Name = partner.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        Id = id;
        var partner = id is null ? new Partner { Name = Input.Name ?? "" } : await db.Set<Partner>().FirstOrDefaultAsync(p => p.Id == id);
        if (partner is null) return NotFound();
        Name = partner.Name;
        foreach (var (field, message) in await Input.CheckAsync(db, id))
            ModelState.AddModelError($"Input.{field}", message);
        if (!ModelState.IsValid) return Page();
        if (id is not null && partner.Version != Input.Version) return ShowConflict(partner);
        Input.ApplyTo(partner);
        if (id is null) db.Add(partner);
        if (!await ConcurrentSave.TrySaveAsync(db, partner)) return ShowConflict(partner);
        TempData["Message"] = $"Partenaire « {partner.Name} » enregistré.";
        return Redirect($"/partenaires/{partner.Id}");
    }

    private IActionResult ShowConflict(Partner saved)
    {
        Conflicts = Conflict.Compare(Input, PartnerInput.From(saved));
        ModelState.Remove("Input.Version");
        Input.Version = saved.Version;
        return Page();
    }
}
