using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;
using Shouldly;

namespace OpenCcas.Browser.Tests;

/// <summary>
/// The demo social worker, by keyboard alone, renames a household of her files, changes one of her actions from "Mes
/// actions" and deletes a referral she recorded (after its confirmation page). Every state met passes axe-core,
/// the household's error and conflict views included.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FollowUpEditingTests(AppFixture app, ITestOutputHelper output)
{
    private sealed record Records(Guid Household, Guid Action, Guid Referral, Guid ReferralPerson);

    /// <summary>Records of the demo within the social worker's reach (the demo only gives her files she may open).</summary>
    private async Task<Records> RecordsAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Organisations.IgnoreQueryFilters().SingleAsync();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org.Id);
        var email = DemoSeeder.RoleAccounts.Single(a => a.Role == Role.SocialWorker).Email;
        var me = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var teams = await db.TeamMembers.Where(m => m.UserId == me).Select(m => m.TeamId).ToListAsync();
        var household = await db.Set<HouseholdMember>()
            .Where(m => m.LeftOn == null && db.Set<PersonTeam>().Any(t => t.PersonId == m.PersonId && teams.Contains(t.TeamId)))
            .OrderBy(m => m.Id).Select(m => m.HouseholdId).FirstAsync();
        var action = await db.Set<FollowUpAction>().Where(a => a.AssigneeId == me && a.Status == ActionStatus.ToDo).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var referral = await db.Set<Referral>().Where(r => r.AgentId == me).OrderBy(r => r.Id).Select(r => new { r.Id, r.PersonId }).FirstAsync();
        return new(household, action, referral.Id, referral.PersonId);
    }

    private static async Task TabToAsync(IPage page, string predicate, int max = 250)
    {
        for (var i = 0; i < max; i++)
        {
            if (await page.EvaluateAsync<bool>(predicate)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new ShouldAssertException($"Tab never reached: {predicate}");
    }

    private async Task CheckAsync(IPage page, string label, StringBuilder problems)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await app.ScreenshotAsync(page, PageChecks.Slug("Edition-" + label));
        await PageChecks.CheckStructureAndAxeAsync(page, $"{label} {new Uri(page.Url).PathAndQuery}", problems);
    }

    [Fact]
    public async Task A_social_worker_renames_a_household_changes_an_action_and_deletes_a_referral_by_keyboard()
    {
        var records = await RecordsAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new StringBuilder();
        PageChecks.ReportConsoleErrors(page, "Travailleur social", problems);
        await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts.Single(a => a.Role == Role.SocialWorker).Email);

        // Her agenda, this week and the next: every appointment names a person whose file she may open.
        var rows = 0;
        foreach (var week in new[] { "rendez-vous", $"rendez-vous?vue=semaine&date={DateTime.Today.AddDays(7):yyyy-MM-dd}" })
        {
            await page.GotoAsync(week);
            await CheckAsync(page, "agenda", problems);
            (await page.Locator("main").InnerTextAsync()).ShouldNotContain("dossier non accessible");
            rows += await page.Locator("main table tbody tr").CountAsync();
        }
        rows.ShouldBeGreaterThan(0, "the demo gives her appointments to come");

        // Household: open "Renommer le ménage", send it empty (error view), then a new name.
        await page.GotoAsync($"menages/{records.Household}");
        await CheckAsync(page, "menage", problems);
        await page.Locator("h1").FocusAsync();
        await TabToAsync(page, "() => document.activeElement?.tagName === 'SUMMARY' && document.activeElement.textContent.includes('Renommer')");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement?.id")).ShouldBe("Edit_Name");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.PressAsync("Delete");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Le nom du ménage est obligatoire.");
        await CheckAsync(page, "menage-erreur", problems);
        await page.Locator("#Edit_Name").FocusAsync();
        await page.Keyboard.TypeAsync("Foyer RENOMMÉ AU CLAVIER");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Foyer RENOMMÉ AU CLAVIER");

        // A rename sent over an older version (as if someone renamed it meanwhile): both names shown, input kept.
        await page.EvaluateAsync("() => { const v = document.querySelector(\"input[name='Edit.Version']\"); v.value = String(Number(v.value) - 1); }");
        await page.Locator("details summary").First.ClickAsync();
        await page.Locator("#Edit_Name").FillAsync("Foyer EN CONFLIT");
        await page.Locator("#Edit_Name").PressAsync("Enter");
        await Assertions.Expect(page.Locator("#conflit")).ToContainTextAsync("Foyer RENOMMÉ AU CLAVIER");
        await Assertions.Expect(page.Locator("#Edit_Name")).ToHaveValueAsync("Foyer EN CONFLIT");
        await CheckAsync(page, "menage-conflit", problems);

        // "Mes actions": Modifier, a new title, back to the list.
        await page.GotoAsync("mes-actions");
        await CheckAsync(page, "mes-actions", problems);
        await TabToAsync(page, $"() => document.activeElement?.getAttribute('href') === '/actions/{records.Action}/modifier?retour=mes-actions'", 600);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/actions/{records.Action}/modifier");
        await CheckAsync(page, "action-modifier", problems);
        await TabToAsync(page, "() => document.activeElement?.id === 'Input_Title'");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Action modifiée au clavier");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/mes-actions");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Action modifiée au clavier");

        // A referral she recorded: Supprimer on the file, the confirmation page, Confirmer.
        await page.GotoAsync($"personnes/{records.ReferralPerson}/entretiens");
        await CheckAsync(page, "entretiens", problems);
        await TabToAsync(page, $"() => document.activeElement?.getAttribute('href') === '/orientations/{records.Referral}/supprimer'", 600);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/orientations/{records.Referral}/supprimer");
        await CheckAsync(page, "orientation-supprimer", problems);
        await TabToAsync(page, "() => document.activeElement?.textContent?.trim() === 'Confirmer la suppression'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/personnes/{records.ReferralPerson}/entretiens");
        await Assertions.Expect(page.Locator("[role=status], .alert").First).ToContainTextAsync("supprimée");
        (await page.Locator($"a[href='/orientations/{records.Referral}/supprimer']").CountAsync()).ShouldBe(0);

        output.WriteLine(problems.ToString());
        problems.ToString().ShouldBeEmpty();
    }
}
