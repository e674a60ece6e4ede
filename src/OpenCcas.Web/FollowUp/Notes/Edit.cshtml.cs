using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.FollowUp.Notes;

/// <summary>Edits a note: its author only.</summary>
public sealed class EditModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    [BindProperty] public NoteInput Input { get; set; } = new();
    public Person Person { get; private set; } = null!;
    public Guid Id { get; private set; }
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.NoteAsync(db, actor, id);
        if (Refused(reached.Access) is { } refused) return refused;
        if (!InterviewRules.CanChange(actor, reached.Scope!, reached.Record!)) return Forbid();
        (Person, Id) = (reached.Person!, id);
        Input = NoteInput.From(reached.Record!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.NoteAsync(db, actor, id, tracked: true);
        if (Refused(reached.Access) is { } refused) return refused;
        var note = reached.Record!;
        if (!InterviewRules.CanChange(actor, reached.Scope!, note)) return Forbid();
        (Person, Id) = (reached.Person!, id);
        (Input.PersonId, Input.InterviewId) = (note.PersonId, note.InterviewId);
        AddErrors(Input.Check());
        if (ModelState.IsValid && note.Version == Input.Version)
        {
            Input.ApplyTo(note);
            if (await ConcurrentSave.TrySaveAsync(db, note))
            {
                TempData["Message"] = "Note enregistrée.";
                return Redirect($"/notes/{id}");
            }
        }
        if (ModelState.IsValid)
        {
            Conflicts = Conflict.Compare(Input, NoteInput.From(note));
            Input.Version = note.Version;
        }
        return Page();
    }
}
