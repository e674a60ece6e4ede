using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Files;

/// <summary>The person's consents: given and withdrawn with their dates, the history kept.</summary>
public sealed class ConsentsModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    [BindProperty] public ConsentInput Input { get; set; } = new();
    public List<PersonConsent> Consents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Identity) is { } refused) return refused;
        await ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Identity, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        AddErrors(Input.Check());
        if (ModelState.IsValid && await PersonFileService.SetConsentAsync(Db, Person, Input) is { } error)
            ModelState.AddModelError("", error);
        if (!ModelState.IsValid) { await ListAsync(); return Page(); }
        await Db.SaveChangesAsync();
        TempData["Message"] = $"{PeopleLabels.Label(Input.Kind)} : consentement {(Input.Given ? "enregistré" : "retiré")}.";
        return Redirect($"/personnes/{id}/consentements");
    }

    private async Task ListAsync() =>
        Consents = (await Db.Set<PersonConsent>().AsNoTracking().Where(c => c.PersonId == Person.Id).ToListAsync())
            .OrderBy(c => c.Kind).ThenByDescending(c => c.GivenAt).ToList();
}
