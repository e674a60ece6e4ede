using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Account.Public;

/// <summary>Sets a new password from the link sent by <see cref="ForgotPasswordModel"/>.</summary>
[EnableRateLimiting("sign-in")]
public sealed class ResetPasswordModel(AppDbContext db, UserManager<AppUser> users, TenantContext tenant, AuditActor actor) : PageModel
{
    public const string InvalidLink = "Ce lien de réinitialisation n'est pas valide ou a expiré : demandez-en un nouveau.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez le nouveau mot de passe.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "Le nouveau mot de passe doit comporter au moins 12 caractères.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Confirmez le nouveau mot de passe.")]
        [Compare(nameof(Password), ErrorMessage = "Les deux mots de passe saisis ne sont pas identiques.")]
        [DataType(DataType.Password)]
        public string Confirm { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "utilisateur")] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true, Name = "jeton")] public string? Token { get; set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
        if (UserId == Guid.Empty || string.IsNullOrEmpty(Token)) Error = InvalidLink;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (UserId == Guid.Empty || string.IsNullOrEmpty(Token))
        {
            Error = InvalidLink;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        // No organisation is known yet: the link names the account, whose organisation is then set.
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == UserId);
        if (user is null || !user.Active)
        {
            Error = InvalidLink;
            return Page();
        }
        tenant.Set(user.OrganisationId);
        actor.Set(user.Id, user.DisplayName);
        user.MustChangePassword = false; // saved with the new password, which the agent chose
        var result = await users.ResetPasswordAsync(user, Token, Input.Password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
                Error = InvalidLink;
            else
                ModelState.AddModelError("Input.Password", string.Join(" ", result.Errors.Select(e => e.Description)));
            return Page();
        }
        // Whoever asked for the link holds the mailbox: the failed attempts of before no longer count, and a lockout
        // they caused is lifted (the new password is the proof the lockout was waiting for).
        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        TempData["Message"] = "Votre mot de passe a été modifié : connectez-vous avec le nouveau mot de passe.";
        return Redirect("/connexion");
    }
}
