using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Notes;

/// <summary>A note, to those its confidentiality level lets read it; every reading is audited; its author edits or deletes it.</summary>
public sealed class DetailModel(AppDbContext db, CurrentUser current, AuditLog audit) : FollowUpPage
{
    public Note Note { get; private set; } = null!;
    public Person Person { get; private set; } = null!;
    public string Author { get; private set; } = "";
    public bool CanChange { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.NoteAsync(db, actor, id);
        if (Refused(reached.Access) is { } refused) return refused;
        (Note, Person) = (reached.Record!, reached.Person!);
        CanChange = InterviewRules.CanChange(actor, reached.Scope!, Note);
        Author = (await FollowUpFiles.AgentNamesAsync(db, [Note.AuthorId])).GetValueOrDefault(Note.AuthorId, "Agent inconnu");
        await audit.RecordAsync(AuditAction.Read, "Person", Person.Id.ToString(), $"Note du {Note.CreatedAt.Display()} ({InterviewRules.ShortLabel(Note.Confidentiality)})");
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.NoteAsync(db, actor, id, tracked: true);
        if (Refused(reached.Access) is { } refused) return refused;
        if (!InterviewRules.CanChange(actor, reached.Scope!, reached.Record!)) return Forbid();
        db.Remove(reached.Record!);
        await db.SaveChangesAsync();
        TempData["Message"] = "Note supprimée.";
        return Redirect($"/personnes/{reached.Person!.Id}/entretiens");
    }
}
