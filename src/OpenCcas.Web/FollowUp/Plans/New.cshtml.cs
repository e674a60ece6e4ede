using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;

using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp.Plans;

/// <summary>A new action plan for a person (or their household), from the social part of their file.</summary>
public sealed class NewModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty] public PlanInput Input { get; set; } = new();
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public string? HouseholdName { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid personId)
    {
        if (await LoadAsync(personId) is { } refused) return refused;
        Input.StartedOn = PlanDisplay.Today();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid personId)
    {
        if (await LoadAsync(personId) is { } refused) return refused;
        if (!ModelState.IsValid) return Page();
        var result = await ActionPlans.CreateAsync(db, await current.RequireActorAsync(), personId, Input);
        switch (result.Outcome)
        {
            case PlanOutcome.NotFound: return NotFound();
            case PlanOutcome.Denied: return Forbid();
            case PlanOutcome.Invalid:
                foreach (var (field, message) in result.Errors!) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
                return Page();
        }
        TempData["Message"] = $"Plan « {result.Plan!.Title} » créé. Ajoutez-lui ses objectifs.";
        return Redirect($"/plans/{result.Plan.Id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid personId)
    {
        var (access, person) = await PersonFiles.OpenAsync(db, await current.RequireActorAsync(), personId, FilePart.Social);
        if (access == FileAccess.NotFound) return NotFound();
        if (access == FileAccess.Denied) return Forbid();
        PersonId = personId;
        PersonName = PlanDisplay.Name(person!);
        HouseholdName = await db.Set<HouseholdMember>().Where(m => m.PersonId == personId && m.LeftOn == null)
            .Join(db.Set<Household>(), m => m.HouseholdId, h => h.Id, (m, h) => h.Name).FirstOrDefaultAsync();
        return null;
    }
}
