using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Files;

/// <summary>
/// Documents of the file: PDF, PNG or JPEG checked by their bytes, 10 MB at most, kept in the database (never in the
/// web root) and served only through the authorised, audited download. Confidential ones belong to the social part.
/// </summary>
[RequestFormLimits(MultipartBodyLengthLimit = UploadedDocument.MaxBytes + 64 * 1024)]
[RequestSizeLimit(UploadedDocument.MaxBytes + 64 * 1024)]
public sealed class DocumentsModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    public sealed class UploadInput
    {
        [Required(ErrorMessage = "Le titre du document est obligatoire."), StringLength(200, ErrorMessage = "Le titre ne peut dépasser 200 caractères.")]
        [Display(Name = "Titre")]
        public string Title { get; set; } = "";
        [Display(Name = "Confidentiel")]
        public bool Confidential { get; set; }
    }

    [BindProperty] public UploadInput Input { get; set; } = new();
    [BindProperty] public IFormFile? Upload { get; set; }
    public List<PersonDocument> Documents { get; private set; } = [];
    public Dictionary<Guid, string> Agents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Resources) is { } refused) return refused;
        await ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Resources, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        if (Input.Confidential && !Can(FilePart.Social))
            ModelState.AddModelError("Input.Confidential", "Seuls les travailleurs sociaux du dossier peuvent déposer un document confidentiel.");
        var (bytes, type, error) = await UploadedDocument.ReadAsync(Upload);
        if (error is not null) ModelState.AddModelError(nameof(Upload), error);
        if (!ModelState.IsValid) { await ListAsync(); return Page(); }
        var document = new PersonDocument
        {
            PersonId = id, Title = Input.Title.Trim(), FileName = UploadedDocument.SafeName(Upload!.FileName, type!), ContentType = type!,
            Size = bytes!.Length, Confidential = Input.Confidential, UploadedById = Actor.UserId,
        };
        Db.Add(document);
        Db.Add(new DocumentContent { Id = document.Id, Bytes = bytes });
        PersonFileService.Touch(Person);
        await Db.SaveChangesAsync();
        TempData["Message"] = $"Document « {document.Title} » déposé.";
        return Redirect($"/personnes/{id}/documents");
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid documentId)
    {
        if (await LoadAsync(id, FilePart.Resources, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        var document = await Db.Set<PersonDocument>().FirstOrDefaultAsync(d => d.Id == documentId && d.PersonId == id);
        if (document is null) return NotFound();
        if (!Can(PersonFileService.PartOf(document))) return Forbid();
        Db.Remove(document);
        PersonFileService.Touch(Person);
        await Db.SaveChangesAsync();
        TempData["Message"] = $"Document « {document.Title} » supprimé.";
        return Redirect($"/personnes/{id}/documents");
    }

    private async Task ListAsync()
    {
        var social = Can(FilePart.Social);
        Documents = await Db.Set<PersonDocument>().AsNoTracking().Where(d => d.PersonId == Person.Id && (social || !d.Confidential))
            .OrderByDescending(d => d.UploadedAt).ToListAsync();
        Agents = await AgentNamesAsync(Db);
    }
}
