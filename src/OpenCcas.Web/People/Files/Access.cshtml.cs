using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Files;

/// <summary>Who accessed this file and when (a person may ask): reads, exports, prints and changes, for managers.</summary>
[Permission(Permission.ReadPersonAccessLog)]
public sealed class AccessModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    public List<AuditEntry> Entries { get; private set; } = [];
    public const int Shown = 500;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Identity) is { } refused) return refused;
        Entries = await AccessLog.QueryAsync(Db, id, Shown);
        return Page();
    }

    public static string ActionLabel(AuditAction a) => a switch
    {
        AuditAction.Read => "Consultation",
        AuditAction.Export => "Export",
        AuditAction.Print => "Impression",
        AuditAction.Create => "Création",
        AuditAction.Update => "Modification",
        AuditAction.Delete => "Suppression",
        _ => a.ToString(),
    };
}
