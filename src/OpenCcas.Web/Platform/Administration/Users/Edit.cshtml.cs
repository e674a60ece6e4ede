using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform.Administration.Users;

[Permission(Permission.ManageUsers)]
public sealed class EditModel(AppDbContext db, UserAccounts accounts) : PageModel
{
    public sealed class RoleRow
    {
        public Role Role { get; set; }
        public bool Selected { get; set; }
        public Guid? SiteId { get; set; }
    }

    [BindProperty] public UserInput Input { get; set; } = new();
    [BindProperty] public List<RoleRow> RoleRows { get; set; } = [];
    public bool IsNew { get; private set; }
    public string Name { get; private set; } = "";
    public bool LockedOut { get; private set; }
    public bool TwoFactorEnabled { get; private set; }
    public List<Site> Sites { get; private set; } = [];
    public List<Team> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        await LoadListsAsync();
        if (id == "nouveau")
        {
            IsNew = true;
            RoleRows = Enum.GetValues<Role>().Select(r => new RoleRow { Role = r }).ToList();
            return Page();
        }
        if (await FindAsync(id) is not { } user) return NotFound();
        var summary = (await accounts.ListAsync(user.Id)).Single();
        Input = new UserInput
        {
            FirstName = summary.FirstName, LastName = summary.LastName, Email = summary.Email, Active = summary.Active,
            Roles = summary.Roles.ToList(), TeamIds = summary.TeamIds.ToList(),
        };
        Fill(user);
        RoleRows = Enum.GetValues<Role>().Select(r => new RoleRow
        {
            Role = r,
            Selected = summary.Roles.Any(x => x.Role == r),
            SiteId = summary.Roles.FirstOrDefault(x => x.Role == r)?.SiteId,
        }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        IsNew = id == "nouveau";
        var user = IsNew ? null : await FindAsync(id);
        if (!IsNew && user is null) return NotFound();
        await LoadListsAsync();
        if (user is not null) Fill(user);
        Input.Roles = RoleRows.Where(r => r.Selected).Select(r => new RoleInput { Role = r.Role, SiteId = r.SiteId }).ToList();
        if (Input.Roles.Count == 0) ModelState.AddModelError("Input.Roles", "Choisissez au moins un rôle.");
        foreach (var (field, message) in await Input.CheckAsync(db)) ModelState.AddModelError($"Input.{field}", message);
        if (!ModelState.IsValid) return Page();

        if (user is null)
        {
            // A new agent gets a temporary password shown once to the administrator (or uses ProConnect / "forgot password").
            var temporary = UserAccounts.NewTemporaryPassword();
            var (created, errors) = await accounts.CreateAsync(Input, temporary, temporary: true);
            if (created is null)
            {
                foreach (var e in errors) ModelState.AddModelError("Input.Email", e);
                return Page();
            }
            TempData["Message"] = $"Compte de {created.DisplayName} créé. Mot de passe provisoire : {temporary} — communiquez-le à l'agent ; il ne sera plus affiché.";
            return Redirect($"/administration/utilisateurs/{created.Id}");
        }
        var updateErrors = (await accounts.UpdateAsync(user, Input)).ToList();
        if (updateErrors.Count > 0)
        {
            foreach (var e in updateErrors) ModelState.AddModelError("Input.Email", e);
            return Page();
        }
        TempData["Message"] = $"Compte de {user.DisplayName} enregistré.";
        return Redirect("/administration/utilisateurs");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(string id)
    {
        if (await FindAsync(id) is not { } user) return NotFound();
        var password = await accounts.GiveTemporaryPasswordAsync(user);
        TempData["Message"] = $"Nouveau mot de passe provisoire de {user.DisplayName} : {password} — communiquez-le à l'agent ; il ne sera plus affiché.";
        return Redirect($"/administration/utilisateurs/{user.Id}");
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id)
    {
        if (await FindAsync(id) is not { } user) return NotFound();
        await accounts.UnlockAsync(user);
        TempData["Message"] = $"Compte de {user.DisplayName} déverrouillé.";
        return Redirect($"/administration/utilisateurs/{user.Id}");
    }

    public async Task<IActionResult> OnPostResetTwoFactorAsync(string id)
    {
        if (await FindAsync(id) is not { } user) return NotFound();
        await accounts.ResetTwoFactorAsync(user);
        TempData["Message"] = $"Double authentification de {user.DisplayName} réinitialisée : l'agent devra la configurer à nouveau.";
        return Redirect($"/administration/utilisateurs/{user.Id}");
    }

    private void Fill(AppUser user)
    {
        Name = user.DisplayName;
        LockedOut = user.LockoutEnd > DateTimeOffset.UtcNow;
        TwoFactorEnabled = user.TwoFactorEnabled;
    }

    private async Task LoadListsAsync()
    {
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync();
    }

    private async Task<AppUser?> FindAsync(string id) =>
        Guid.TryParse(id, out var guid) ? await db.Users.FirstOrDefaultAsync(u => u.Id == guid) : null;
}
