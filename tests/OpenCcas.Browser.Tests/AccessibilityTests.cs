using System.Text;
using Microsoft.Playwright;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Demo;
using Shouldly;
using Xunit.Sdk;

namespace OpenCcas.Browser.Tests;

/// <summary>
/// RGAA through axe-core: every page a role can reach from its navigation (the header's modules, the account page, and
/// the pages they link to, one of each shape), plus the anonymous pages, has zero WCAG 2.1 A/AA violations, lang="fr",
/// exactly one h1 and a title.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(AppFixture app, ITestOutputHelper output)
{
    /// <summary>Links followed below each top-level page: two levels (the list, then its form and one detail).</summary>
    private const int Depth = 2;
    private const int MaxPagesPerRole = 60;

    private static readonly string[] NeverFollow = ["/deconnexion", "/api", "/openapi", "/healthz", "/logo", "/connexion"];

    public static TheoryData<string> Roles() => new(DemoSeeder.RoleAccounts.Select(a => a.Role.ToString()));

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_page_a_role_reaches_passes_axe(string roleName)
    {
        var (role, email) = DemoSeeder.RoleAccounts.Single(a => a.Role.ToString() == roleName);
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new StringBuilder();
        var label = role.ToString();
        PageChecks.ReportConsoleErrors(page, label, problems);
        await PageChecks.SignInAsync(page, email);

        var topLevel = (await PageChecks.LinksAsync(page, "nav[aria-label=\"Modules\"]")).ToList();
        if (await PageChecks.IsHtmlPageAsync(context, "/compte")) topLevel.Add("/compte");
        topLevel.ShouldContain("/");

        var visited = new List<string>();
        var skipped = new List<string>();
        var shapes = new HashSet<string>();
        var queue = new Queue<(string Path, string Root, int Depth)>(topLevel.Select(p => (p, p, 0)));
        foreach (var p in topLevel) shapes.Add(PageChecks.Shape(p));
        while (queue.Count > 0 && visited.Count < MaxPagesPerRole)
        {
            var (path, root, depth) = queue.Dequeue();
            await PageChecks.VisitAsync(page, path, label, app, problems);
            visited.Add(path);
            if (depth >= Depth || root == "/") continue;
            foreach (var link in await PageChecks.LinksAsync(page, "main"))
            {
                var bare = link.Split('?')[0];
                if (!bare.StartsWith(root.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase)) continue;
                if (NeverFollow.Any(n => bare.StartsWith(n, StringComparison.OrdinalIgnoreCase))) continue;
                if (!shapes.Add(PageChecks.Shape(link))) continue;
                // Downloads are left out; a link to a page in error is followed, so that the error is reported.
                if (!await PageChecks.IsHtmlPageAsync(context, link, okOnly: false))
                {
                    skipped.Add(link);
                    continue;
                }
                queue.Enqueue((link, root, depth + 1));
            }
        }

        // A page that does not exist, seen by a signed-in user: the 404 page in the layout.
        await PageChecks.VisitAsync(page, "/nexiste-pas", label, app, problems, expectedStatus: 404);
        visited.Add("/nexiste-pas");

        output.WriteLine($"{label}: {visited.Count} pages – {string.Join(", ", visited)}");
        if (skipped.Count > 0) output.WriteLine($"{label}: liens non suivis (pas une page HTML) – {string.Join(", ", skipped)}");
        Report(problems);
    }

    [Fact]
    public async Task Anonymous_pages_pass_axe()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new StringBuilder();
        var visited = new List<string>();
        PageChecks.ReportConsoleErrors(page, "anonyme", problems, allowHttpErrors: true);

        await PageChecks.VisitAsync(page, "/connexion", "anonyme", app, problems);
        visited.Add("/connexion");
        if (await PageChecks.IsHtmlPageAsync(context, "/mot-de-passe-oublie"))
        {
            await PageChecks.VisitAsync(page, "/mot-de-passe-oublie", "anonyme", app, problems);
            visited.Add("/mot-de-passe-oublie");
        }
        await PageChecks.VisitAsync(page, "/acces-refuse", "anonyme", app, problems, expectedStatus: 403);
        visited.Add("/acces-refuse");
        // Anonymous, an unknown address may answer 404 or send to the sign-in page: either must be accessible.
        await PageChecks.VisitAsync(page, "/nexiste-pas", "anonyme", app, problems, expectedStatus: null);
        visited.Add("/nexiste-pas → " + new Uri(page.Url).AbsolutePath);
        // The error page itself is anonymous: what a signed-out visitor sees on a broken link inside the app.
        await PageChecks.VisitAsync(page, "/erreur/404", "anonyme", app, problems, expectedStatus: null);
        visited.Add("/erreur/404");

        // The sign-in page with its error messages shown.
        await page.GotoAsync("/connexion");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        var afterEmptySubmit = await page.Locator(".text-danger:not(:empty), [role=alert]:not(:empty)").CountAsync();
        afterEmptySubmit.ShouldBeGreaterThan(0, "an empty sign-in form must say what is missing");
        await CheckCurrentAsync(page, "anonyme-erreurs", problems);

        output.WriteLine($"anonyme: {string.Join(", ", visited)}");
        Report(problems);
    }

    private async Task CheckCurrentAsync(IPage page, string label, StringBuilder problems)
    {
        await app.ScreenshotAsync(page, label);
        await PageChecks.CheckStructureAndAxeAsync(page, $"{label} {new Uri(page.Url).AbsolutePath}", problems);
    }

    private void Report(StringBuilder problems)
    {
        if (problems.Length == 0) return;
        output.WriteLine(problems.ToString());
        throw new XunitException("Problèmes d'accessibilité ou de structure :\n" + problems);
    }
}
