using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;
using Shouldly;

namespace OpenCcas.Browser.Tests;

/// <summary>A social worker, with the keyboard alone, writes an interview with a private note on a person's file and sees it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class InterviewTests(AppFixture app)
{
    /// <summary>
    /// Élodie MARTIN in the demo organisation, referred by the demo social worker. The demo has no people yet on this
    /// branch, so the test adds her through the application's own services (reached from the fixture's factory).
    /// </summary>
    private async Task<Guid> ElodieAsync()
    {
        var factory = (WebApplicationFactory<Program>)typeof(AppFixture).GetField("factory", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(app)!;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Organisations.IgnoreQueryFilters().SingleAsync();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org.Id);
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set(null, "Tests dans le navigateur");
        var email = DemoSeeder.RoleAccounts.Single(a => a.Role == Role.SocialWorker).Email;
        var worker = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var existing = await db.Set<Person>().Where(p => p.LastName == "Martin" && p.FirstNames == "Élodie" && p.ReferentId == worker).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        if (existing is { } id) return id;
        var person = new Person
        {
            OrganisationId = org.Id, LastName = "Martin", FirstNames = "Élodie", BirthDate = new DateOnly(1984, 3, 12), Sex = Sex.Female,
            FileNumber = 900_001, ReferentId = worker, SiteId = await db.Sites.OrderBy(s => s.Name).Select(s => s.Id).FirstAsync(),
        };
        person.SearchName = OpenCcas.Web.People.PersonNames.SearchKey(person);
        db.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    }

    private static async Task TabToAsync(IPage page, string predicate, int max = 120)
    {
        for (var i = 0; i < max; i++)
        {
            if (await page.EvaluateAsync<bool>(predicate)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new ShouldAssertException($"Tab never reached: {predicate}");
    }

    private static string Focused(string id) => $"() => document.activeElement?.id === '{id}'";

    [Fact]
    public async Task A_social_worker_writes_an_interview_with_a_private_note_by_keyboard_and_sees_it()
    {
        var elodie = await ElodieAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var problems = new StringBuilder();

        // Sign in by keyboard.
        await page.GotoAsync("connexion");
        await page.Locator("#Input_Email").FocusAsync();
        await page.Keyboard.TypeAsync(DemoSeeder.RoleAccounts.Single(a => a.Role == Role.SocialWorker).Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoSeeder.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        // The person file if it exists on this build, else the follow-up page of the file.
        var file = await page.GotoAsync($"personnes/{elodie}");
        if (file is null || !file.Ok) await page.GotoAsync($"personnes/{elodie}/entretiens");
        await TabToAsync(page, "() => document.activeElement?.textContent?.trim() === 'Nouvel entretien'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/personnes/{elodie}/entretiens/nouveau");
        await PageChecks.CheckStructureAndAxeAsync(page, "nouvel entretien", problems);

        // Date, time, duration are filled in (today, now, 30 min); mode, a subject, the summary, a private note.
        await TabToAsync(page, Focused("Input_Mode"));
        await page.Keyboard.PressAsync("ArrowRight"); // Visite à domicile
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, Focused("Input_Subjects"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, Focused("Input_Summary"));
        await page.Keyboard.TypeAsync("Visite au domicile : point sur le budget du foyer.");
        await TabToAsync(page, Focused("Input_Note_Text"));
        var secret = "Note privée saisie au clavier " + Guid.NewGuid().ToString("N")[..6];
        await page.Keyboard.TypeAsync(secret);
        (await page.IsCheckedAsync("#Input_Note_Confidentiality")).ShouldBeTrue("private is the default confidentiality");
        await TabToAsync(page, "() => document.activeElement?.textContent?.trim() === \"Enregistrer l'entretien\"");
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/entretiens/"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Entretien enregistré.");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(secret);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Visite à domicile");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Budget");
        await PageChecks.CheckStructureAndAxeAsync(page, "entretien", problems);

        // The follow-up list of the file shows the interview and the note.
        await page.GotoAsync($"personnes/{elodie}/entretiens");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync(secret);
        await PageChecks.CheckStructureAndAxeAsync(page, "entretiens et notes", problems);
        problems.ToString().ShouldBeEmpty();
    }
}
