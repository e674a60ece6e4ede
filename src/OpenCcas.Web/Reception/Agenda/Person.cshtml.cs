using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.Reception.Agenda;

/// <summary>A person's appointments (the same panel as on the person file).</summary>
[Permission(Permission.ManageAppointments)]
public sealed class PersonModel(AppDbContext db, CurrentUser current, AuditLog audit) : PageModel
{
    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var (access, person) = await PersonFiles.OpenAsync(db, actor, id, FilePart.Identity);
        if (access == FileAccess.NotFound) return NotFound();
        if (access == FileAccess.Denied) return Forbid();
        await audit.RecordAsync(AuditAction.Read, "Person", id.ToString(), "Rendez-vous de la personne consultés");
        await db.SaveChangesAsync();
        Id = id;
        Name = person!.DisplayName;
        return Page();
    }
}
