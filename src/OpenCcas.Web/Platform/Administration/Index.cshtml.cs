using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.Platform.Administration;

[Permission(Permission.ManageOrganisation)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public const int MaxLogoBytes = 500 * 1024;

    [BindProperty] public OrganisationInput Input { get; set; } = new();
    public bool HasLogo { get; private set; }
    public string? LogoError { get; private set; }
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var org = await db.Organisations.SingleAsync();
        Input = OrganisationInput.From(org);
        HasLogo = org.LogoContentType is not null;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var org = await db.Organisations.SingleAsync();
        HasLogo = org.LogoContentType is not null;
        foreach (var (field, message) in Input.Check()) ModelState.AddModelError($"Input.{field}", message);
        if (!ModelState.IsValid) return Page();
        if (org.Version != Input.Version) return ShowConflict(org);
        Input.ApplyTo(org);
        if (!await ConcurrentSave.TrySaveAsync(db, org)) return ShowConflict(org);
        TempData["Message"] = "Paramètres de l'organisation enregistrés.";
        return Redirect("/administration");
    }

    public async Task<IActionResult> OnPostLogoAsync(IFormFile? logo)
    {
        var org = await db.Organisations.SingleAsync();
        Input = OrganisationInput.From(org);
        HasLogo = org.LogoContentType is not null;
        var (bytes, type, error) = await UploadedImage.ReadAsync(logo, MaxLogoBytes);
        if (error is not null)
        {
            LogoError = error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        org.Logo = bytes;
        org.LogoContentType = type;
        await db.SaveChangesAsync();
        TempData["Message"] = "Logo enregistré.";
        return Redirect("/administration");
    }

    private IActionResult ShowConflict(Organisation saved)
    {
        Conflicts = Conflict.Compare(Input, OrganisationInput.From(saved));
        ModelState.Remove("Input.Version");
        Input.Version = saved.Version;
        return Page();
    }
}
