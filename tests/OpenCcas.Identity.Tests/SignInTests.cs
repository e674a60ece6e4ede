using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using Shouldly;

namespace OpenCcas.Identity.Tests;

public sealed class SignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Password_sign_in_opens_the_dashboard()
    {
        var browser = app.NewBrowser();
        var response = await browser.SignInAsync(Demo.Email(Role.Admin), Demo.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/");
        var home = await browser.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(home)).ShouldContain("Tableau de bord");
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_audited()
    {
        var browser = app.NewBrowser();
        var response = await browser.SignInAsync(Demo.Email(Role.StatsReader), "Pas-le-bon-2026");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(response)).ShouldContain("Adresse électronique ou mot de passe incorrect.");
        browser.HasCookie("openccas").ShouldBeFalse();
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var failures = await app.InOrganisationAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.SignInFailed));
        failures.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_for_the_right_password()
    {
        var browser = app.NewBrowser();
        var email = Demo.Email(Role.Volunteer);
        string last = "";
        for (var i = 0; i < 5; i++)
            last = await Browser.TextAsync(await browser.SignInAsync(email, "Mauvais-mot-2026"));
        last.ShouldContain("verrouillé");
        var response = await browser.SignInAsync(email, Demo.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(response)).ShouldContain("verrouillé");
        browser.HasCookie("openccas").ShouldBeFalse();
    }

    [Fact]
    public async Task Totp_enrolment_then_sign_in_requires_the_code_and_a_recovery_code_works_once()
    {
        var email = Demo.Email(Role.SocialWorker);
        var browser = app.NewBrowser();
        (await browser.SignInAsync(email, Demo.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var setup = await browser.PageAsync("/compte/double-authentification");
        var key = setup.QuerySelector("#cle-partagee")!.GetAttribute("data-key")!;
        setup.QuerySelector("#uri-authentification")!.TextContent.ShouldStartWith("otpauth://totp/");
        setup.QuerySelector("#cle-partagee")!.TextContent.Trim().ShouldContain(" "); // shown in groups
        setup.QuerySelector("#code-qr svg path").ShouldNotBeNull(); // drawn here, no outside QR service
        setup.QuerySelectorAll("img[src^='http']").ShouldBeEmpty();

        // A wrong code does not enable anything.
        var wrong = await browser.SubmitAsync(setup, "/compte/double-authentification", "main form", ("Input.Code", "000000"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        var wrongPage = await Browser.ParseAsync(wrong);
        wrongPage.QuerySelector("#code-erreur")!.TextContent.ShouldContain("n'est pas valide");
        wrongPage.QuerySelector("#Input_Code")!.GetAttribute("aria-describedby")!.ShouldContain("code-erreur");

        var enabled = await browser.SubmitAsync("/compte/double-authentification", "main form", ("Input.Code", Demo.Totp(key)));
        enabled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var codes = (await Browser.ParseAsync(enabled)).QuerySelectorAll("#liste-codes-secours li").Select(li => li.TextContent.Trim()).ToList();
        codes.Count.ShouldBe(10);
        // The codes are shown once only.
        (await browser.PageAsync("/compte/double-authentification")).QuerySelector("#liste-codes-secours").ShouldBeNull();

        // Password alone no longer signs in.
        var second = app.NewBrowser();
        var step1 = await second.SignInAsync(email, Demo.Password);
        step1.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        step1.Headers.Location!.ToString().ShouldStartWith("/connexion/deux-facteurs");
        second.HasCookie("openccas").ShouldBeFalse();
        (await second.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var bad = await second.SubmitAsync("/connexion/deux-facteurs", "main form", ("Input.Code", "123456"));
        (await Browser.TextAsync(bad)).ShouldContain("Ce code n'est pas valide");
        var good = await second.SubmitAsync("/connexion/deux-facteurs", "main form", ("Input.Code", Demo.Totp(key, DateTime.UtcNow.AddSeconds(30))));
        good.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        good.Headers.Location!.ToString().ShouldBe("/");
        (await second.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A recovery code signs in once.
        var third = app.NewBrowser();
        await third.SignInAsync(email, Demo.Password);
        var recovered = await third.SubmitAsync("/connexion/deux-facteurs", "main form", ("Input.Code", codes[0]), ("Input.Recovery", "true"));
        recovered.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await third.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var fourth = app.NewBrowser();
        await fourth.SignInAsync(email, Demo.Password);
        var reused = await fourth.SubmitAsync("/connexion/deux-facteurs", "main form", ("Input.Code", codes[0]), ("Input.Recovery", "true"));
        reused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(reused)).ShouldContain("déjà servi");
        (await fourth.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var signIns = await app.InOrganisationAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.SignIn && e.Details!.Contains("code de secours")));
        signIns.ShouldBe(1);
    }

    [Fact]
    public async Task Second_factor_page_without_a_password_step_goes_back_to_sign_in()
    {
        var response = await app.NewBrowser().GetAsync("/connexion/deux-facteurs");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("/connexion");
    }

    [Fact]
    public async Task My_account_shows_who_I_am_and_changes_the_password()
    {
        var email = Demo.Email(Role.Manager);
        var browser = app.NewBrowser();
        await browser.SignInAsync(email, Demo.Password);
        var page = await browser.PageAsync("/compte");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Mon compte");
        page.Body!.TextContent.ShouldContain(email);
        page.Body.TextContent.ShouldContain("Direction / responsable");

        var wrong = await browser.SubmitAsync("/compte", "form[action*='handler=Password']",
            ("Input.Current", "Pas-le-bon-2026"), ("Input.New", "Nouveau-Secret-2026"), ("Input.Confirm", "Nouveau-Secret-2026"));
        wrong.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(wrong)).ShouldContain("Le mot de passe actuel est incorrect.");

        var weak = await browser.SubmitAsync("/compte", "form[action*='handler=Password']",
            ("Input.Current", Demo.Password), ("Input.New", "tout-en-minuscules"), ("Input.Confirm", "tout-en-minuscules"));
        var weakPage = await Browser.ParseAsync(weak);
        var weakError = weakPage.QuerySelector("#nouveau-erreur")!.TextContent;
        weakError.ShouldContain("au moins une majuscule");
        weakError.ShouldContain("au moins un chiffre");
        weakPage.QuerySelector("#Input_New")!.GetAttribute("aria-describedby")!.ShouldContain("nouveau-erreur");

        var changed = await browser.SubmitAsync("/compte", "form[action*='handler=Password']",
            ("Input.Current", Demo.Password), ("Input.New", "Nouveau-Secret-2026"), ("Input.Confirm", "Nouveau-Secret-2026"));
        changed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("/compte")).StatusCode.ShouldBe(HttpStatusCode.OK); // this session goes on

        (await app.NewBrowser().SignInAsync(email, Demo.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.NewBrowser().SignInAsync(email, "Nouveau-Secret-2026")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Api_token_is_created_shown_once_used_and_revoked()
    {
        var browser = app.NewBrowser();
        await browser.SignInAsync(Demo.Email(Role.Instructor), Demo.Password);
        var page = await browser.PageAsync("/compte/jetons");
        page.QuerySelectorAll("input[name='Input.Roles']").Select(i => i.GetAttribute("value")).ShouldBe([nameof(Role.Instructor)]);

        var invalid = await browser.SubmitAsync(page, "/compte/jetons", "form[action*='handler=Create']", ("Input.Name", ""), ("Input.Days", "400"));
        var invalidText = await Browser.TextAsync(invalid);
        invalidText.ShouldContain("Le nom du jeton est obligatoire.");
        invalidText.ShouldContain("entre 1 et 365 jours");

        var created = await browser.SubmitAsync("/compte/jetons", "form[action*='handler=Create']", ("Input.Name", "Export tableur"), ("Input.Days", "30"));
        created.StatusCode.ShouldBe(HttpStatusCode.OK);
        var createdPage = await Browser.ParseAsync(created);
        var secret = createdPage.QuerySelector("#secret")!.GetAttribute("value")!;
        secret.ShouldStartWith("occas_");

        using var api = app.Factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        (await api.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var list = await browser.PageAsync("/compte/jetons");
        list.QuerySelector("#secret").ShouldBeNull();
        list.Body!.TextContent.ShouldContain("Export tableur");
        var revoked = await browser.SubmitAsync(list, "/compte/jetons", "form[action*='handler=Revoke']");
        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.PageAsync("/compte/jetons")).Body!.TextContent.ShouldContain("Révoqué");
        (await api.GetAsync("/api/me", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Forms_without_antiforgery_token_are_rejected()
    {
        var browser = app.NewBrowser();
        await browser.PageAsync("/connexion");
        var response = await browser.SendAsync(HttpMethod.Post, "/connexion", new FormUrlEncodedContent(
            [new("Input.Email", Demo.Email(Role.Admin)), new("Input.Password", Demo.Password)]));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
