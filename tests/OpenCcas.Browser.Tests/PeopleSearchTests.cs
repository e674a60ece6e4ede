using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.People;
using Shouldly;

namespace OpenCcas.Browser.Tests;

/// <summary>Search as you type at the desk, with the keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PeopleSearchTests(AppFixture app)
{
    /// <summary>A person of the demo organisation (followed by no team: the reception agent sees every file anyway).</summary>
    private async Task<Person> AddPersonAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Organisations.IgnoreQueryFilters().SingleAsync();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org.Id);
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set(null, "Tests dans le navigateur");
        var number = (await db.Set<Person>().MaxAsync(p => (int?)p.FileNumber) ?? 0) + 1;
        var person = new Person
        {
            FileNumber = number, LastName = "Vandenberghe", FirstNames = "Bénédicte", BirthDate = new DateOnly(1958, 4, 9),
            Phone = "06 11 22 33 44", City = "Dijon", Sex = Sex.Female,
        };
        person.SearchName = PersonNames.SearchKey(person);
        db.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    [Fact]
    public async Task A_reception_agent_types_a_name_with_a_typo_and_reaches_the_file_with_the_keyboard_only()
    {
        var person = await AddPersonAsync();
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await PageChecks.SignInAsync(page, DemoSeeder.RoleAccounts.Single(a => a.Role == Role.Reception).Email);
        await page.GotoAsync("personnes");

        // The search field has the focus on arrival.
        (await page.EvaluateAsync<string>("() => document.activeElement?.id ?? ''")).ShouldBe("q");
        await page.Keyboard.TypeAsync("vandenberge benedicte", new() { Delay = 30 }); // "h" forgotten
        var link = page.GetByRole(AriaRole.Link, new() { Name = "VANDENBERGHE Bénédicte" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#resultats")).ToHaveAttributeAsync("aria-live", "polite");

        // Tab to the result, Enter opens the file.
        for (var i = 0; i < 10 && !await page.EvaluateAsync<bool>("() => document.activeElement?.textContent?.trim() === 'VANDENBERGHE Bénédicte'"); i++)
            await page.Keyboard.PressAsync("Tab");
        (await page.EvaluateAsync<string>("() => document.activeElement?.getAttribute('href') ?? ''")).ShouldBe($"/personnes/{person.Id}");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/personnes/{person.Id}");
    }
}
