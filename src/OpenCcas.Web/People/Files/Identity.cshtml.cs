using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.People.Files;

/// <summary>Identity and contact details: everyone who may open the file may correct them.</summary>
public sealed class IdentityModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    [BindProperty] public IdentityInput Input { get; set; } = new();
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Identity) is { } refused) return refused;
        Input = IdentityInput.From(Person);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Identity, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        AddErrors(Input.Check());
        if (!ModelState.IsValid) return Page();
        if (Person.Version != Input.Version) return ShowConflict();
        Input.ApplyTo(Person);
        PersonFileService.Touch(Person);
        if (!await ConcurrentSave.TrySaveAsync(Db, Person)) return ShowConflict();
        TempData["Message"] = "Identité et coordonnées enregistrées.";
        return Redirect($"/personnes/{id}");
    }

    private IActionResult ShowConflict()
    {
        Conflicts = Conflict.Compare(Input, IdentityInput.From(Person));
        ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
        Input.Version = Person.Version;
        return Page();
    }
}
