using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Account;

/// <summary>Enrols, checks and removes the TOTP second factor; shows recovery codes once.</summary>
public sealed class TwoFactorSetupModel(AppDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn) : PageModel
{
    public const int RecoveryCodeCount = 10;

    public sealed class VerifyInput
    {
        [Required(ErrorMessage = "Saisissez le code affiché par votre application.")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "Le code comporte 6 chiffres.")]
        [Display(Name = "Code de vérification")]
        public string Code { get; set; } = "";
    }

    [BindProperty] public VerifyInput Input { get; set; } = new();
    /// <summary>"?obligatoire=1", set by the enforcement middleware.</summary>
    [BindProperty(SupportsGet = true, Name = "obligatoire")] public string? Obligatoire { get; set; }
    public bool MustEnrol => Obligatoire is "1" or "true";

    public AppUser Me { get; private set; } = null!;
    public bool OrganisationRequires { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string FormattedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    /// <summary>The address as a QR code (inline SVG drawn here, no outside service).</summary>
    public string? QrSvg { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    /// <summary>Only set in the response that generated them: they are never shown again.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (Me.TwoFactorEnabled) return RedirectToPage();
        if (!ModelState.IsValid) return Page();
        var code = Input.Code.Replace(" ", "").Trim();
        var valid = await users.VerifyTwoFactorTokenAsync(Me, users.Options.Tokens.AuthenticatorTokenProvider, code);
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", "Ce code n'est pas valide. Vérifiez que l'heure de votre téléphone est juste et saisissez le code actuellement affiché.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(Me, true);
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, RecoveryCodeCount))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(Me);
        await LoadAsync();
        Obligatoire = null;
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!Me.TwoFactorEnabled) return RedirectToPage();
        NewRecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, RecoveryCodeCount))?.ToList() ?? [];
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (OrganisationRequires)
        {
            ModelState.AddModelError("", "Votre organisation impose la double authentification : elle ne peut pas être désactivée.");
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(Me, false);
        await users.ResetAuthenticatorKeyAsync(Me); // a new enrolment starts with a new key
        await users.GenerateNewTwoFactorRecoveryCodesAsync(Me, 0);
        await signIn.RefreshSignInAsync(Me);
        TempData["Message"] = "La double authentification est désactivée.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        if (User.UserId() is not { } id || await users.FindByIdAsync(id.ToString()) is not { } me) return false;
        Me = me;
        OrganisationRequires = await db.Organisations.AsNoTracking().Where(o => o.Id == me.OrganisationId)
            .Select(o => o.RequireTwoFactor).SingleOrDefaultAsync();
        if (me.TwoFactorEnabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(me);
            return true;
        }
        var key = await users.GetAuthenticatorKeyAsync(me);
        if (string.IsNullOrEmpty(key))
        {
            // Not ResetAuthenticatorKeyAsync: it renews the security stamp, which would sign the agent out at the next
            // validation of their cookie just for having opened this page.
            key = users.GenerateNewAuthenticatorKey();
            await users.SetAuthenticationTokenAsync(me, "[AspNetUserStore]", "AuthenticatorKey", key);
        }
        SharedKey = key;
        FormattedKey = Format(key);
        AuthenticatorUri = AuthenticatorUriFor(Issuer, me.Email ?? me.UserName ?? "", key);
        try { QrSvg = QrCode.Encode(AuthenticatorUri).ToSvg(); }
        catch (ArgumentException) { QrSvg = null; } // an address too long for the small encoder: the key is still shown
        return true;
    }

    /// <summary>The key in groups of four, lower case, as authenticator apps show it.</summary>
    public static string Format(string key)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }
        return sb.ToString().ToLowerInvariant();
    }

    /// <summary>The name authenticator apps show above the code, with the account's email.</summary>
    public const string Issuer = "OpenCCAS";

    /// <summary>Kept short (6 digits and 30 seconds are the defaults) so that its QR code stays small and easy to scan.</summary>
    public static string AuthenticatorUriFor(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}";
}
