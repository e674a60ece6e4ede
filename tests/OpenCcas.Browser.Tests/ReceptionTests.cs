using System.Text;
using Microsoft.Playwright;
using OpenCcas.Web.Demo;
using Shouldly;

namespace OpenCcas.Browser.Tests;

/// <summary>The reception desk with the keyboard alone: a phone call in a few keystrokes, then an appointment booked.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReceptionTests(AppFixture app)
{
    private static Task<string?> ActiveIdAsync(IPage page) => page.EvaluateAsync<string?>("() => document.activeElement?.id || document.activeElement?.tagName");

    private static async Task TabToAsync(IPage page, string id)
    {
        for (var i = 0; i < 40; i++)
        {
            if (await ActiveIdAsync(page) == id) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached #{id}; focus is on {await ActiveIdAsync(page)}");
    }

    [Fact]
    public async Task A_reception_agent_records_a_phone_call_and_books_an_appointment_with_the_keyboard_only()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new StringBuilder();
        PageChecks.ReportConsoleErrors(page, "accueil", problems);
        await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts.Single(a => a.Role == OpenCcas.Domain.Platform.Role.Reception).Email);
        await page.GotoAsync("/accueil");

        // The reason has the focus: arrow to the second reason, Tab to the channel, arrow to "Téléphone", Tab to the comment, Enter.
        (await ActiveIdAsync(page)).ShouldBe("Input_ReasonId");
        await page.Keyboard.PressAsync("ArrowDown");
        var reason = await page.EvalOnSelectorAsync<string>("#Input_ReasonId", "s => s.options[s.selectedIndex].text");
        await page.Keyboard.PressAsync("Tab");
        (await ActiveIdAsync(page)).ShouldBe("canal-v");
        await page.Keyboard.PressAsync("ArrowRight");
        (await page.IsCheckedAsync("#canal-t")).ShouldBeTrue();
        await TabToAsync(page, "Input_Comment");
        await page.Keyboard.TypeAsync("Appel au clavier");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Téléphone enregistré");
        var first = page.Locator("#passages-du-jour tbody tr").First;
        await Assertions.Expect(first).ToContainTextAsync("Appel au clavier");
        await Assertions.Expect(first).ToContainTextAsync("Téléphone");
        await Assertions.Expect(first).ToContainTextAsync(reason);
        await Assertions.Expect(first).ToContainTextAsync("anonyme");
        // Ready for the next one: the focus is back on the first field.
        (await ActiveIdAsync(page)).ShouldBe("Input_ReasonId");
        await PageChecks.CheckStructureAndAxeAsync(page, "accueil /accueil", problems);

        // An appointment: the form opens prefilled with the agent and a slot; type the subject and press Enter.
        await page.GotoAsync("/rendez-vous/nouveau?debut=2031-01-15T10:00");
        await TabToAsync(page, "Form_Subject");
        await page.Keyboard.TypeAsync("Rendez-vous pris au clavier");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/rendez-vous/") && !url.EndsWith("nouveau?debut=2031-01-15T10:00"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Rendez-vous enregistré le 15/01/2031 de 10h00 à 10h30");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("le 15/01/2031 de 10h00 à 10h30");
        await PageChecks.CheckStructureAndAxeAsync(page, "accueil " + new Uri(page.Url).AbsolutePath, problems);
        problems.ToString().ShouldBeEmpty();
    }
}
