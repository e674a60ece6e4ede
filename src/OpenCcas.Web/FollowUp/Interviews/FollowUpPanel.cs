using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.Interviews;

/// <summary>What the "Entretiens et notes" panel of a person file shows.</summary>
public sealed record FollowUpPanelModel(Person Person, List<Interview> Interviews, Dictionary<Guid, string> Agents, List<Note> Notes,
    int HiddenNotes, List<FollowUpAction> OpenActions, List<(Referral Referral, string Partner)> Referrals, DateOnly Today,
    IReadOnlySet<Guid> DeletableReferrals);

/// <summary>
/// The person file's "Entretiens et notes" panel: interviews, the notes the user may read (and how many others exist,
/// without their content), open actions and referrals. Shown only to those who may open the social part.
/// </summary>
[ViewComponent(Name = "FollowUpPanel")]
public sealed class FollowUpPanel(AppDbContext db, CurrentUser current) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var model = await LoadAsync(db, await current.RequireActorAsync(), personId);
        return model is null ? Content("") : View("/FollowUp/Interviews/_Panel.cshtml", model);
    }

    public static async Task<FollowUpPanelModel?> LoadAsync(AppDbContext db, Actor actor, Guid personId)
    {
        var (access, person) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
        if (access != FileAccess.Allowed) return null;
        var interviews = await db.Set<Interview>().AsNoTracking().Where(i => i.PersonId == personId).OrderByDescending(i => i.At).Take(50).ToListAsync();
        var (notes, hidden) = await FollowUpFiles.NotesAsync(db, actor, person!);
        var actions = await db.Set<FollowUpAction>().AsNoTracking()
            .Where(a => a.PersonId == personId && (a.Status == ActionStatus.ToDo || a.Status == ActionStatus.InProgress))
            .OrderBy(a => a.DueOn == null).ThenBy(a => a.DueOn).ToListAsync();
        var referrals = (await db.Set<Referral>().AsNoTracking().Where(r => r.PersonId == personId)
                .Join(db.Set<Partner>(), r => r.PartnerId, p => p.Id, (r, p) => new { r, p.Name })
                .ToListAsync())
            .OrderByDescending(x => x.r.On).Select(x => (x.r, x.Name)).ToList();
        var agents = await FollowUpFiles.AgentNamesAsync(db,
            interviews.Select(i => i.AgentId).Concat(notes.Select(n => n.AuthorId)).Concat(actions.Select(a => a.AssigneeId)).Concat(referrals.Select(x => x.r.AgentId)));
        var scope = AccessRules.ScopeOf(person!);
        var deletable = referrals.Where(x => InterviewRules.CanDelete(actor, scope, x.r)).Select(x => x.r.Id).ToHashSet();
        return new(person!, interviews, agents, notes, hidden, actions, referrals, FollowUpFiles.Today(), deletable);
    }
}
