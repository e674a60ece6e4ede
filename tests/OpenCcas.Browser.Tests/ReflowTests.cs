using Microsoft.Playwright;
using OpenCcas.Web.Demo;
using Shouldly;

namespace OpenCcas.Browser.Tests;

/// <summary>WCAG 1.4.10 (reflow, RGAA 10.11): at 320 CSS pixels wide the page reads without horizontal scrolling;
/// only data tables may scroll, inside their own container.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReflowTests(AppFixture app)
{
    [Theory]
    [InlineData(null, "/connexion")]
    [InlineData("Admin", "/")]
    [InlineData("Admin", "/administration")]
    [InlineData("Admin", "/administration/sites")]
    [InlineData("Admin", "/administration/utilisateurs/nouveau")]
    [InlineData("Admin", "/administration/journal")]
    [InlineData("Volunteer", "/")]
    public async Task The_page_fits_a_320_pixel_wide_screen(string? role, string path)
    {
        await using var context = await app.NewContextAsync(width: 320, height: 640);
        var page = await context.NewPageAsync();
        if (role is not null)
            await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts.Single(a => a.Role.ToString() == role).Email);
        await page.GotoAsync(path);
        await app.ScreenshotAsync(page, $"320px--{role ?? "anonyme"}--{PageChecks.Slug(path)}", fullPage: false);

        // Elements wider than the window, outside a scrolling table container.
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => {
                const width = document.documentElement.clientWidth;
                return [...document.querySelectorAll('body *')]
                    .filter(e => !e.closest('.table-responsive') && e.getBoundingClientRect().right > width + 1)
                    .filter(e => getComputedStyle(e).position !== 'absolute' || e.getBoundingClientRect().left >= 0)
                    .map(e => e.outerHTML.slice(0, 120));
            }
            """);
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var clientWidth = await page.EvaluateAsync<int>("() => document.documentElement.clientWidth");
        scrollWidth.ShouldBeLessThanOrEqualTo(clientWidth,
            $"{path} scrolls horizontally at 320 px; too wide: {string.Join(" | ", overflowing.Take(5))}");
    }
}
