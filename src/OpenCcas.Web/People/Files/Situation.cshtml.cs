using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.People.Files;

/// <summary>
/// Situation (household part), administrative numbers (resources part) and protection measure and GIR (sensitive
/// part): each block is shown and saved only for those who may open its part.
/// </summary>
public sealed class SituationModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    [BindProperty] public SituationInput Input { get; set; } = new();
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];
    public bool Resources => Can(FilePart.Resources);
    public bool Sensitive => Can(FilePart.Sensitive);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Household) is { } refused) return refused;
        Input = SituationInput.From(Person, Resources, Sensitive);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Household, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        AddErrors(Input.Check());
        if (!ModelState.IsValid) return Page();
        if (Person.Version != Input.Version) return ShowConflict();
        Input.ApplyTo(Person, Resources, Sensitive);
        PersonFileService.Touch(Person);
        if (!await ConcurrentSave.TrySaveAsync(Db, Person)) return ShowConflict();
        TempData["Message"] = "Situation enregistrée.";
        return Redirect($"/personnes/{id}");
    }

    private IActionResult ShowConflict()
    {
        Conflicts = Conflict.Compare(Input, SituationInput.From(Person, Resources, Sensitive));
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
        Input.Version = Person.Version;
        return Page();
    }
}
