using System.Net;
using System.Text.RegularExpressions;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Account.Public;
using Shouldly;

namespace OpenCcas.Identity.Tests;

public sealed class SmtpFixture : AppFixture
{
    public SmtpTestServer Smtp { get; private set; } = null!;

    protected override Task StartServersAsync()
    {
        Smtp = new SmtpTestServer();
        return Task.CompletedTask;
    }

    protected override IEnumerable<(string, string)> Settings() =>
    [
        ("Smtp:Host", "127.0.0.1"),
        ("Smtp:Port", Smtp.Port.ToString()),
        ("Smtp:From", "ne-pas-repondre@ccas.test"),
    ];

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed class PasswordResetTests(SmtpFixture app) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task Reset_link_by_email_sets_a_new_password_and_unknown_addresses_get_the_same_answer_and_no_mail()
    {
        const string unknown = "personne@inconnu.example";
        var email = Demo.Email(Role.Instructor);
        var browser = app.NewBrowser();

        var unknownAnswer = await browser.SubmitAsync("/mot-de-passe-oublie", "main form", ("Input.Email", unknown));
        unknownAnswer.StatusCode.ShouldBe(HttpStatusCode.OK);
        var unknownText = (await Browser.ParseAsync(unknownAnswer)).QuerySelector("#reponse")!.TextContent;
        unknownText.ShouldBe(ForgotPasswordModel.NeutralAnswer);

        var knownAnswer = await browser.SubmitAsync("/mot-de-passe-oublie", "main form", ("Input.Email", email.ToUpperInvariant()));
        (await Browser.ParseAsync(knownAnswer)).QuerySelector("#reponse")!.TextContent.ShouldBe(unknownText);

        var mail = await app.Smtp.WaitForAsync(m => m.To.Contains(email));
        mail.From.ShouldBe("ne-pas-repondre@ccas.test");
        app.Smtp.Messages.ShouldNotContain(m => m.To.Contains(unknown));
        app.Smtp.Messages.Count.ShouldBe(1);
        var link = Regex.Match(mail.Body, @"http://localhost/reinitialiser-mot-de-passe\?\S+").Value;
        link.ShouldContain("utilisateur=");
        link.ShouldContain("jeton=");

        var form = await browser.PageAsync(link);
        var mismatch = await browser.SubmitAsync(form, link, "main form", ("Input.Password", "Nouveau-Passe-2027"), ("Input.Confirm", "Autre-Chose-2027"));
        (await Browser.TextAsync(mismatch)).ShouldContain("ne sont pas identiques");

        var done = await browser.SubmitAsync(link, "main form", ("Input.Password", "Nouveau-Passe-2027"), ("Input.Confirm", "Nouveau-Passe-2027"));
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        done.Headers.Location!.ToString().ShouldBe("/connexion");

        (await app.NewBrowser().SignInAsync(email, Demo.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var signedIn = app.NewBrowser();
        (await signedIn.SignInAsync(email, "Nouveau-Passe-2027")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await signedIn.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The link works once: the password change renewed the account's security stamp.
        var again = await browser.SubmitAsync(link, "main form", ("Input.Password", "Encore-Autre-2028"), ("Input.Confirm", "Encore-Autre-2028"));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(again)).ShouldContain(ResetPasswordModel.InvalidLink.Split(':')[0]);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var userId = await app.InOrganisationAsync(db => Task.FromResult(db.Users.First().Id));
        var link = $"/reinitialiser-mot-de-passe?utilisateur={userId}&jeton=faux";
        var browser = app.NewBrowser();
        var response = await browser.SubmitAsync(link, "main form", ("Input.Password", "Nouveau-Passe-2027"), ("Input.Confirm", "Nouveau-Passe-2027"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.ParseAsync(response)).QuerySelector("#erreur-lien")!.TextContent.ShouldBe(ResetPasswordModel.InvalidLink);
    }
}

/// <summary>Its own fixture: the SMTP server's mailbox is not shared with the other reset tests.</summary>
public sealed class LockoutResetTests(SmtpFixture app) : IClassFixture<SmtpFixture>
{
    [Fact]
    public async Task A_reset_by_email_lifts_a_lockout()
    {
        var email = Demo.Email(Role.Reception);
        for (var i = 0; i < 5; i++) await app.NewBrowser().SignInAsync(email, "Mauvais-Passe-2026");
        (await app.NewBrowser().SignInAsync(email, Demo.Password)).StatusCode.ShouldBe(HttpStatusCode.OK, "locked out after 5 failures");

        var browser = app.NewBrowser();
        await browser.SubmitAsync("/mot-de-passe-oublie", "main form", ("Input.Email", email));
        var mail = await app.Smtp.WaitForAsync(m => m.To.Contains(email));
        var link = Regex.Match(mail.Body, @"http://localhost/reinitialiser-mot-de-passe\?\S+").Value;
        var done = await browser.SubmitAsync(link, "main form", ("Input.Password", "Deverrouille-2027"), ("Input.Confirm", "Deverrouille-2027"));
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var signedIn = app.NewBrowser();
        (await signedIn.SignInAsync(email, "Deverrouille-2027")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await signedIn.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
