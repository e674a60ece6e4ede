using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.Reception.Desk;

/// <summary>The organisation's list of reception reasons: add, rename, reorder, deactivate.</summary>
[Permission(Permission.ManageReceptionSettings)]
public sealed class ReasonsModel(AppDbContext db) : PageModel
{
    [BindProperty] public ReceptionReasonInput Input { get; set; } = new();
    public List<ReceptionReason> Reasons { get; private set; } = [];
    public Guid? EditingId { get; private set; }

    public async Task OnGetAsync() => Reasons = await ReceptionDesk.ReasonsAsync(db, activeOnly: false);

    public async Task<IActionResult> OnPostAddAsync()
    {
        foreach (var (field, message) in await ReceptionDesk.CheckReasonAsync(db, Input, null))
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return await ShowAsync();
        var max = await db.Set<ReceptionReason>().MaxAsync(r => (int?)r.SortOrder) ?? 0;
        db.Add(new ReceptionReason { Label = Input.Label.Trim(), SortOrder = max + 10 });
        await db.SaveChangesAsync();
        TempData["Message"] = $"Motif « {Input.Label.Trim()} » ajouté.";
        return Redirect("/accueil/motifs");
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid id, string? label, int version)
    {
        if (await db.Set<ReceptionReason>().FirstOrDefaultAsync(r => r.Id == id) is not { } reason) return NotFound();
        EditingId = id;
        var input = new ReceptionReasonInput { Label = label ?? "", Active = reason.Active, Version = version };
        if (string.IsNullOrWhiteSpace(label)) ModelState.AddModelError("label-" + id, "Le libellé est obligatoire.");
        else if (label.Trim().Length > 150) ModelState.AddModelError("label-" + id, "Le libellé ne peut dépasser 150 caractères.");
        foreach (var (_, message) in await ReceptionDesk.CheckReasonAsync(db, input, id)) ModelState.AddModelError("label-" + id, message);
        if (!ModelState.IsValid) return await ShowAsync();
        reason.Label = label!.Trim();
        return await SaveAsync(reason, version, $"Motif renommé en « {reason.Label} ».");
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id, int version)
    {
        if (await db.Set<ReceptionReason>().FirstOrDefaultAsync(r => r.Id == id) is not { } reason) return NotFound();
        reason.Active = !reason.Active;
        return await SaveAsync(reason, version, reason.Active ? $"Motif « {reason.Label} » réactivé." : $"Motif « {reason.Label} » désactivé : il n'est plus proposé à l'accueil.");
    }

    /// <summary>Moves a reason one place up (-1) or down (+1), renumbering the list.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, int direction)
    {
        var list = await db.Set<ReceptionReason>().OrderBy(r => r.SortOrder).ThenBy(r => r.Label).ToListAsync();
        var index = list.FindIndex(r => r.Id == id);
        if (index < 0) return NotFound();
        var target = index + Math.Sign(direction);
        if (target >= 0 && target < list.Count)
        {
            (list[index], list[target]) = (list[target], list[index]);
            for (var i = 0; i < list.Count; i++)
                if (list[i].SortOrder != (i + 1) * 10) list[i].SortOrder = (i + 1) * 10;
            await db.SaveChangesAsync();
        }
        return Redirect($"/accueil/motifs#motif-{id}");
    }

    private async Task<IActionResult> SaveAsync(ReceptionReason reason, int version, string message)
    {
        db.Entry(reason).Property(r => r.Version).OriginalValue = version;
        if (!await ConcurrentSave.TrySaveAsync(db, reason))
        {
            ModelState.AddModelError("", "Ce motif a été modifié par quelqu'un d'autre entre-temps : voici la version actuelle, recommencez.");
            return await ShowAsync();
        }
        TempData["Message"] = message;
        return Redirect("/accueil/motifs");
    }

    private async Task<IActionResult> ShowAsync()
    {
        Reasons = await ReceptionDesk.ReasonsAsync(db, activeOnly: false);
        return Page();
    }
}
