using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Account;

public sealed class LogoutModel(SignInManager<AppUser> signIn, AuditLog audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await audit.RecordAsync(AuditAction.SignOut, nameof(AppUser), User.UserId()?.ToString(), "Déconnexion");
        var idToken = await OidcSignIn.SignedInIdTokenAsync(HttpContext); // read before the cookie is cleared
        await signIn.SignOutAsync();
        TempData["Message"] = "Vous êtes déconnecté·e.";
        // Signed in through the provider: its session ends too (end_session_endpoint), then back to the sign-in page.
        if (idToken is not null && await OidcSignIn.SignOutAtProviderAsync(HttpContext, idToken, "/connexion"))
            return new EmptyResult();
        return Redirect("/connexion");
    }
}
