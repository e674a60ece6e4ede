using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using Shouldly;

namespace OpenCcas.Identity.Tests;

public sealed class AccountPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Every visible field has a label bound to it, and every field error is named by aria-describedby.</summary>
    [Theory]
    [InlineData("/compte")]
    [InlineData("/compte/double-authentification")]
    [InlineData("/compte/jetons")]
    [InlineData("/mot-de-passe-oublie")]
    [InlineData("/reinitialiser-mot-de-passe?utilisateur=0195f1d2-0000-7000-8000-000000000000&jeton=x")]
    [InlineData("/connexion/deux-facteurs")]
    public async Task Fields_have_labels_and_their_errors_are_linked(string path)
    {
        var browser = app.NewBrowser();
        if (path == "/connexion/deux-facteurs")
        {
            // Reached after the password step of an account with a second factor.
            var email = Demo.Email(Role.CommissionMember);
            await EnableTotpAsync(email);
            (await browser.SignInAsync(email, Demo.Password)).Headers.Location!.ToString().ShouldStartWith(path);
        }
        else if (path.StartsWith("/compte", StringComparison.Ordinal))
            await browser.SignInAsync(Demo.Email(Role.Admin), Demo.Password);

        var page = await browser.PageAsync(path);
        page.QuerySelectorAll("h1").Length.ShouldBe(1);
        foreach (var form in page.QuerySelectorAll("main form[method=post]"))
            form.QuerySelector("input[name=__RequestVerificationToken]").ShouldNotBeNull($"antiforgery in a form of {path}");
        foreach (var input in page.QuerySelectorAll("main input:not([type=hidden]), main select, main textarea"))
        {
            var id = input.GetAttribute("id");
            id.ShouldNotBeNullOrEmpty($"{path}: {input.OuterHtml}");
            page.QuerySelector($"label[for='{id}']").ShouldNotBeNull($"{path}: no label for #{id}");
        }
        foreach (var error in page.QuerySelectorAll("main span[data-valmsg-for]"))
        {
            var errorId = error.GetAttribute("id")!;
            var field = page.QuerySelector($"[name='{error.GetAttribute("data-valmsg-for")}']")!;
            var described = field.GetAttribute("aria-describedby") ?? field.Closest("fieldset")?.GetAttribute("aria-describedby") ?? "";
            described.Split(' ').ShouldContain(errorId, $"{path}: error {errorId} not linked");
        }
    }

    [Fact]
    public async Task Second_factor_can_be_switched_off_when_the_organisation_does_not_require_it()
    {
        var email = Demo.Email(Role.Reception);
        var browser = app.NewBrowser();
        await browser.SignInAsync(email, Demo.Password);
        var setup = await browser.PageAsync("/compte/double-authentification");
        var key = setup.QuerySelector("#cle-partagee")!.GetAttribute("data-key")!;
        await browser.SubmitAsync(setup, "/compte/double-authentification", "main form", ("Input.Code", Demo.Totp(key)));
        (await app.NewBrowser().SignInAsync(email, Demo.Password)).Headers.Location!.ToString().ShouldStartWith("/connexion/deux-facteurs");

        var off = await browser.SubmitAsync("/compte/double-authentification", "form[action*='handler=Disable']");
        off.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.PageAsync("/compte/double-authentification")).QuerySelector("#etat-2fa")!.TextContent.ShouldContain("non activée");
        (await app.NewBrowser().SignInAsync(email, Demo.Password)).Headers.Location!.ToString().ShouldBe("/");
        // A new enrolment gets a new key.
        (await browser.PageAsync("/compte/double-authentification")).QuerySelector("#cle-partagee")!.GetAttribute("data-key").ShouldNotBe(key);
    }

    [Fact]
    public async Task Nobody_revokes_or_sees_the_tokens_of_someone_else()
    {
        var owner = app.NewBrowser();
        await owner.SignInAsync(Demo.Email(Role.Admin), Demo.Password);
        await owner.SubmitAsync("/compte/jetons", "form[action*='handler=Create']", ("Input.Name", "Jeton de l'administrateur"), ("Input.Days", "10"));
        var tokenId = await app.InOrganisationAsync(db => db.ApiTokens.Where(t => t.Name == "Jeton de l'administrateur").Select(t => t.Id).SingleAsync());

        var other = app.NewBrowser();
        await other.SignInAsync(Demo.Email(Role.StatsReader), Demo.Password);
        var page = await other.PageAsync("/compte/jetons");
        page.Body!.TextContent.ShouldNotContain("Jeton de l'administrateur");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await other.SendAsync(HttpMethod.Post, $"/compte/jetons?handler=Revoke&id={tokenId}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.InOrganisationAsync(db => db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task A_token_cannot_carry_a_role_its_owner_does_not_hold()
    {
        var browser = app.NewBrowser();
        await browser.SignInAsync(Demo.Email(Role.StatsReader), Demo.Password);
        var response = await browser.SubmitAsync("/compte/jetons", "form[action*='handler=Create']",
            ("Input.Name", "Tentative"), ("Input.Days", "10"), ("Input.Roles", nameof(Role.Admin)));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#roles-erreur")!.TextContent.ShouldContain("rôles que vous détenez");
        (await app.InOrganisationAsync(db => db.ApiTokens.AnyAsync(t => t.Name == "Tentative"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Wrong_second_factor_codes_lock_the_account_for_totp_and_recovery_codes_alike()
    {
        var email = Demo.Email(Role.Manager);
        await EnableTotpAsync(email);
        var key = await app.InOrganisationAsync(db => db.UserTokens
            .Where(t => t.LoginProvider == "[AspNetUserStore]" && t.Name == "AuthenticatorKey" && db.Users.Any(u => u.Id == t.UserId && u.Email == email))
            .Select(t => t.Value!).SingleAsync());
        var browser = app.NewBrowser();
        await browser.SignInAsync(email, Demo.Password);
        string text = "";
        for (var i = 0; i < 3; i++)
            text = await Browser.TextAsync(await browser.SubmitAsync("/connexion/deux-facteurs", "main form", ("Input.Code", "000000")));
        text.ShouldContain("Ce code n'est pas valide");
        for (var i = 0; i < 2; i++)
            text = await Browser.TextAsync(await browser.SubmitAsync("/connexion/deux-facteurs", "main form", ("Input.Code", "AAAAA-BBBBB"), ("Input.Recovery", "true")));
        text.ShouldContain("verrouillé");
        var right = await browser.SubmitAsync("/connexion/deux-facteurs", "main form", ("Input.Code", Demo.Totp(key)));
        right.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(right)).ShouldContain("verrouillé");
        browser.HasCookie("openccas").ShouldBeFalse();
    }

    private async Task EnableTotpAsync(string email)
    {
        var browser = app.NewBrowser();
        var signIn = await browser.SignInAsync(email, Demo.Password);
        if (signIn.Headers.Location?.ToString() != "/") return; // already enrolled
        var setup = await browser.PageAsync("/compte/double-authentification");
        var key = setup.QuerySelector("#cle-partagee")!.GetAttribute("data-key")!;
        await browser.SubmitAsync(setup, "/compte/double-authentification", "main form", ("Input.Code", Demo.Totp(key)));
        (await app.InOrganisationAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.TwoFactorEnabled).SingleAsync())).ShouldBeTrue();
    }
}

public sealed class RateLimitFixture : AppFixture
{
    protected override IEnumerable<(string, string)> Settings() => [("Security:SignInPerMinute", "3")];
}

public sealed class RateLimitTests(RateLimitFixture app) : IClassFixture<RateLimitFixture>
{
    [Fact]
    public async Task Password_reset_requests_are_rate_limited_like_sign_in()
    {
        var browser = app.NewBrowser();
        var page = await browser.PageAsync("/mot-de-passe-oublie");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await browser.SubmitAsync(page, "/mot-de-passe-oublie", "main form", ("Input.Email", "quelqu.un@exemple.fr"))).StatusCode);
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        // Attempts count (3 per minute here), the page's GET does not: three answers, then refusals.
        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.OK);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Opening_the_sign_in_page_again_and_again_uses_no_attempt()
    {
        // An expired session sends every request (images, favicon, refreshes) to the sign-in page.
        var browser = app.NewBrowser();
        for (var i = 0; i < 10; i++)
            (await browser.GetAsync("/connexion?ReturnUrl=%2Ffavicon.ico")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
