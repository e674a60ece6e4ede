using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Account;

/// <summary>My account: who I am, my roles, my password; links to the second factor and to API tokens.</summary>
public sealed class IndexModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Saisissez votre mot de passe actuel.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mot de passe actuel")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Saisissez le nouveau mot de passe.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Le nouveau mot de passe doit comporter au moins 12 caractères.")]
        [DataType(DataType.Password)]
        [Display(Name = "Nouveau mot de passe")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
        [Compare(nameof(New), ErrorMessage = "Les deux mots de passe saisis ne sont pas identiques.")]
        [DataType(DataType.Password)]
        [Display(Name = "Confirmation du nouveau mot de passe")]
        public string Confirm { get; set; } = "";
    }

    public sealed record RoleLine(Role Role, string? Site, string? Team);

    [BindProperty] public PasswordInput Input { get; set; } = new();
    public AppUser Me { get; private set; } = null!;
    public List<RoleLine> Roles { get; private set; } = [];
    public bool HasPassword { get; private set; }
    public int ActiveTokens { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        return Page();
    }

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!ModelState.IsValid) return Page();
        var result = await users.ChangePasswordAsync(Me, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            // One message per field: a field shows its first error only, so the rules broken are said together.
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
                ModelState.AddModelError("Input.Current", "Le mot de passe actuel est incorrect.");
            else
                ModelState.AddModelError("Input.New", string.Join(" ", result.Errors.Select(e => e.Description)));
            return Page();
        }
        if (Me.MustChangePassword)
        {
            Me.MustChangePassword = false;
            await users.UpdateAsync(Me);
        }
        // The security stamp changed: renew this session's cookie (other sessions end at their next check); the
        // renewed cookie no longer says the password is temporary.
        await signIn.RefreshSignInAsync(Me);
        TempData["Message"] = "Votre mot de passe a été modifié.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        if (User.UserId() is not { } id || await users.FindByIdAsync(id.ToString()) is not { } me) return false;
        Me = me;
        HasPassword = await users.HasPasswordAsync(me);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name);
        Roles = (await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == id).ToListAsync())
            .OrderBy(r => r.Role)
            .Select(r => new RoleLine(r.Role, r.SiteId is { } s ? sites.GetValueOrDefault(s) : null, r.TeamId is { } t ? teams.GetValueOrDefault(t) : null))
            .ToList();
        var now = DateTimeOffset.UtcNow;
        ActiveTokens = (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == id && t.RevokedAt == null).ToListAsync())
            .Count(t => t.IsUsable(now));
        return true;
    }
}
