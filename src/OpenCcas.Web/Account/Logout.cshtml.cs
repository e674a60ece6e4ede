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
        await signIn.SignOutAsync();
        TempData["Message"] = "Vous êtes déconnecté·e.";
        return Redirect("/connexion");
    }
}
