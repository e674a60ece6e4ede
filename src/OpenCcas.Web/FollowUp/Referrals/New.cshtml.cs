using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Referrals;

/// <summary>Records a referral of the person to a partner of the directory ("orientation").</summary>
public sealed class NewModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    [BindProperty] public ReferralInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true, Name = "entretien")] public Guid? InterviewId { get; set; }
    public Person Person { get; private set; } = null!;
    public List<Partner> Partners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid personId)
    {
        var (access, person) = await FollowUpFiles.OpenSocialAsync(db, await current.RequireActorAsync(), personId);
        if (Refused(access) is { } refused) return refused;
        Person = person!;
        Input.On = FollowUpFiles.Today();
        Partners = await FollowUpFiles.ActivePartnersAsync(db);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
        if (Refused(access) is { } refused) return refused;
        Person = person!;
        AddErrors(await Input.CheckAsync(db));
        if (InterviewId is { } iid && !await db.Set<Interview>().AnyAsync(i => i.Id == iid && i.PersonId == Person.Id))
            ModelState.AddModelError("", "L'entretien indiqué n'est pas un entretien de cette personne.");
        if (!ModelState.IsValid)
        {
            Partners = await FollowUpFiles.ActivePartnersAsync(db);
            return Page();
        }
        db.Add(FollowUpFiles.NewReferral(actor, Person, Input, InterviewId, null));
        await FollowUpFiles.SaveAndTouchAsync(db, Person.Id);
        TempData["Message"] = "Orientation enregistrée.";
        return Redirect(InterviewId is { } back ? $"/entretiens/{back}" : $"/personnes/{Person.Id}/entretiens");
    }
}
