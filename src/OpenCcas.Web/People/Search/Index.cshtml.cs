using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Search;

[Permission(Permission.SearchPeople)]
public sealed class IndexModel(AppDbContext db, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<PersonHit> Results { get; private set; } = [];
    public bool CanCreate { get; private set; }
    public bool CanReviewRetention { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = await current.RequireActorAsync(ct);
        CanCreate = AccessRules.Can(actor, Permission.CreatePerson);
        CanReviewRetention = AccessRules.Can(actor, Permission.ReviewRetention);
        Results = await PeopleSearch.SearchAsync(db, actor, Query, PeopleSearch.DefaultLimit, ct);
        // htmx (as you type): only the results region.
        if (Request.Headers.ContainsKey("HX-Request") && !Request.Headers.ContainsKey("HX-History-Restore-Request"))
            return Partial("/People/Search/_Results.cshtml", this);
        return Page();
    }
}
