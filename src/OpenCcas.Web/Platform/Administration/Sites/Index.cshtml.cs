using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform.Administration.Sites;

[Permission(Permission.ManageSites)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    public List<Site> Sites { get; private set; } = [];

    public async Task OnGetAsync() => Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync();
}
