using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Actions;

/// <summary>A follow-up action on a file (optionally from one of its interviews).</summary>
public sealed class NewModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    [BindProperty] public ActionInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "entretien")] public Guid? InterviewId { get; set; }
    public Person Person { get; private set; } = null!;
    public List<AgentOption> Agents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
        if (Refused(access) is { } refused) return refused;
        Person = person!;
        Input.AssigneeId = actor.UserId;
        Agents = await FollowUpFiles.AgentsAsync(db);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
        if (Refused(access) is { } refused) return refused;
        Person = person!;
        Input.Status = ActionStatus.ToDo;
        AddErrors(await Input.CheckAsync(db));
        if (InterviewId is { } iid && !await db.Set<Interview>().AnyAsync(i => i.Id == iid && i.PersonId == Person.Id))
            ModelState.AddModelError("", "L'entretien indiqué n'est pas un entretien de cette personne.");
        if (!ModelState.IsValid)
        {
            Agents = await FollowUpFiles.AgentsAsync(db);
            return Page();
        }
        var action = new FollowUpAction { OrganisationId = Person.OrganisationId, PersonId = Person.Id, InterviewId = InterviewId, Title = "" };
        Input.ApplyTo(action, actor.UserId);
        db.Add(action);
        await FollowUpFiles.SaveAndTouchAsync(db, Person.Id);
        TempData["Message"] = "Action enregistrée.";
        return Redirect(InterviewId is { } back ? $"/entretiens/{back}" : $"/personnes/{Person.Id}/entretiens");
    }
}
