using System.Text;
using Microsoft.Playwright;
using OpenCcas.Web.Demo;
using Shouldly;
using Xunit.Sdk;

namespace OpenCcas.Browser.Tests;

/// <summary>
/// The person file and household pages, which the header crawl only reaches once people exist: a social worker
/// creates a file and a household through the forms, every part page passes axe-core; reception sees identity only.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PersonFileTests(AppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task A_social_worker_creates_a_file_and_a_household_and_every_page_passes_axe_and_reception_sees_identity_only()
    {
        var problems = new StringBuilder();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        PageChecks.ReportConsoleErrors(page, "Social", problems);
        await PageChecks.SignInAsync(page, "social@" + DemoSeeder.Domain);

        // The creation form sent empty: French errors tied to their fields.
        await PageChecks.VisitAsync(page, "/personnes/nouveau", "Social", app, problems);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        (await page.Locator(".error-summary").TextContentAsync())!.ShouldContain("Le nom de famille est obligatoire.");
        await PageChecks.CheckStructureAndAxeAsync(page, "Social /personnes/nouveau (erreurs)", problems);

        var name = "Navigateur" + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Nom de famille").FillAsync(name);
        await page.GetByLabel("Prénoms").FillAsync("Claire");
        await page.GetByLabel("Date de naissance").FillAsync("1962-05-14");
        await page.GetByLabel("Téléphone").FillAsync("06 12 34 56 78");
        await page.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le dossier" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/personnes/") && !url.Contains("nouveau"));
        var file = new Uri(page.Url).AbsolutePath;
        await PageChecks.CheckStructureAndAxeAsync(page, "Social " + file, problems);
        await app.ScreenshotAsync(page, "Social--dossier");

        foreach (var part in new[] { "identite", "situation", "ressources", "suivi", "consentements", "documents", "menage" })
            await PageChecks.VisitAsync(page, $"{file}/{part}", "Social", app, problems);

        // Resources typed the French way, then a household created from the file.
        await page.GotoAsync($"{file}/ressources");
        await page.GetByLabel("Nature de la ressource 1").SelectOptionAsync("Aspa");
        await page.GetByLabel("Montant mensuel de la ressource 1").FillAsync("1 012,02");
        await page.GetByLabel("Nature de la charge 1").SelectOptionAsync("Rent");
        await page.GetByLabel("Montant mensuel de la charge 1").FillAsync("450");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        (await page.Locator("main").TextContentAsync())!.ShouldContain("012,02 €");
        await page.GotoAsync($"{file}/menage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le ménage" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/menages/"));
        var household = new Uri(page.Url).AbsolutePath;
        await PageChecks.VisitAsync(page, household, "Social", app, problems);
        (await page.Locator("main").TextContentAsync())!.ShouldContain("562,02 €");
        await PageChecks.VisitAsync(page, household + "?Q=" + name, "Social", app, problems);
        await PageChecks.VisitAsync(page, $"{file}/menage", "Social", app, problems);

        // Reception: the file with identity and contact only; the resources page refused.
        await using var receptionContext = await app.NewContextAsync();
        var reception = await receptionContext.NewPageAsync();
        await PageChecks.SignInAsync(reception, "accueil@" + DemoSeeder.Domain);
        await PageChecks.VisitAsync(reception, file, "Accueil", app, problems);
        (await reception.Locator("#ressources-titre").CountAsync()).ShouldBe(0);
        (await reception.Locator("#identite-titre").CountAsync()).ShouldBe(1);
        await PageChecks.VisitAsync(reception, $"{file}/identite", "Accueil", app, problems);
        await PageChecks.VisitAsync(reception, $"{file}/consentements", "Accueil", app, problems);
        await reception.GotoAsync($"{file}/ressources");
        (await reception.Locator("h1").TextContentAsync())!.ShouldContain("Accès refusé");

        // At 320 px the file reflows without horizontal scrolling.
        await using var narrowContext = await app.NewContextAsync(320, 640);
        var narrow = await narrowContext.NewPageAsync();
        await PageChecks.SignInAsync(narrow, "social@" + DemoSeeder.Domain);
        foreach (var path in new[] { file, $"{file}/ressources", household })
        {
            await narrow.GotoAsync(path);
            var overflow = await narrow.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");
            if (overflow)
            {
                var wide = await narrow.EvaluateAsync<string[]>(@"() => [...document.querySelectorAll('main *')]
                    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.table-responsive'))
                    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))");
                problems.AppendLine($"320 px {path}: défilement horizontal ({string.Join(" ; ", wide)})");
            }
            await app.ScreenshotAsync(narrow, PageChecks.Slug("320" + path));
        }

        output.WriteLine(problems.ToString());
        problems.ToString().ShouldBeEmpty();
    }
}
