using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.Platform.Administration.Teams;

[Permission(Permission.ManageTeams)]
public sealed class EditModel(AppDbContext db) : PageModel
{
    public sealed record Member(Guid Id, string Name);

    [BindProperty] public TeamInput Input { get; set; } = new();
    public bool IsNew { get; private set; }
    public string Name { get; private set; } = "";
    public List<Member> Members { get; private set; } = [];
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (id == "nouvelle") { IsNew = true; return Page(); }
        if (await FindAsync(id) is not { } team) return NotFound();
        Input = TeamInput.From(team);
        Name = team.Name;
        Members = await db.TeamMembers.Where(m => m.TeamId == team.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.FirstName).ThenBy(u => u.LastName)
            .Select(u => new Member(u.Id, u.FirstName + " " + u.LastName)).ToListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        IsNew = id == "nouvelle";
        var team = IsNew ? new Team { Name = Input.Name } : await FindAsync(id);
        if (team is null) return NotFound();
        Name = team.Name;
        foreach (var (field, message) in await Input.CheckAsync(db, IsNew ? null : team.Id))
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (!ModelState.IsValid) return Page();
        if (!IsNew && team.Version != Input.Version) return ShowConflict(team);
        Input.ApplyTo(team);
        if (IsNew) db.Teams.Add(team);
        if (!await ConcurrentSave.TrySaveAsync(db, team)) return ShowConflict(team);
        TempData["Message"] = $"Équipe « {team.Name} » enregistrée.";
        return Redirect("/administration/equipes");
    }

    private IActionResult ShowConflict(Team saved)
    {
        Conflicts = Conflict.Compare(Input, TeamInput.From(saved));
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
        Input.Version = saved.Version;
        return Page();
    }

    private async Task<Team?> FindAsync(string id) =>
        Guid.TryParse(id, out var guid) ? await db.Teams.FirstOrDefaultAsync(t => t.Id == guid) : null;
}
