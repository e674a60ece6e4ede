using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.FollowUp.Interviews;

/// <summary>Changes an interview (its agent or a manager); a concurrent change is shown, the input kept.</summary>
public sealed class EditModel(AppDbContext db, CurrentUser current) : FollowUpPage, IInterviewFormPage
{
    [BindProperty] public InterviewInput Input { get; set; } = new();
    public InterviewForm Form { get; private set; } = null!;
    public Person Person { get; private set; } = null!;
    public Guid Id { get; private set; }
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.InterviewAsync(db, actor, id);
        if (Refused(reached.Access) is { } refused) return refused;
        if (!InterviewRules.CanChange(actor, reached.Scope!, reached.Record!)) return Forbid();
        (Person, Id) = (reached.Person!, id);
        Input = InterviewInput.From(reached.Record!);
        Form = await InterviewForm.LoadAsync(db, Person.Id, withChildren: false);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.InterviewAsync(db, actor, id, tracked: true);
        if (Refused(reached.Access) is { } refused) return refused;
        var interview = reached.Record!;
        if (!InterviewRules.CanChange(actor, reached.Scope!, interview)) return Forbid();
        (Person, Id) = (reached.Person!, id);
        Input.PersonId = interview.PersonId;
        AddErrors(await Input.CheckAsync(db, Person.Id, withChildren: false));
        if (ModelState.IsValid && interview.Version == Input.Version)
        {
            Input.ApplyTo(interview);
            if (await ConcurrentSave.TrySaveAsync(db, interview))
            {
                TempData["Message"] = "Entretien enregistré.";
                return Redirect($"/entretiens/{id}");
            }
        }
        if (ModelState.IsValid)
        {
            Conflicts = Conflict.Compare(Input, InterviewInput.From(interview));
            ModelState.Remove("Input.Version");
            Input.Version = interview.Version;
        }
        Form = await InterviewForm.LoadAsync(db, Person.Id, withChildren: false);
        return Page();
    }
}
