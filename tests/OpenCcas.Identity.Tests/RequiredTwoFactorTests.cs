using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using Shouldly;

namespace OpenCcas.Identity.Tests;

public sealed class RequiredTwoFactorFixture : AppFixture;

public sealed class RequiredTwoFactorTests(RequiredTwoFactorFixture app) : IClassFixture<RequiredTwoFactorFixture>
{
    [Fact]
    public async Task Organisation_requiring_two_factor_forces_enrolment_before_anything_else()
    {
        await app.InOrganisationAsync(async db =>
        {
            var org = await db.Organisations.SingleAsync();
            org.RequireTwoFactor = true;
            return await db.SaveChangesAsync();
        });
        var browser = app.NewBrowser();
        (await browser.SignInAsync(Demo.Email(Role.Reception), Demo.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        foreach (var path in new[] { "/", "/compte", "/compte/jetons" })
        {
            var response = await browser.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().ShouldBe("/compte/double-authentification?obligatoire=1");
        }
        var setup = await browser.PageAsync("/compte/double-authentification?obligatoire=1");
        setup.QuerySelector("#obligatoire")!.TextContent.ShouldContain("obligatoire");
        var key = setup.QuerySelector("#cle-partagee")!.GetAttribute("data-key")!;

        var enabled = await browser.SubmitAsync(setup, "/compte/double-authentification?obligatoire=1", "main form", ("Input.Code", Demo.Totp(key)));
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(enabled);
        page.QuerySelectorAll("#liste-codes-secours li").Length.ShouldBe(10);
        page.QuerySelector("form[action*='handler=Disable']").ShouldBeNull(); // cannot be switched off here

        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Even a crafted request cannot switch it off.
        var disable = await browser.SendAsync(HttpMethod.Post, "/compte/double-authentification?handler=Disable",
            new FormUrlEncodedContent([new("__RequestVerificationToken",
                page.QuerySelector("form[action*='handler=RecoveryCodes'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!)]));
        disable.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(disable)).ShouldContain("ne peut pas être désactivée");
        var stillOn = await app.InOrganisationAsync(db => db.Users.Where(u => u.Email == Demo.Email(Role.Reception)).Select(u => u.TwoFactorEnabled).SingleAsync());
        stillOn.ShouldBeTrue();
    }
}
