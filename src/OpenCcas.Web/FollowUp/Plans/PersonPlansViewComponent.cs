using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;

using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.Plans;

public sealed record PersonPlansPanel(Guid PersonId, IReadOnlyList<ActionPlan> Plans, DateOnly Today);

/// <summary>The "Plans d'accompagnement" panel of the person file (social part): each plan with its progress.</summary>
public sealed class PersonPlansViewComponent(AppDbContext db, CurrentUser current) : ViewComponent
{
    public const string Name = "PersonPlans";

    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        var (access, _) = await PersonFiles.OpenAsync(db, await current.RequireActorAsync(), personId, FilePart.Social);
        if (access != FileAccess.Allowed) return Content("");
        return View("/FollowUp/Plans/_PersonPlans.cshtml", new PersonPlansPanel(personId, await ActionPlans.OfPersonAsync(db, personId), PlanDisplay.Today()));
    }
}
