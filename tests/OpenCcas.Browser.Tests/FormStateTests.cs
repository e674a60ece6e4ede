using System.Text;
using Microsoft.Playwright;
using OpenCcas.Web.Demo;
using Shouldly;
using Xunit.Sdk;

namespace OpenCcas.Browser.Tests;

/// <summary>The states a crawl does not reach: forms sent empty (French error messages tied to their fields) and the
/// conflict view when two people edit the same record. They must pass axe-core too.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormStateTests(AppFixture app, ITestOutputHelper output)
{
    private static string Admin => DemoSeeder.RoleAccounts[0].Email;

    [Theory]
    [InlineData("/administration")]
    [InlineData("/administration/sites/nouveau")]
    [InlineData("/administration/equipes/nouvelle")]
    [InlineData("/administration/utilisateurs/nouveau")]
    [InlineData("/rendez-vous/nouveau", "Reception")]
    public async Task A_form_sent_empty_shows_french_errors_tied_to_the_fields_and_passes_axe(string path, string role = "Admin")
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts.Single(a => a.Role.ToString() == role).Email);
        await page.GotoAsync(path);
        // Empty the required fields (the organisation form comes filled in), then send.
        foreach (var field in await page.Locator("main form[method=post] input[required]").AllAsync()) await field.FillAsync("");
        await page.Locator("main form[method=post] button[type=submit]").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        await app.ScreenshotAsync(page, PageChecks.Slug(role + "-erreurs" + path));

        var invalid = page.Locator("main [aria-invalid=true]");
        (await invalid.CountAsync()).ShouldBeGreaterThan(0, "an empty form must mark the missing fields");
        var first = invalid.First;
        var describedBy = await first.GetAttributeAsync("aria-describedby");
        describedBy.ShouldNotBeNullOrWhiteSpace("an invalid field must point to its message");
        var message = await page.EvaluateAsync<string>(
            "ids => ids.split(' ').map(id => document.getElementById(id)?.textContent ?? '').join(' ').trim()", describedBy);
        message.ShouldNotBeNullOrWhiteSpace("the field's message must be in the element aria-describedby names");

        // The error summary at the top has the focus and links each error to its field.
        (await page.EvaluateAsync<bool>("() => document.activeElement?.classList.contains('error-summary') === true"))
            .ShouldBeTrue("the focus must move to the error summary");
        // …in the form's order, each to an element that exists (a group's error, such as the roles', to its first box).
        var positions = await page.EvaluateAsync<int[]>("""
            () => { const all = [...document.querySelectorAll('*')];
                     return [...document.querySelectorAll('.error-summary a')].map(a => all.indexOf(document.getElementById(a.getAttribute('href').slice(1)))); }
            """);
        positions.ShouldAllBe(p => p >= 0, "each summary link must lead to an element of the page");
        positions.ShouldBe([.. positions.Order()], "the summary must list the errors in the form's order");
        var link = page.Locator(".error-summary a").First;
        var target = (await link.GetAttributeAsync("href"))!.TrimStart('#');
        (await page.Locator($"[id='{target}']").CountAsync()).ShouldBe(1, "each summary link must lead to its field");
        await link.ClickAsync();
        (await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''")).ShouldBe(target);

        var problems = new StringBuilder();
        await CheckCurrentAsync(page, role + "-erreurs" + path.Replace('/', '-'), problems);
        Report(problems);
    }

    [Fact]
    public async Task Two_people_saving_the_same_site_see_the_conflict_view_which_passes_axe()
    {
        await using var context = await app.NewContextAsync();
        var first = await context.NewPageAsync();
        await PageChecks.SignInAsync(first, Admin);
        await first.GotoAsync("/administration/sites");
        var href = await first.Locator("main table a[href^='/administration/sites/']").Last.GetAttributeAsync("href");
        href.ShouldNotBeNull();
        var second = await context.NewPageAsync();
        await first.GotoAsync(href);
        await second.GotoAsync(href);

        await first.GetByLabel("Téléphone").FillAsync("03 80 00 99 01");
        await first.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await first.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/administration/sites");

        await second.GetByLabel("Téléphone").FillAsync("03 80 00 99 02");
        await second.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(second.Locator("#conflit")).ToBeVisibleAsync();
        await Assertions.Expect(second.Locator("#conflit")).ToContainTextAsync("03 80 00 99 01");

        var problems = new StringBuilder();
        await CheckCurrentAsync(second, "Admin-conflit-site", problems);
        Report(problems);
    }

    private async Task CheckCurrentAsync(IPage page, string label, StringBuilder problems)
    {
        await app.ScreenshotAsync(page, PageChecks.Slug(label));
        await PageChecks.CheckStructureAndAxeAsync(page, label, problems);
    }

    private void Report(StringBuilder problems)
    {
        if (problems.Length == 0) return;
        output.WriteLine(problems.ToString());
        throw new XunitException("Problèmes d'accessibilité ou de structure :\n" + problems);
    }
}
