using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Statistics;

[Permission(Permission.ViewStatistics)]
public sealed class IndexModel(AppDbContext db, ContextLeases leases, IConfiguration config, CurrentUser current) : PageModel
{
    public sealed record Choice(Guid Id, string Name);
    public sealed record Shortcut(string Label, DateOnly From, DateOnly To);

    [BindProperty(SupportsGet = true)] public StatisticsInput Input { get; set; } = new();
    public StatisticsReport? Report { get; private set; }
    public List<Choice> Sites { get; private set; } = [];
    public List<Choice> Teams { get; private set; } = [];
    public List<Shortcut> Shortcuts { get; } = ShortcutsFor(StatisticsInput.Today);

    public static List<Shortcut> ShortcutsFor(DateOnly today)
    {
        var y = today.Year;
        return
        [
            new("Cette année", new(y, 1, 1), new(y, 12, 31)),
            new("L'année dernière", new(y - 1, 1, 1), new(y - 1, 12, 31)),
            new($"1er semestre {y}", new(y, 1, 1), new(y, 6, 30)),
            new($"2e semestre {y}", new(y, 7, 1), new(y, 12, 31)),
            new($"1er semestre {y - 1}", new(y - 1, 1, 1), new(y - 1, 6, 30)),
            new($"2e semestre {y - 1}", new(y - 1, 7, 1), new(y - 1, 12, 31)),
        ];
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Sites = await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new Choice(t.Id, t.Name)).ToListAsync(ct);
        var (filter, errors) = Input.Resolve();
        foreach (var (field, message) in errors) ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        if (filter is null || !ModelState.IsValid) return;
        Input.From = filter.From;
        Input.To = filter.To;
        Report = await StatisticsExports.ReportAsync(db, leases, config, await current.RequireActorAsync(ct), filter, ct);
    }

    public string ShortcutHref(Shortcut s) =>
        $"/statistiques?Input.From={s.From:yyyy-MM-dd}&Input.To={s.To:yyyy-MM-dd}"
        + (Input.SiteId is { } site ? $"&Input.SiteId={site}" : "") + (Input.TeamId is { } team ? $"&Input.TeamId={team}" : "");

    /// <summary>The tables drawn as bar charts too (their first column holds counts).</summary>
    public static readonly string[] Charted = ["entretiens-mode", "accueil-canal", "personnes-age", "rendez-vous-site-age"];
}
