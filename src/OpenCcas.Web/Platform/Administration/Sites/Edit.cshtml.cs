using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.Platform.Administration.Sites;

[Permission(Permission.ManageSites)]
public sealed class EditModel(AppDbContext db) : PageModel
{
    [BindProperty] public SiteInput Input { get; set; } = new();
    public bool IsNew { get; private set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (id == "nouveau") { IsNew = true; return Page(); }
        if (await FindAsync(id) is not { } site) return NotFound();
        Input = SiteInput.From(site);
        Name = site.Name;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        IsNew = id == "nouveau";
        var site = IsNew ? new Site { Name = Input.Name } : await FindAsync(id);
        if (site is null) return NotFound();
        Name = site.Name;
        foreach (var (field, message) in await Input.CheckAsync(db, IsNew ? null : site.Id))
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();

        if (!IsNew && site.Version != Input.Version)
            return ShowConflict(site);
        Input.ApplyTo(site);
        if (IsNew) db.Sites.Add(site);
        if (!await ConcurrentSave.TrySaveAsync(db, site)) return ShowConflict(site);
        TempData["Message"] = $"Site « {site.Name} » enregistré.";
        return Redirect("/administration/sites");
    }

    private IActionResult ShowConflict(Site saved)
    {
        Conflicts = Conflict.Compare(Input, SiteInput.From(saved));
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
        Input.Version = saved.Version;
        return Page();
    }

    private async Task<Site?> FindAsync(string id) =>
        Guid.TryParse(id, out var guid) ? await db.Sites.FirstOrDefaultAsync(s => s.Id == guid) : null;
}
