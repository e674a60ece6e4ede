using System.Net;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using Shouldly;

namespace OpenCcas.Identity.Tests;

/// <summary>
/// The fake provider is a second host in this process: it is built before the app, and these tests run alone, so
/// that WebApplicationFactory's host interception never sees another host being built.
/// </summary>
[CollectionDefinition(nameof(OidcCollection), DisableParallelization = true)]
public sealed class OidcCollection : ICollectionFixture<OidcFixture>;

public class OidcFixture : AppFixture
{
    public FakeOidcProvider Provider { get; } = new();

    protected override Task StartServersAsync() => Provider.StartAsync();

    protected override IEnumerable<(string, string)> Settings() =>
    [
        ("Oidc:Enabled", "true"),
        ("Oidc:DisplayName", "ProConnect"),
        ("Oidc:Authority", Provider.Authority),
        ("Oidc:ClientId", FakeOidcProvider.ClientId),
        ("Oidc:ClientSecret", FakeOidcProvider.ClientSecret),
        ("Oidc:RequireHttpsMetadata", "false"),
        ("Oidc:Scopes", "openid email given_name usual_name"),
    ];

    /// <summary>Clicks "Se connecter avec ProConnect" and follows every redirect across the app and the provider.</summary>
    public async Task<(Browser Browser, HttpResponseMessage Last)> SignInWithProviderAsync(HttpClient providerClient, string email,
        UserInfoMode mode = UserInfoMode.Signed)
    {
        Provider.Email = email;
        Provider.Subject = "sub-" + Guid.NewGuid().ToString("N");
        Provider.Mode = mode;
        var browser = NewBrowser();
        browser.External = providerClient;
        var login = await browser.PageAsync("/connexion");
        login.QuerySelector("a[href='/connexion/externe']")!.TextContent.ShouldContain("ProConnect");
        var last = await browser.GetFollowingAsync("/connexion/externe");
        return (browser, last);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

/// <summary>A provider whose discovery document has no end_session_endpoint; alone too, like <see cref="OidcCollection"/>.</summary>
[CollectionDefinition(nameof(OidcWithoutEndSessionCollection), DisableParallelization = true)]
public sealed class OidcWithoutEndSessionCollection : ICollectionFixture<OidcWithoutEndSessionFixture>;

public sealed class OidcWithoutEndSessionFixture : OidcFixture
{
    public OidcWithoutEndSessionFixture() => Provider.PublishEndSession = false;
}

[Collection(nameof(OidcWithoutEndSessionCollection))]
public sealed class OidcWithoutEndSessionTests(OidcWithoutEndSessionFixture app)
{
    private readonly HttpClient providerClient = new(new HttpClientHandler { AllowAutoRedirect = false });

    [Fact]
    public async Task Sign_out_is_local_only_when_the_provider_publishes_no_end_session_endpoint()
    {
        var (browser, signedIn) = await app.SignInWithProviderAsync(providerClient, Demo.Email(Role.Manager));
        (await Browser.TextAsync(signedIn)).ShouldContain("Tableau de bord");

        var response = await browser.SubmitAsync("/", "form[action='/deconnexion']");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/connexion");
        var last = await browser.FollowAsync(response, "/deconnexion");
        (await Browser.TextAsync(last)).ShouldContain("Vous êtes déconnecté");
        app.Provider.EndSessionCalls.ShouldBeEmpty();
        browser.HasCookie("openccas").ShouldBeFalse();
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}

[Collection(nameof(OidcCollection))]
public sealed class OidcTests(OidcFixture app)
{
    private readonly HttpClient providerClient = new(new HttpClientHandler { AllowAutoRedirect = false });

    private Task<(Browser Browser, HttpResponseMessage Last)> SignInWithProviderAsync(string email, UserInfoMode mode = UserInfoMode.Signed) =>
        app.SignInWithProviderAsync(providerClient, email, mode);

    [Fact]
    public async Task Known_email_signs_in_through_the_provider_with_pkce_and_a_signed_userinfo()
    {
        var pkceBefore = app.Provider.PkceVerified;
        var (browser, last) = await SignInWithProviderAsync(Demo.Email(Role.SocialWorker));

        browser.Visited.ShouldContain(u => u.StartsWith(app.Provider.Authority + "/authorize"));
        browser.Visited.ShouldContain(u => u.StartsWith("http://localhost/signin-oidc?code="));
        browser.Visited.Last().ShouldBe("http://localhost/");
        last.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(last)).ShouldContain("Tableau de bord");
        app.Provider.PkceVerified.ShouldBe(pkceBefore + 1);
        app.Provider.LastChallengeMethod.ShouldBe("S256");
        app.Provider.TokenRequestsRejected.ShouldBe(0);

        var audited = await app.InOrganisationAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.SignIn && e.Details == "Connexion par ProConnect"));
        audited.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Unknown_email_is_refused_and_no_account_is_created()
    {
        const string stranger = "agent.inconnu@autre-ccas.example";
        var before = await app.InOrganisationAsync(db => db.Users.IgnoreQueryFilters().CountAsync());
        var (browser, last) = await SignInWithProviderAsync(stranger);

        browser.Visited.ShouldContain("http://localhost/connexion?erreur=compte-inconnu");
        last.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(last)).ShouldContain("Aucun compte actif ne correspond");
        browser.HasCookie("openccas").ShouldBeFalse();
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.InOrganisationAsync(db => db.Users.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
        (await app.InOrganisationAsync(db => db.Users.IgnoreQueryFilters().AnyAsync(u => u.NormalizedEmail == stranger.ToUpperInvariant()))).ShouldBeFalse();
    }

    [Theory]
    [InlineData(UserInfoMode.Unsigned)]
    [InlineData(UserInfoMode.WrongKey)]
    [InlineData(UserInfoMode.OtherSubject)]
    [InlineData(UserInfoMode.PlainJson)]
    public async Task Userinfo_that_is_not_signed_by_the_provider_or_not_about_the_same_person_is_refused(UserInfoMode mode)
    {
        var calls = app.Provider.UserInfoCalls;
        var (browser, last) = await SignInWithProviderAsync(Demo.Email(Role.Manager), mode);

        app.Provider.UserInfoCalls.ShouldBe(calls + 1);
        browser.Visited.ShouldContain("http://localhost/connexion?erreur=externe");
        browser.Visited.ShouldNotContain("http://localhost/connexion/externe/retour");
        (await Browser.TextAsync(last)).ShouldContain("La connexion externe n'a pas abouti");
        browser.HasCookie("openccas").ShouldBeFalse();
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_replayed_callback_is_refused()
    {
        var (browser, _) = await SignInWithProviderAsync(Demo.Email(Role.Admin));
        var callback = browser.Visited.First(u => u.StartsWith("http://localhost/signin-oidc?"));
        var fresh = app.NewBrowser(); // no correlation cookie: the state cannot be checked
        var response = await fresh.GetAsync(callback);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/connexion?erreur=externe");
        fresh.HasCookie("openccas").ShouldBeFalse();
    }

    private Task<int> SignOutsAuditedAsync(string email) => app.InOrganisationAsync(async db =>
    {
        var id = (await db.Users.IgnoreQueryFilters().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant())).Id.ToString();
        return await db.AuditEntries.CountAsync(e => e.Action == AuditAction.SignOut && e.EntityId == id);
    });

    /// <summary>Posts the "Se déconnecter" form of the layout, from the dashboard.</summary>
    private static async Task<HttpResponseMessage> SignOutAsync(Browser browser) =>
        await browser.SubmitAsync("/", "form[action='/deconnexion']");

    private static async Task ShouldBeSignedOutAsync(Browser browser)
    {
        browser.HasCookie("openccas").ShouldBeFalse();
        var home = await browser.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldContain("/connexion");
        var account = await browser.GetAsync("/compte");
        account.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        account.Headers.Location!.ToString().ShouldContain("/connexion");
    }

    [Fact]
    public async Task Sign_out_after_a_provider_sign_in_ends_the_session_at_the_provider_too_and_is_audited()
    {
        var email = Demo.Email(Role.Manager);
        var (browser, signedIn) = await SignInWithProviderAsync(email);
        (await Browser.TextAsync(signedIn)).ShouldContain("Tableau de bord");
        var issued = app.Provider.IdTokens[app.Provider.Subject];
        var calls = app.Provider.EndSessionCalls.Count;
        var audited = await SignOutsAuditedAsync(email);

        var response = await SignOutAsync(browser);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(app.Provider.Authority + "/session/end");
        browser.HasCookie("openccas").ShouldBeFalse(); // the local session ends before the trip to the provider
        var last = await browser.FollowAsync(response, "/deconnexion");

        app.Provider.EndSessionCalls.Count.ShouldBe(calls + 1);
        var call = app.Provider.EndSessionCalls.Last();
        call.IdTokenHint.ShouldBe(issued);
        call.PostLogoutRedirectUri.ShouldBe("http://localhost/signout-callback-oidc");
        call.State.ShouldNotBeNullOrEmpty();
        browser.Visited.ShouldContain("http://localhost/signout-callback-oidc?state=" + Uri.EscapeDataString(call.State!));
        browser.Visited.Last().ShouldBe("http://localhost/connexion?deconnecte=1");
        last.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Browser.TextAsync(last)).ShouldContain("Vous êtes déconnecté");
        await ShouldBeSignedOutAsync(browser);
        (await SignOutsAuditedAsync(email)).ShouldBe(audited + 1);
    }

