using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Account.Public;
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
        // Signed in through the provider: its session ends too (end_session_endpoint), then back to the sign-in page,
        // which says so only then (a message kept in TempData would greet an agent who never came back).
        if (idToken is not null && await OidcSignIn.SignOutAtProviderAsync(HttpContext, idToken, "/connexion?" + LoginModel.SignedOutQuery))
            return new EmptyResult();
        TempData["Message"] = LoginModel.SignedOutMessage;
        return Redirect("/connexion");
    }
}
