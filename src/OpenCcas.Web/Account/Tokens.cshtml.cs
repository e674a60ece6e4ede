using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Platform;

namespace OpenCcas.Web.Account;

/// <summary>My personal API tokens: list, create (secret shown once), revoke.</summary>
public sealed class TokensModel(AppDbContext db, CurrentUser current, ApiTokens tokens) : PageModel
{
    [BindProperty] public TokenInput Input { get; set; } = new();
    public List<ApiToken> List { get; private set; } = [];
    public List<Role> MyRoles { get; private set; } = [];
    /// <summary>Only in the response that created the token: the secret is never stored nor shown again.</summary>
    public string? NewSecret { get; private set; }
    public string? NewName { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return Challenge();
        Input.Roles = [.. MyRoles];
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (!await LoadAsync()) return Challenge();
        if (!ModelState.IsValid) return Page();
        var (token, secret, error) = await tokens.CreateAsync(Input);
        if (token is null)
        {
            ModelState.AddModelError("Input.Roles", error ?? "Le jeton n'a pas pu être créé.");
            return Page();
        }
        NewSecret = secret;
        NewName = token.Name;
        await LoadAsync();
        Input = new TokenInput { Roles = [.. MyRoles] };
        ModelState.Clear();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        if (!await LoadAsync()) return Challenge();
        if (!await tokens.RevokeAsync(id)) return NotFound();
        TempData["Message"] = "Le jeton est révoqué : il ne permet plus aucun accès.";
        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        if (await current.GetActorAsync() is not { } actor) return false;
        MyRoles = actor.Roles.OrderBy(r => r).ToList();
        List = (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == actor.UserId).ToListAsync())
            .OrderByDescending(t => t.CreatedAt).ToList();
        return true;
    }

    public static string State(ApiToken t, DateTimeOffset now) =>
        t.RevokedAt is not null ? "Révoqué" : t.ExpiresAt <= now ? "Expiré" : "Actif";
}
