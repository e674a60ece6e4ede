using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.People.Merge;

/// <summary>
/// /personnes/{id}/fusionner: find the duplicate (likely duplicates proposed, or a search), compare both files side by
/// side with what each has, choose the file kept, confirm.
/// </summary>
[Permission(Permission.MergePeople)]
public sealed class IndexModel(AppDbContext db, CurrentUser current, AuditLog audit) : PageModel
{
    [FromRoute] public Guid Id { get; set; }
    /// <summary>The search for the other file.</summary>
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    /// <summary>The other file, once chosen.</summary>
    [BindProperty(SupportsGet = true, Name = "avec")] public Guid? OtherId { get; set; }
    /// <summary>Which of the two is kept.</summary>
    [BindProperty(Name = "conserve")] public Guid? KeptId { get; set; }

    public Person Person { get; private set; } = null!;
    public Person? MergedInto { get; private set; }
    public Person? Other { get; private set; }
    public IReadOnlyList<DuplicateCandidate> Likely { get; private set; } = [];
    public IReadOnlyList<PersonHit> Found { get; private set; } = [];
    public IReadOnlyList<MergeCount> Counts { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused) return refused;
        if (Other is null)
        {
            Error = "Choisissez le dossier en double.";
            return Page();
        }
        if (KeptId != Person.Id && KeptId != Other.Id)
        {
            Error = "Choisissez le dossier à conserver.";
            ModelState.AddModelError("conserve", Error);
            return Page();
        }
        var kept = KeptId.Value;
        var duplicate = kept == Person.Id ? Other.Id : Person.Id;
        var actor = await current.RequireActorAsync(ct);
        db.ChangeTracker.Clear();
        var result = await PersonMerge.MergeAsync(db, audit, actor, kept, duplicate, ct);
        switch (result.Outcome)
        {
            case MergeOutcome.Merged:
                TempData["Message"] = $"Dossiers fusionnés : {result.Moved} enregistrement(s) rattaché(s) au dossier conservé.";
                return Redirect($"/personnes/{kept}");
            case MergeOutcome.NotFound: return NotFound();
            case MergeOutcome.Denied: return Forbid();
            default:
                db.ChangeTracker.Clear();
                await LoadAsync(ct);
                Error = result.Error;
                return Page();
        }
    }

    /// <summary>Loads both files; a result when the page must not be shown (404, refused).</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var actor = await current.RequireActorAsync(ct);
        var (access, person) = await PersonFiles.OpenAsync(db, actor, Id, FilePart.Sensitive, ct: ct);
        if (access == FileAccess.NotFound) return NotFound();
        if (access == FileAccess.Denied) return Forbid();
        Person = person!;
        if (Person.MergedIntoId is { } into)
        {
            MergedInto = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == into, ct);
            return null;
        }
        if (OtherId is { } otherId && otherId != Id)
        {
            var (otherAccess, other) = await PersonFiles.OpenAsync(db, actor, otherId, FilePart.Sensitive, ct: ct);
            if (otherAccess == FileAccess.NotFound) return NotFound();
            if (otherAccess == FileAccess.Denied) return Forbid();
            Other = other;
            Counts = await PersonMerge.CountsAsync(db, Person.Id, other!.Id, ct);
            Error = PersonMerge.Check(Person, other);
            return null;
        }
        Likely = (await PersonDuplicates.CandidatesAsync(db, actor, Person.LastName, Person.FirstNames, Person.BirthDate, Person.Id, ct, Person.Nir))
            .Where(c => c.CanOpen).ToList();
        if (!string.IsNullOrWhiteSpace(Query))
            Found = (await PeopleSearch.SearchAsync(db, actor, Query, PeopleSearch.DefaultLimit, ct)).Where(h => h.Id != Person.Id).ToList();
        return null;
    }

    public static string Show(object? value) => value switch
    {
        null => "—",
        string s when string.IsNullOrWhiteSpace(s) => "—",
        DateOnly d => d.ToString("dd/MM/yyyy"),
        DateTimeOffset t => TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("dd/MM/yyyy"),
        _ => value.ToString()!,
    };

    public static string StatusLabel(PersonStatus s) => s switch
    {
        PersonStatus.Active => "Actif", PersonStatus.Inactive => "Inactif", PersonStatus.Deceased => "Décédé", _ => "Anonymisé",
    };
}
