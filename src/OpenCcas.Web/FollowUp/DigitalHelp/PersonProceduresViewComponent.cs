using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp.Plans;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.DigitalHelp;

public sealed record PersonProceduresPanel(Guid PersonId, IReadOnlyList<OnlineProcedure> Procedures, IReadOnlySet<Guid> ReadableDescriptions,
    IReadOnlyDictionary<Guid, string> Sites, int Total);

/// <summary>The "Démarches en ligne" panel of the person file (identity part: see <see cref="OnlineProcedures"/>).</summary>
public sealed class PersonProceduresViewComponent(AppDbContext db, CurrentUser current) : ViewComponent
{
    public const string Name = "PersonProcedures";

    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var (access, _) = await PersonFiles.OpenAsync(db, actor, personId, FilePart.Identity);
        if (access != FileAccess.Allowed) return Content("");
        var query = db.Set<OnlineProcedure>().AsNoTracking().Where(p => p.PersonId == personId);
        var list = await query.OrderByDescending(p => p.At).Take(20).ToListAsync();
        var readable = await OnlineProcedures.ReadableDescriptionsAsync(db, actor, list);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name);
        return View("/FollowUp/DigitalHelp/_PersonProcedures.cshtml", new PersonProceduresPanel(personId, list, readable, sites, await query.CountAsync()));
    }
}
