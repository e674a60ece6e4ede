using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Referrals;

/// <summary>
/// Deletes a referral recorded by mistake, after a confirmation page (a plain link and form: keyboard and no-script
/// friendly). Its author or a manager only (<see cref="InterviewRules.CanDelete"/>), as in the API.
/// </summary>
public sealed class DeleteModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    /// <summary>"entretien" to go back to the referral's interview; otherwise the person's follow-up page.</summary>
    [BindProperty(SupportsGet = true, Name = "retour")] public string? Back { get; set; }
    public Referral Referral { get; private set; } = null!;
    public Person Person { get; private set; } = null!;
    public string Partner { get; private set; } = "";
    public string Agent { get; private set; } = "";

    public string BackUrl => Back == "entretien" && Referral.InterviewId is { } i ? $"/entretiens/{i}" : $"/personnes/{Person.Id}/entretiens";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await ReachAsync(id, tracked: false) is { } refused) return refused;
        Partner = await db.Set<Partner>().Where(p => p.Id == Referral.PartnerId).Select(p => p.Name).FirstOrDefaultAsync() ?? "Partenaire inconnu";
        Agent = (await FollowUpFiles.AgentNamesAsync(db, [Referral.AgentId])).GetValueOrDefault(Referral.AgentId, "Agent inconnu");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await ReachAsync(id, tracked: true) is { } refused) return refused;
        var back = BackUrl;
        db.Remove(Referral);
        await db.SaveChangesAsync();
        TempData["Message"] = $"Orientation du {Referral.On:dd/MM/yyyy} supprimée.";
        return Redirect(back);
    }

    private async Task<IActionResult?> ReachAsync(Guid id, bool tracked)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.ReferralAsync(db, actor, id, tracked);
        if (Refused(reached.Access) is { } refused) return refused;
        if (!InterviewRules.CanDelete(actor, reached.Scope!, reached.Record!)) return Forbid();
        (Referral, Person) = (reached.Record!, reached.Person!);
        return null;
    }
}