    [Fact]
    public async Task An_agent_who_does_not_come_back_from_the_provider_sign_out_is_not_told_so_at_the_next_visit()
    {
        var (browser, _) = await SignInWithProviderAsync(Demo.Email(Role.Manager));
        var response = await SignOutAsync(browser);
        response.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(app.Provider.Authority + "/session/end");

        // The agent closes the tab at the provider; later, the sign-in page is opened again.
        var later = await browser.PageAsync("/connexion");

        later.Body!.TextContent.ShouldContain("Connexion");
        later.Body.TextContent.ShouldNotContain("Vous êtes déconnecté");
    }

    [Fact]
    public async Task Sign_out_after_a_password_sign_in_stays_local_and_is_audited()
    {
        var email = Demo.Email(Role.Admin);
        var browser = app.NewBrowser();
        browser.External = providerClient;
        var signIn = await browser.SignInAsync(email, Demo.Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().ShouldBe("/");
        var calls = app.Provider.EndSessionCalls.Count;
        var audited = await SignOutsAuditedAsync(email);

        var response = await SignOutAsync(browser);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldBe("/connexion");
        var last = await browser.FollowAsync(response, "/deconnexion");
        browser.Visited.ShouldNotContain(u => u.StartsWith(app.Provider.Authority));
        app.Provider.EndSessionCalls.Count.ShouldBe(calls);
        (await Browser.TextAsync(last)).ShouldContain("Vous êtes déconnecté");
        await ShouldBeSignedOutAsync(browser);
        (await SignOutsAuditedAsync(email)).ShouldBe(audited + 1);
    }

    [Fact]
    public async Task A_signed_out_callback_without_a_valid_state_leads_to_the_sign_in_page()
    {
        var browser = app.NewBrowser();
        var response = await browser.GetFollowingAsync("/signout-callback-oidc?state=forge");
        browser.Visited.Last().ShouldBe("http://localhost/connexion");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        browser.HasCookie("openccas").ShouldBeFalse();
    }
}
