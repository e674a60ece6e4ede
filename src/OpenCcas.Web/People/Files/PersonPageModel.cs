using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Files;

/// <summary>
/// A page of one person file: loads the file through the access rules (another organisation's file: 404; a file or
/// part outside the user's reach: the "accès refusé" page) and knows which parts the user may open.
/// </summary>
public abstract class PersonPageModel(AppDbContext db, CurrentUser current) : PageModel
{
    protected AppDbContext Db => db;
    public Person Person { get; private set; } = null!;
    public Actor Actor { get; private set; } = null!;

    public bool Can(FilePart part) => AccessRules.CanOpen(Actor, AccessRules.ScopeOf(Person), part);
    public bool CanDo(Permission permission) => AccessRules.Can(Actor, permission);

    /// <summary>Null when the file is open at this part; otherwise the answer (404, or Forbid → "accès refusé").</summary>
    protected async Task<IActionResult?> LoadAsync(Guid id, FilePart part, bool tracked = false)
    {
        Actor = await current.RequireActorAsync();
        var (access, person) = await PersonFiles.OpenAsync(db, Actor, id, part, tracked);
        switch (access)
        {
            case FileAccess.NotFound: return NotFound();
            case FileAccess.Denied: return Forbid();
        }
        Person = person!;
        return null;
    }

    protected void AddErrors(IEnumerable<(string Field, string Message)> errors, string prefix = "Input")
    {
        foreach (var (field, message) in errors)
            ModelState.AddModelError(string.IsNullOrEmpty(field) ? "" : $"{prefix}.{field}", message);
    }

    /// <summary>An anonymised file is kept for statistics only: nothing in it can change.</summary>
    protected bool Frozen => Person.Status == PersonStatus.Anonymised;

    public static async Task<Dictionary<Guid, string>> SiteNamesAsync(AppDbContext db) =>
        await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToDictionaryAsync(s => s.Id, s => s.Name);

    public static async Task<Dictionary<Guid, string>> TeamNamesAsync(AppDbContext db) =>
        await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToDictionaryAsync(t => t.Id, t => t.Name);

    public static async Task<Dictionary<Guid, string>> AgentNamesAsync(AppDbContext db) =>
        (await db.Users.AsNoTracking().Where(u => u.Active).Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync())
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ToDictionary(u => u.Id, u => $"{u.FirstName} {u.LastName}");
}
