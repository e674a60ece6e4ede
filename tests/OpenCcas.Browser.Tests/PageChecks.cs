using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using OpenCcas.Web.Demo;

namespace OpenCcas.Browser.Tests;

/// <summary>What every page must satisfy (axe-core with the WCAG 2.1 A/AA rules, lang="fr", one h1, a title), and the
/// helpers to sign in and to find the pages a user can reach.</summary>
public static partial class PageChecks
{
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task SignInAsync(IPage page, string email, string password = DemoSeeder.Password)
    {
        await page.GotoAsync("connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // The dashboard's HTML is what proves the sign-in; waiting for its every image too ("load") once timed out at
        // 30 s on a loaded CI machine while the page was there.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tableau de bord");
    }

    /// <summary>Script errors and console errors (a blocked script or style under the Content-Security-Policy shows
    /// here) go to <paramref name="problems"/>. The error pages' own HTTP statuses are logged by Chromium as console
    /// errors too: <paramref name="allowHttpErrors"/> leaves those out.</summary>
    public static void ReportConsoleErrors(IPage page, string label, StringBuilder problems, bool allowHttpErrors = true)
    {
        page.PageError += (_, error) => problems.AppendLine($"{label} {Path(page)}: erreur de script – {error}");
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            if (allowHttpErrors && message.Text.StartsWith("Failed to load resource: the server responded with a status of", StringComparison.Ordinal)) return;
            problems.AppendLine($"{label} {Path(page)}: console – {message.Text}");
        };
    }

    private static string Path(IPage page) => new Uri(page.Url).AbsolutePath;

    /// <summary>Opens <paramref name="path"/>, saves a screenshot if asked or if the page is wrong, and appends to <paramref name="problems"/> everything
    /// wrong with the page: HTTP error, missing lang/title, not exactly one h1, axe-core violations.</summary>
    public static async Task<IResponse?> VisitAsync(IPage page, string path, string label, AppFixture app, StringBuilder problems,
        int? expectedStatus = 200)
    {
        var response = await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.Load);
        var where = $"{label} {path}";
        if (expectedStatus is { } status && response?.Status != status)
            problems.AppendLine($"{where}: HTTP {response?.Status} (attendu {status})");

        var before = problems.Length;
        await CheckStructureAndAxeAsync(page, where, problems);
        await app.ScreenshotAsync(page, $"{Slug(label)}--{Slug(new Uri(page.Url).PathAndQuery)}", always: problems.Length > before);
        return response;
    }

    /// <summary>The page as it is now: lang="fr", a title, exactly one h1, no axe-core WCAG 2.1 A/AA violation.</summary>
    public static async Task CheckStructureAndAxeAsync(IPage page, string where, StringBuilder problems)
    {
        var lang = await page.Locator("html").GetAttributeAsync("lang");
        if (lang != "fr") problems.AppendLine($"{where}: <html lang> vaut « {lang} », attendu « fr »");
        var title = await page.TitleAsync();
        if (string.IsNullOrWhiteSpace(title)) problems.AppendLine($"{where}: <title> vide ou absent");
        var h1 = await page.Locator("h1").CountAsync();
        if (h1 != 1) problems.AppendLine($"{where}: {h1} éléments h1, attendu exactement 1");

        // RGAA 11.10: a form that marks mandatory fields with an asterisk says what the asterisk means.
        var starred = await page.Locator("main label:has-text('*')").CountAsync();
        if (starred > 0 && await page.Locator("main :text('astérisque')").CountAsync() == 0)
            problems.AppendLine($"{where}: des champs sont marqués * sans que la page dise que l'astérisque signale un champ obligatoire");

        foreach (var v in await AxeViolationsAsync(page))
            foreach (var node in v.Nodes)
                problems.AppendLine($"{where}: axe {v.Id} ({v.Impact}) sur {node.Target} – {v.Help}\n    {node.Html}\n    {node.Why}");
    }

    /// <summary>axe-core's own script, as Deque's package bundles it.</summary>
    private static readonly string AxeSource = new BundledAxeScriptProvider().GetScript();

    /// <summary>
    /// The WCAG 2.1 A/AA violations axe-core finds in the page as it is now, from <c>axe.run</c> in the page itself.
    /// Deque's <c>RunAxe</c> sends axe's 500 KB into the page and into a new blank page where it finishes the run, at
    /// every call: 1.5–2.5 s a page on the CI machine, against 0.1–0.6 s for the run (browser tests, 07/12/2026). The
    /// application has no frames, so one run in the document checks all of it. Only the violations come back.
    /// </summary>
    public static async Task<IReadOnlyList<AxeViolation>> AxeViolationsAsync(IPage page)
    {
        // Loaded into each page that is checked (loading it into every page of a context, as an init script, was no quicker).
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'")) await page.EvaluateAsync(AxeSource);
        return await page.EvaluateAsync<AxeViolation[]>("""
            async tags => (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }))
              .violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => ({
                target: n.target.join(' '), html: n.html,
                why: [...n.any, ...n.all, ...n.none].map(c => c.message).join(' ; ') })) }))
            """, WcagTags);
    }

    public sealed class AxeViolation
    {
        public string Id { get; set; } = "";
        public string? Impact { get; set; }
        public string Help { get; set; } = "";
        public AxeNode[] Nodes { get; set; } = [];
    }

    public sealed class AxeNode
    {
        public string Target { get; set; } = "";
        public string Html { get; set; } = "";
        public string Why { get; set; } = "";
    }

    /// <summary>Same-origin links of the page (in <paramref name="scope"/>), as absolute paths with query, in order.</summary>
    public static async Task<IReadOnlyList<string>> LinksAsync(IPage page, string scope)
    {
        var hrefs = await page.EvalOnSelectorAllAsync<string[]>(scope + " a[href]:not([download])",
            "els => els.filter(a => a.origin === location.origin).map(a => a.pathname + a.search)");
        return hrefs.Distinct().ToList();
    }

    /// <summary>The shape of a path: ids (numbers, GUIDs) become {id}, so that one detail page stands for all.</summary>
    public static string Shape(string path)
    {
        var p = path.Split('?')[0];
        return string.Join('/', p.Split('/').Select(s => IdSegment().IsMatch(s) ? "{id}" : s));
    }

    /// <summary>True when the app answers the path with an HTML page (not a download), in 200 when <paramref name="okOnly"/>.</summary>
    public static async Task<bool> IsHtmlPageAsync(IBrowserContext context, string path, bool okOnly = true)
    {
        var r = await context.APIRequest.GetAsync(path, new() { MaxRedirects = 0 });
        var html = r.Headers.TryGetValue("content-type", out var ct) && ct.StartsWith("text/html", StringComparison.Ordinal);
        return html && (!okOnly || r.Status == 200);
    }

    public static string Slug(string s)
    {
        var slug = NonWord().Replace(s.Trim('/'), "-").Trim('-');
        return slug.Length == 0 ? "accueil" : slug.Length > 80 ? slug[..80] : slug;
    }

    [GeneratedRegex(@"^(\d+|[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})$")]
    private static partial Regex IdSegment();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}
