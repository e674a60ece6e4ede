using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Notes;

/// <summary>A note on a file (optionally on one of its interviews), by anyone who may write notes there.</summary>
public sealed class NewModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    [BindProperty] public NoteInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "entretien")] public Guid? InterviewId { get; set; }
    public Person Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid personId) => await OpenAsync(personId) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid personId)
    {
        if (await OpenAsync(personId) is { } refused) return refused;
        var actor = await current.RequireActorAsync();
        AddErrors(Input.Check());
        if (InterviewId is { } iid && !await db.Set<Interview>().AnyAsync(i => i.Id == iid && i.PersonId == Person.Id))
            ModelState.AddModelError("", "L'entretien indiqué n'est pas un entretien de cette personne.");
        if (!ModelState.IsValid) return Page();
        var note = new Note { OrganisationId = Person.OrganisationId, PersonId = Person.Id, InterviewId = InterviewId, AuthorId = actor.UserId, Text = "" };
        Input.ApplyTo(note);
        db.Add(note);
        await FollowUpFiles.SaveAndTouchAsync(db, Person.Id);
        TempData["Message"] = "Note enregistrée.";
        return Redirect(InterviewId is { } back ? $"/entretiens/{back}" : $"/personnes/{Person.Id}/entretiens");
    }

    private async Task<IActionResult?> OpenAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var person = await db.Set<Person>().AsNoTracking().Include(p => p.Teams).FirstOrDefaultAsync(p => p.Id == personId);
        if (person is null) return NotFound();
        if (!AccessRules.CanWriteNote(actor, AccessRules.ScopeOf(person))) return Forbid();
        Person = person;
        return null;
    }
}
