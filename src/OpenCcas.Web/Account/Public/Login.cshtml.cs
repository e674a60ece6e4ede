using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Account.Public;

[EnableRateLimiting("sign-in")]
public sealed class LoginModel(AppDbContext db, SignInManager<AppUser> signIn, TenantContext tenant, AuditActor actor,
    AuditLog audit, IConfiguration config, DemoPreparation demo) : PageModel
{
    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Saisissez votre mot de passe.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }
    public bool OidcEnabled => OidcSignIn.IsEnabled(config);
    public string OidcName => config["Oidc:DisplayName"] ?? "ProConnect";
    /// <summary>At the first start the demo's accounts are written in the background for a few seconds.</summary>
    public bool DemoInPreparation => demo.InProgress;

    public const string DemoNotReady = "Le CCAS de démonstration est encore en cours de création : réessayez dans quelques secondes.";

    public const string SignedOutMessage = "Vous êtes déconnecté·e.";
    /// <summary>The query string of the return from the provider's sign-out.</summary>
    public const string SignedOutQuery = "deconnecte=1";

    public void OnGet(string? erreur, string? deconnecte)
    {
        if (deconnecte is not null) TempData["Message"] = SignedOutMessage;
        Error = erreur switch
        {
            "compte-inconnu" => "Aucun compte actif ne correspond à cette identité. Demandez à l'administrateur de votre organisation de créer votre compte.",
            "externe" => "La connexion externe n'a pas abouti. Réessayez.",
            _ => null,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        if (demo.InProgress)
        {
            Error = DemoNotReady;
            return Page();
        }
        var normalized = Input.Email.Trim().ToUpperInvariant();
        // No organisation is known yet: this lookup sees every account, then the account's organisation is set.
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null || !user.Active)
        {
            Error = "Adresse électronique ou mot de passe incorrect.";
            return Page();
        }
        tenant.Set(user.OrganisationId);
        actor.Set(user.Id, user.DisplayName);
        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            user.LastSignInAt = DateTimeOffset.UtcNow; // saved with the sign-in audit line, in one commit
            await audit.RecordAsync(AuditAction.SignIn, nameof(AppUser), user.Id.ToString(), "Connexion par mot de passe");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/Public/TwoFactor", new { ReturnUrl });
        await audit.RecordAsync(AuditAction.SignInFailed, nameof(AppUser), user.Id.ToString(),
            result.IsLockedOut ? "Compte verrouillé" : "Mot de passe incorrect");
        Error = result.IsLockedOut
            ? "Ce compte est verrouillé pour 15 minutes après plusieurs essais infructueux."
            : "Adresse électronique ou mot de passe incorrect.";
        return Page();
    }
}
