using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using OpenCcas.Web.Demo;
using Shouldly;

namespace OpenCcas.Browser.Tests;

/// <summary>
/// The journey of issue 3's "done when", by keyboard alone (Tab, Shift+Tab, arrows, Space, Enter and typing; an address
/// typed in the address bar counts as the keyboard): a social worker finds nobody under a new name, creates the file,
/// builds the household, books an appointment and marks it honoured, writes an interview at home with a private note;
/// then the manager's statistics count one more person followed and one more home visit.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SocialWorkerJourneyTests(AppFixture app)
{
    private static async Task TabToAsync(IPage page, string predicate, bool backwards = false, int max = 150)
    {
        for (var i = 0; i < max; i++)
        {
            if (await page.EvaluateAsync<bool>(predicate)) return;
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
        }
        throw new ShouldAssertException($"{(backwards ? "Shift+Tab" : "Tab")} never reached: {predicate}");
    }

    private static string Id(string id) => $"() => document.activeElement?.id === '{id}'";

    private static string Text(string text) =>
        $"() => (document.activeElement?.textContent ?? '').replace(/\\s+/g, ' ').trim() === {JsonSerializer.Serialize(text)}";

    private static async Task PressOnAsync(IPage page, string text, bool backwards = false)
    {
        await TabToAsync(page, Text(text), backwards);
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>A figure of the year's statistics as the manager's API returns it.</summary>
    private static async Task<decimal> FigureAsync(IPage manager, string table, string row)
    {
        var year = DateTime.UtcNow.Year;
        var response = await manager.APIRequest.GetAsync($"api/statistics?from={year}-01-01&to={year}-12-31");
        response.Ok.ShouldBeTrue(await response.TextAsync());
        using var json = JsonDocument.Parse(await response.TextAsync());
        var t = json.RootElement.GetProperty("tables").EnumerateArray().Single(x => x.GetProperty("id").GetString() == table);
        var r = t.GetProperty("rows").EnumerateArray().Single(x => x.GetProperty("label").GetString() == row);
        return r.GetProperty("cells")[0].GetProperty("value").GetDecimal();
    }

    [Fact]
    public async Task A_social_worker_does_the_whole_follow_up_by_keyboard_and_it_shows_in_the_statistics()
    {
        var problems = new StringBuilder();
        await using var managerContext = await app.NewContextAsync();
        var manager = await managerContext.NewPageAsync();
        await PageChecks.SignInAsync(manager, DemoSeeder.RoleAccounts.Single(a => a.Role == Domain.Platform.Role.Manager).Email);
        var followedBefore = await FigureAsync(manager, "synthese", "Personnes suivies");
        var homeBefore = await FigureAsync(manager, "entretiens-mode", "À domicile");

        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        PageChecks.ReportConsoleErrors(page, "parcours", problems);

        // Sign in.
        await page.GotoAsync("connexion");
        await TabToAsync(page, Id("Input_Email"));
        await page.Keyboard.TypeAsync(DemoSeeder.RoleAccounts.Single(a => a.Role == Domain.Platform.Role.SocialWorker).Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoSeeder.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        // Find: nobody under this name yet.
        await PressOnAsync(page, "Personnes");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/personnes");
        var name = "Parcours" + Guid.NewGuid().ToString("N")[..6];
        await TabToAsync(page, Id("q"));
        await page.Keyboard.TypeAsync(name);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#resultats")).ToContainTextAsync("Aucune personne trouvée");

        // Create the file.
        await PressOnAsync(page, "Nouveau dossier", backwards: true);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/personnes/nouveau");
        await TabToAsync(page, Id("Input_LastName"));
        await page.Keyboard.TypeAsync(name);
        await TabToAsync(page, Id("Input_FirstNames"));
        await page.Keyboard.TypeAsync("Solène");
        await TabToAsync(page, Id("Input_SiteId"));
        await page.Keyboard.PressAsync("ArrowDown"); // the first site of the list
        await PressOnAsync(page, "Créer le dossier");
        await page.WaitForURLAsync(url => Guid.TryParse(new Uri(url).AbsolutePath.Replace("/personnes/", ""), out _));
        var file = new Uri(page.Url).AbsolutePath;
        var personId = file.Replace("/personnes/", "");
        await PageChecks.CheckStructureAndAxeAsync(page, "parcours dossier", problems);

        // Build the household.
        await PressOnAsync(page, "Ménage");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{file}/menage");
        await PressOnAsync(page, "Créer le ménage");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/menages/"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Foyer {name.ToUpperInvariant()}");

        // Book an appointment from the file, then mark it honoured.
        await page.GotoAsync(file.TrimStart('/'));
        await PressOnAsync(page, "Prendre rendez-vous");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/rendez-vous/nouveau");
        await page.GotoAsync($"rendez-vous/nouveau?personne={personId}&debut=2031-03-04T09:00");
        await TabToAsync(page, Id("Form_Subject"));
        await page.Keyboard.TypeAsync("Premier rendez-vous");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rendez-vous enregistré le 04/03/2031");
        await TabToAsync(page, Id("NewStatus"));
        await page.Keyboard.PressAsync("ArrowDown"); // Prévu → Honoré
        await PressOnAsync(page, "Changer le statut");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Honoré");

        // Write an interview at home with a private note.
        await page.GotoAsync(file.TrimStart('/'));
        await PressOnAsync(page, "Nouvel entretien");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"{file}/entretiens/nouveau");
        await TabToAsync(page, Id("Input_Mode"));
        await page.Keyboard.PressAsync("ArrowRight"); // Visite à domicile
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, Id("Input_Subjects"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, Id("Input_Summary"));
        await page.Keyboard.TypeAsync("Premier entretien à domicile.");
        await TabToAsync(page, Id("Input_Note_Text"));
        var secret = "Note privée du parcours " + Guid.NewGuid().ToString("N")[..6];
        await page.Keyboard.TypeAsync(secret);
        await TabToAsync(page, Text("Enregistrer l'entretien"));
        var posted = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.Keyboard.PressAsync("Enter");
        var response = await posted;
        if (response.Status != 302)
        {
            await page.WaitForLoadStateAsync(LoadState.Load);
            throw new ShouldAssertException("the interview is not saved: " + await page.Locator("main").TextContentAsync());
        }
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/entretiens/"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(secret);

        // The file shows the appointment and the interview; the manager does not see the private note's text.
        await page.GotoAsync(file.TrimStart('/'));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("04/03/2031");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Visite à domicile");
        await PageChecks.CheckStructureAndAxeAsync(page, "parcours dossier complet", problems);
        await manager.GotoAsync(file.TrimStart('/'));
        (await manager.Locator("main").TextContentAsync())!.ShouldNotContain(secret);

        // The statistics count the new person followed and the home visit.
        (await FigureAsync(manager, "synthese", "Personnes suivies")).ShouldBe(followedBefore + 1);
        (await FigureAsync(manager, "entretiens-mode", "À domicile")).ShouldBe(homeBefore + 1);
        problems.ToString().ShouldBeEmpty();
    }
}
