using Microsoft.Playwright;
using OpenCcas.Web.Demo;
using Shouldly;

namespace OpenCcas.Browser.Tests;

/// <summary>RGAA 12 (navigation) and 10.7 (visible focus): the application is usable with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardTests(AppFixture app)
{
    private static Task<string> ActiveAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e ? (e.id ? '#' + e.id : e.tagName.toLowerCase() + (e.className ? '.' + e.className.split(' ').join('.') : '')) : ''; }");

    [Fact]
    public async Task Signs_in_with_the_keyboard_only()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("connexion");

        // The email field has autofocus; should it not, it must be reachable by Tab.
        for (var i = 0; i < 10 && await ActiveAsync(page) != "#Input_Email"; i++) await page.Keyboard.PressAsync("Tab");
        (await ActiveAsync(page)).ShouldBe("#Input_Email");
        await page.Keyboard.TypeAsync(DemoSeeder.RoleAccounts[0].Email);
        await page.Keyboard.PressAsync("Tab");
        (await ActiveAsync(page)).ShouldBe("#Input_Password");
        await page.Keyboard.TypeAsync(DemoSeeder.Password);
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tableau de bord");
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_keeps_the_email()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("connexion");
        await page.Locator("#Input_Email").FocusAsync();
        await page.Keyboard.TypeAsync(DemoSeeder.RoleAccounts[1].Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("pas-le-bon-mot-de-passe");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrect");
        (await page.InputValueAsync("#Input_Email")).ShouldBe(DemoSeeder.RoleAccounts[1].Email);
    }

    [Fact]
    public async Task An_administrator_creates_a_team_with_the_keyboard_only()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts[0].Email);
        await page.GotoAsync("/administration/equipes");

        await TabToAsync(page, "() => document.activeElement?.textContent?.trim() === 'Nouvelle équipe'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/administration/equipes/nouvelle");
        await TabToAsync(page, "() => document.activeElement?.id === 'Input_Name'");
        await page.Keyboard.TypeAsync("Équipe créée au clavier");
        await page.Keyboard.PressAsync("Tab");
        (await ActiveAsync(page)).ShouldBe("#Input_Description");
        await page.Keyboard.TypeAsync("Sans souris");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/administration/equipes");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Équipe créée au clavier");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Équipe créée au clavier" })).ToBeVisibleAsync();
    }

    /// <summary>Presses Tab until <paramref name="predicate"/> holds (at most 60 times).</summary>
    private static async Task TabToAsync(IPage page, string predicate)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>(predicate)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new Xunit.Sdk.XunitException($"Tab never reached the element ({predicate}); focus is on {await ActiveAsync(page)}");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/acces-refuse")]
    public async Task The_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(string path)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts[0].Email);
        await page.GotoAsync(path);

        await page.Keyboard.PressAsync("Tab");
        (await ActiveAsync(page)).ShouldBe("a.skip-link");
        var box = await page.Locator("a.skip-link").BoundingBoxAsync();
        box.ShouldNotBeNull();
        (box.X >= 0 && box.Y >= 0 && box.Width > 0).ShouldBeTrue("the focused skip link must be on screen");
        await Assertions.Expect(page.Locator("a.skip-link")).ToHaveTextAsync("Aller au contenu");

        await page.Keyboard.PressAsync("Enter");
        (await ActiveAsync(page)).ShouldBe("#contenu");
        (await page.EvaluateAsync<string>("() => document.activeElement.tagName")).ShouldBe("MAIN");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/")]
    [InlineData("/administration")]
    [InlineData("/administration/utilisateurs/nouveau")]
    [InlineData("/administration/journal")]
    public async Task Every_element_focused_by_keyboard_shows_a_visible_outline(string? signedInPath)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        if (signedInPath is null) await page.GotoAsync("connexion");
        else
        {
            await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts[0].Email);
            await page.GotoAsync(signedInPath);
        }
        await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");

        var seen = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<FocusStyle?>("""
                () => {
                    const e = document.activeElement;
                    if (!e || e === document.body) return null;
                    const s = getComputedStyle(e);
                    return { element: e.outerHTML.slice(0, 120), focusVisible: e.matches(':focus-visible'),
                             outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) };
                }
                """);
            if (focus is null) break;
            if (seen.Contains(focus.Element)) break; // wrapped around
            seen.Add(focus.Element);
            focus.FocusVisible.ShouldBeTrue($"{focus.Element} should match :focus-visible after Tab");
            focus.OutlineStyle.ShouldNotBe("none", $"{focus.Element} has no outline when focused");
            focus.OutlineWidth.ShouldBeGreaterThanOrEqualTo(2, $"{focus.Element} has a thin outline when focused");
        }
        seen.Count.ShouldBeGreaterThan(signedInPath is null ? 3 : 4);
    }

    public sealed class FocusStyle
    {
        public string Element { get; set; } = "";
        public bool FocusVisible { get; set; }
        public string OutlineStyle { get; set; } = "";
        public double OutlineWidth { get; set; }
    }
}
