using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Interviews;

/// <summary>"Nouvel entretien": the interview and, in the same form, a note, follow-up actions and a referral, saved together.</summary>
public sealed class NewModel(AppDbContext db, CurrentUser current) : FollowUpPage, IInterviewFormPage
{
    public const int ActionRows = 3;

    [BindProperty] public InterviewInput Input { get; set; } = new();
    public Person Person { get; private set; } = null!;
    public InterviewForm Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
        if (Refused(access) is { } refused) return refused;
        Person = person!;
        var now = DateTimeOffset.UtcNow.ToParis();
        Input = new InterviewInput
        {
            Date = DateOnly.FromDateTime(now.DateTime),
            Time = new TimeOnly(now.Hour, now.Minute / 5 * 5),
            DurationMinutes = 30,
            AgentId = actor.UserId,
            SiteId = Person.SiteId,
            TeamId = Person.Teams.Select(t => (Guid?)t.TeamId).FirstOrDefault(t => actor.TeamIds.Contains(t!.Value))
                ?? Person.Teams.Select(t => (Guid?)t.TeamId).FirstOrDefault(),
            Note = new NoteInput(),
            Referral = new ReferralInput(),
        };
        Pad();
        Form = await InterviewForm.LoadAsync(db, Person.Id, withChildren: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
        if (Refused(access) is { } refused) return refused;
        Person = person!;
        Input.PersonId = Person.Id;
        AddErrors(await Input.CheckAsync(db, Person.Id, withChildren: true));
        if (!ModelState.IsValid)
        {
            Pad();
            Form = await InterviewForm.LoadAsync(db, Person.Id, withChildren: true);
            return Page();
        }
        var interview = await FollowUpFiles.CreateInterviewAsync(db, actor, Person, Input);
        TempData["Message"] = "Entretien enregistré.";
        return Redirect($"/entretiens/{interview.Id}");
    }

    private void Pad()
    {
        Input.Note ??= new NoteInput();
        Input.Referral ??= new ReferralInput();
        while (Input.Actions.Count < ActionRows) Input.Actions.Add(new ActionInput());
    }
}

/// <summary>The choices an interview form offers: agents, sites, teams, the person's appointments of the last days, partners.</summary>
public sealed record InterviewForm(List<AgentOption> Agents, List<Site> Sites, List<Team> Teams, List<Appointment> Appointments, List<Partner> Partners)
{
    public static async Task<InterviewForm> LoadAsync(AppDbContext db, Guid personId, bool withChildren)
    {
        var since = FollowUpFiles.ParisToUtc(FollowUpFiles.Today().AddDays(-30), TimeOnly.MinValue);
        var until = FollowUpFiles.ParisToUtc(FollowUpFiles.Today().AddDays(1), TimeOnly.MinValue);
        return new(
            await FollowUpFiles.AgentsAsync(db),
            await db.Sites.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).ToListAsync(),
            await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync(),
            await db.Set<Appointment>().AsNoTracking()
                .Where(a => a.PersonId == personId && a.Start >= since && a.Start < until && a.Status != AppointmentStatus.Cancelled)
                .OrderByDescending(a => a.Start).ToListAsync(),
            withChildren ? await FollowUpFiles.ActivePartnersAsync(db) : []);
    }
}

/// <summary>A page showing the interview fields (new and edit share the partial).</summary>
public interface IInterviewFormPage
{
    InterviewInput Input { get; }
    InterviewForm Form { get; }
}
