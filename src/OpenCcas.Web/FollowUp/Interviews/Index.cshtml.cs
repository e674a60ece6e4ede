using Microsoft.AspNetCore.Mvc;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Interviews;

/// <summary>A person's interviews, notes, actions and referrals on a page of their own (the same panel as the person file).</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    public FollowUpPanelModel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid personId)
    {
        var actor = await current.RequireActorAsync();
        var (access, _) = await FollowUpFiles.OpenSocialAsync(db, actor, personId);
        if (Refused(access) is { } refused) return refused;
        Panel = (await FollowUpPanel.LoadAsync(db, actor, personId))!;
        return Page();
    }
}
