using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
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
    /// <summary>Before any search: the files the agent is referent for, or else the latest files worked on.</summary>
    public IReadOnlyList<PersonHit> Recent { get; private set; } = [];
    public bool RecentAreMine { get; private set; }
    public bool CanCreate { get; private set; }
    public bool CanReviewRetention { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = await current.RequireActorAsync(ct);
        CanCreate = AccessRules.Can(actor, Permission.CreatePerson);
        CanReviewRetention = AccessRules.Can(actor, Permission.ReviewRetention);
        Results = await PeopleSearch.SearchAsync(db, actor, Query, PeopleSearch.DefaultLimit, ct);
        if (string.IsNullOrWhiteSpace(Query))
        {
            var open = PersonFiles.Openable(db, actor).AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised && p.MergedIntoId == null);
            var mine = await Hits(open.Where(p => p.ReferentId == actor.UserId), ct);
            RecentAreMine = mine.Count > 0;
            Recent = RecentAreMine ? mine : await Hits(open, ct);
        }
        // htmx (as you type): only the results region.
        if (Request.Headers.ContainsKey("HX-Request") && !Request.Headers.ContainsKey("HX-History-Restore-Request"))
            return Partial("/People/Search/_Results.cshtml", this);
        return Page();
    }

    private static async Task<IReadOnlyList<PersonHit>> Hits(IQueryable<Person> people, CancellationToken ct) =>
        (await people.OrderByDescending(p => p.LastOperationAt).Take(10).ToListAsync(ct))
            .Select(p => new PersonHit(p.Id, p.FileNumber, p.DisplayName, p.BirthDate, p.Phone, p.City, p.Status)).ToList();
}
