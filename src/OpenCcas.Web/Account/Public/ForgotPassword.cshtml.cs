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

/// <summary>
/// Asks for a password reset link by email. The answer is the same whether the address is known or not, and the
/// mail is sent in the background so that the response time does not tell either.
/// </summary>
[EnableRateLimiting("sign-in")]
public sealed class ForgotPasswordModel(AppDbContext db, UserManager<AppUser> users, TenantContext tenant, AuditActor actor,
    EmailSender email, IConfiguration config, ILogger<ForgotPasswordModel> log) : PageModel
{
    public const string NeutralAnswer =
        "Si un compte actif correspond à cette adresse, un message contenant un lien de réinitialisation vient de lui être envoyé. Le lien est valable 24 heures.";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Saisissez votre adresse électronique.")]
        [EmailAddress(ErrorMessage = "Cette adresse électronique n'est pas valide.")]
        [StringLength(256, ErrorMessage = "Cette adresse électronique est trop longue.")]
        public string Email { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();
        Sent = true;
        var normalized = Input.Email.Trim().ToUpperInvariant();
        // No organisation is known yet: this lookup sees every account, then the account's organisation is set.
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
        if (user is null || !user.Active || string.IsNullOrEmpty(user.Email)) return Page();
        if (!email.IsConfigured)
        {
            log.LogWarning("Password reset requested but no SMTP server is configured (Smtp:Host).");
            return Page();
        }
        tenant.Set(user.OrganisationId);
        actor.Set(user.Id, user.DisplayName);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = $"{BaseUrl()}/reinitialiser-mot-de-passe?utilisateur={user.Id}&jeton={Uri.EscapeDataString(token)}";
        var body = $"""
            Bonjour {user.DisplayName},

            Une demande de réinitialisation du mot de passe de votre compte OpenCCAS a été faite.
            Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures, une seule fois) :

            {link}

            Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.
            """;
        var to = user.Email;
        _ = Task.Run(async () =>
        {
            try { await email.SendAsync(to, "OpenCCAS – réinitialisation de votre mot de passe", body); }
            catch (Exception ex) { log.LogError("Password reset mail could not be sent: {Error}", ex.Message); }
        });
        return Page();
    }

    /// <summary>"PublicUrl" when set (recommended: the Host header must not choose where the link points); else this request's.</summary>
    private string BaseUrl() =>
        config["PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{Request.Scheme}://{Request.Host}{Request.PathBase}";
}
