using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Actions;

/// <summary>"Mes actions": the follow-up actions given to the user, by due date, overdue ones marked; done or cancelled in one click.</summary>
[Permission(Permission.ViewOwnActions)]
public sealed class MineModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    [BindProperty(SupportsGet = true, Name = "toutes")] public bool All { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    public List<FollowUpFiles.MyAction> Rows { get; private set; } = [];
    public DateOnly Today { get; } = FollowUpFiles.Today();

    public async Task OnGetAsync() => Rows = await FollowUpFiles.MyActionsAsync(db, await current.RequireActorAsync(), All, Search);

    public async Task<IActionResult> OnPostStatusAsync(Guid id, ActionStatus status)
    {
        var actor = await current.RequireActorAsync();
        var reached = await FollowUpFiles.ActionAsync(db, actor, id, tracked: true);
        if (Refused(reached.Access) is { } refused) return refused;
        if (!Enum.IsDefined(status)) return BadRequest();
        var action = reached.Record!;
        if (action.Status != status)
        {
            action.Status = status;
            action.DoneAt = status == ActionStatus.Done ? DateTimeOffset.UtcNow : null;
            await db.SaveChangesAsync();
        }
        TempData["Message"] = $"Action « {action.Title} » : {InterviewRules.Label(status).ToLowerInvariant()}.";
        return Redirect("/mes-actions" + (All ? "?toutes=true" : ""));
    }
}
