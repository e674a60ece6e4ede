using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.People.Merge;

/// <summary>
/// "Ce dossier a été fusionné dans le dossier n° X" with a link, for the person file page of a merged file
/// (<c>@await Component.InvokeAsync("MergedNotice", new { personId })</c>); renders nothing for any other file.
/// </summary>
public sealed class MergedNoticeViewComponent(AppDbContext db) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var into = await db.Set<Person>().AsNoTracking().Where(p => p.Id == personId && p.MergedIntoId != null)
            .Join(db.Set<Person>(), p => p.MergedIntoId, k => (Guid?)k.Id, (p, k) => new { k.Id, k.FileNumber })
            .FirstOrDefaultAsync();
        if (into is null) return Content("");
        return View("/People/Merge/_MergedNotice.cshtml", (into.Id, into.FileNumber));
    }
}
