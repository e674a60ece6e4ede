using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Account.Public;

/// <summary>Second step of a password sign-in for an account with TOTP: the authenticator code, or a recovery code.</summary>
[EnableRateLimiting("sign-in")]
public sealed class TwoFactorModel(AppDbContext db, SignInManager<AppUser> signIn, TenantContext tenant, AuditActor actor,
    AuditLog audit) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez le code.")]
        [StringLength(64, ErrorMessage = "Ce code est trop long.")]
        [Display(Name = "Code")]
        public string Code { get; set; } = "";

        [Display(Name = "J'utilise un code de secours")]
        public bool Recovery { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        // Only reachable between the password step and the second factor.
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null) return RedirectToPage("/Account/Public/Login");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null || !user.Active)
        {
            TempData["Message"] = "Votre session de connexion a expiré : saisissez à nouveau votre mot de passe.";
            return RedirectToPage("/Account/Public/Login");
        }
        if (!ModelState.IsValid) return Page();

        // Every failure is counted on the account (lockout) and audited: the organisation must be known first.
        tenant.Set(user.OrganisationId);
        actor.Set(user.Id, user.DisplayName);
        var code = new string(Input.Code.Where(c => !char.IsWhiteSpace(c)).ToArray());
        Microsoft.AspNetCore.Identity.SignInResult result;
        if (await signIn.UserManager.IsLockedOutAsync(user))
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        else if (Input.Recovery)
        {
            // Identity checks neither lockout nor failures for recovery codes: both are done here, like for TOTP codes.
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(code);
            if (!result.Succeeded)
            {
                await signIn.UserManager.AccessFailedAsync(user);
                if (await signIn.UserManager.IsLockedOutAsync(user)) result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
            }
        }
        else if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError("Input.Code", "Le code de l'application d'authentification comporte 6 chiffres.");
            return Page();
        }
        else
            result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);

        if (result.Succeeded)
        {
            user.LastSignInAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            await audit.RecordAsync(AuditAction.SignIn, nameof(AppUser), user.Id.ToString(),
                Input.Recovery ? "Connexion par mot de passe et code de secours" : "Connexion par mot de passe et code à usage unique");
            if (Input.Recovery)
                TempData["Message"] = "Vous vous êtes connecté·e avec un code de secours : il n'est plus utilisable. Pensez à en générer de nouveaux si vous en avez peu.";
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        await audit.RecordAsync(AuditAction.SignInFailed, nameof(AppUser), user.Id.ToString(),
            result.IsLockedOut ? "Compte verrouillé" : Input.Recovery ? "Code de secours incorrect" : "Code à usage unique incorrect");
        Error = result.IsLockedOut
            ? "Ce compte est verrouillé pour 15 minutes après plusieurs essais infructueux."
            : Input.Recovery ? "Ce code de secours n'est pas valide ou a déjà servi." : "Ce code n'est pas valide. Vérifiez l'heure de votre téléphone et saisissez le code affiché.";
        return Page();
    }
}
