using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Files;

/// <summary>The only way to a document's bytes: the access rules of its part, and an audited read.</summary>
public sealed class DownloadModel(AppDbContext db, CurrentUser current, AuditLog audit) : PersonPageModel(db, current)
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId)
    {
        if (await LoadAsync(id, FilePart.Resources) is { } refused) return refused;
        var document = await Db.Set<PersonDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.PersonId == id);
        if (document is null) return NotFound();
        if (!Can(PersonFileService.PartOf(document))) return Forbid();
        var content = await Db.Set<DocumentContent>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == documentId);
        if (content is null) return NotFound();
        await audit.RecordAsync(AuditAction.Read, "Person", id.ToString(), $"Document téléchargé : « {document.Title} »");
        return File(content.Bytes, document.ContentType, document.FileName);
    }
}
