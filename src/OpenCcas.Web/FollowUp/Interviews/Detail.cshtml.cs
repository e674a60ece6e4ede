using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Interviews;

/// <summary>An interview, with the notes of it the user may read, its actions and its referral. Reading it is audited.</summary>
public sealed class DetailModel(AppDbContext db, CurrentUser current, AuditLog audit) : FollowUpPage
{
    public Interview Interview { get; private set; } = null!;
    public Person Person { get; private set; } = null!;
    public string Agent { get; private set; } = "";
    public string Site { get; private set; } = "";
    public string? Team { get; private set; }
    public List<Note> Notes { get; private set; } = [];
    public int HiddenNotes { get; private set; }
    public List<FollowUpAction> Actions { get; private set; } = [];
    public List<(Referral Referral, string Partner)> Referrals { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public bool CanChange { get; private set; }
    public IReadOnlySet<Guid> DeletableReferrals { get; private set; } = new HashSet<Guid>();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.InterviewAsync(db, actor, id);
        if (Refused(reached.Access) is { } refused) return refused;
        Interview = reached.Record!;
        Person = reached.Person!;
        CanChange = InterviewRules.CanChange(actor, reached.Scope!, Interview);
        (Notes, HiddenNotes) = await FollowUpFiles.NotesAsync(db, actor, Person, Interview.Id);
        Actions = await db.Set<FollowUpAction>().AsNoTracking().Where(a => a.InterviewId == id).OrderBy(a => a.DueOn).ToListAsync();
        Referrals = (await db.Set<Referral>().AsNoTracking().Where(r => r.InterviewId == id)
            .Join(db.Set<Partner>(), r => r.PartnerId, p => p.Id, (r, p) => new { r, p.Name }).ToListAsync()).Select(x => (x.r, x.Name)).ToList();
        DeletableReferrals = Referrals.Where(x => InterviewRules.CanDelete(actor, reached.Scope!, x.Referral)).Select(x => x.Referral.Id).ToHashSet();
        Names = await FollowUpFiles.AgentNamesAsync(db, new[] { Interview.AgentId }.Concat(Notes.Select(n => n.AuthorId)).Concat(Actions.Select(a => a.AssigneeId)));
        Agent = Names.GetValueOrDefault(Interview.AgentId, "");
        Site = await db.Sites.Where(s => s.Id == Interview.SiteId).Select(s => s.Name).FirstOrDefaultAsync() ?? "";
        Team = Interview.TeamId is { } t ? await db.Teams.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync() : null;
        await audit.RecordAsync(AuditAction.Read, "Person", Person.Id.ToString(), $"Entretien du {Interview.At.Display()}");
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.InterviewAsync(db, actor, id, tracked: true);
        if (Refused(reached.Access) is { } refused) return refused;
        if (!InterviewRules.CanChange(actor, reached.Scope!, reached.Record!)) return Forbid();
        await FollowUpFiles.DeleteInterviewAsync(db, actor, reached.Record!, reached.Scope!);
        TempData["Message"] = "Entretien supprimé. Ses notes, actions et orientations restent au dossier.";
        return Redirect($"/personnes/{reached.Person!.Id}/entretiens");
    }
}
