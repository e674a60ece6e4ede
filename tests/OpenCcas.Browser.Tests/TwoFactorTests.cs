using System.Text;
using Microsoft.Playwright;
using OpenCcas.Web.Demo;
using OtpNet;
using Shouldly;
using Xunit.Sdk;

namespace OpenCcas.Browser.Tests;

/// <summary>The second factor, in the browser: the set-up page with its recovery codes, the sign-in code page with
/// and without an error, all through axe-core; the code is typed with the keyboard only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorTests(AppFixture app, ITestOutputHelper output)
{
    private static string Totp(string key) =>
        new Totp(Base32Encoding.ToBytes(key.Replace(" ", "").ToUpperInvariant())).ComputeTotp(DateTime.UtcNow);

    [Fact]
    public async Task Turning_on_the_second_factor_then_signing_in_with_a_code_typed_at_the_keyboard()
    {
        var problems = new StringBuilder();
        await using (var setupContext = await app.NewContextAsync())
        {
            var page = await setupContext.NewPageAsync();
            await PageChecks.SignInAsync(page, AppFixture.TwoFactorEmail);
            await PageChecks.VisitAsync(page, "/compte/double-authentification", "2FA", app, problems);
            var key = await page.Locator("#cle-partagee").GetAttributeAsync("data-key");
            key.ShouldNotBeNullOrWhiteSpace();
            await page.GetByLabel("Code de vérification").FillAsync(Totp(key));
            await page.GetByRole(AriaRole.Button, new() { Name = "Activer la double authentification" }).ClickAsync();
            await Assertions.Expect(page.Locator("#liste-codes-secours li").First).ToBeVisibleAsync();
            await Snap(page, "2FA-codes-de-secours", problems);

            await using var signInContext = await app.NewContextAsync();
            var signIn = await signInContext.NewPageAsync();
            await signIn.GotoAsync("/connexion");
            // Autofocus is not guaranteed when another page of the browser has the focus: focus the field explicitly.
            await signIn.Locator("#Input_Email").FocusAsync();
            await signIn.Keyboard.TypeAsync(AppFixture.TwoFactorEmail);
            await signIn.Keyboard.PressAsync("Tab");
            await signIn.Keyboard.TypeAsync(DemoSeeder.Password);
            await signIn.Keyboard.PressAsync("Enter");
            await signIn.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/connexion/deux-facteurs");
            await Snap(signIn, "2FA-connexion", problems);

            // A wrong code: the error is announced and tied to the field, and the page still passes axe.
            await signIn.Locator("#Input_Code").FocusAsync();
            await signIn.Keyboard.TypeAsync("000000");
            await signIn.Keyboard.PressAsync("Enter");
            await Assertions.Expect(signIn.GetByRole(AriaRole.Alert).First).ToBeVisibleAsync();
            (await signIn.Locator("#Input_Code").GetAttributeAsync("aria-invalid")).ShouldBe("true");
            await Snap(signIn, "2FA-connexion-erreur", problems);

            // The right code, typed into the field (focused again after the error or reached by Tab), then Enter.
            await signIn.Locator("#Input_Code").FocusAsync();
            await signIn.Keyboard.PressAsync("Control+A");
            await signIn.Keyboard.TypeAsync(Totp(key));
            await signIn.Keyboard.PressAsync("Enter");
            await signIn.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            await Assertions.Expect(signIn.Locator("h1")).ToHaveTextAsync("Tableau de bord");
        }

        if (problems.Length == 0) return;
        output.WriteLine(problems.ToString());
        throw new XunitException("Problèmes d'accessibilité ou de structure :\n" + problems);
    }

    private async Task Snap(IPage page, string label, StringBuilder problems)
    {
        await app.ScreenshotAsync(page, label);
        await PageChecks.CheckStructureAndAxeAsync(page, $"{label} {new Uri(page.Url).AbsolutePath}", problems);
    }
}
