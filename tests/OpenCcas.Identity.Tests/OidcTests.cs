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

public sealed class OidcFixture : AppFixture
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

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[Collection(nameof(OidcCollection))]
public sealed class OidcTests(OidcFixture app)
{
    private readonly HttpClient providerClient = new(new HttpClientHandler { AllowAutoRedirect = false });

    /// <summary>Clicks "Se connecter avec ProConnect" and follows every redirect across the app and the provider.</summary>
    private async Task<(Browser Browser, HttpResponseMessage Last)> SignInWithProviderAsync(string email, UserInfoMode mode = UserInfoMode.Signed)
    {
        app.Provider.Email = email;
        app.Provider.Subject = "sub-" + Guid.NewGuid().ToString("N");
        app.Provider.Mode = mode;
        var browser = app.NewBrowser();
        browser.External = providerClient;
        var login = await browser.PageAsync("/connexion");
        login.QuerySelector("a[href='/connexion/externe']")!.TextContent.ShouldContain("ProConnect");
        var last = await browser.GetFollowingAsync("/connexion/externe");
        return (browser, last);
    }

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
}
