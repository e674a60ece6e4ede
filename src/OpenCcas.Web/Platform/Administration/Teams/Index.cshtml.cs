using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform.Administration.Teams;

[Permission(Permission.ManageTeams)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Description, int Members);
    public List<Row> Teams { get; private set; } = [];

    public async Task OnGetAsync() => Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name)
        .Select(t => new Row(t.Id, t.Name, t.Description, db.TeamMembers.Count(m => m.TeamId == t.Id)))
        .ToListAsync();
}
