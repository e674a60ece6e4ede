using System.Text.RegularExpressions;

namespace OpenCcas.Web.Tests;

/// <summary>A password given by an administrator is temporary: the agent must choose their own before anything else.</summary>
public sealed partial class TemporaryPasswordTests(AppFixture app) : IClassFixture<AppFixture>
{
    [GeneratedRegex("provisoire de [^:]+ : ([A-Za-z0-9]{16})")]
    private static partial Regex TemporaryPassword();

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_agent_given_a_temporary_password_must_change_it_before_anything_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await app.SignedInAsync(app.A, Role.Admin);
        var agentId = app.A.UserIds[Role.Reception];
        var userPage = $"/administration/utilisateurs/{agentId}";
        var reset = await PostFormAsync(admin, userPage, userPage + "?handler=ResetPassword", []);
        reset.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var shown = await admin.GetStringAsync(userPage, ct);
        var temporary = TemporaryPassword().Match(shown).Groups[1].Value;
        temporary.ShouldNotBeNullOrEmpty("the administrator sees the temporary password once");

        var agent = await app.SignInNewClientAsync(app.A.Email(Role.Reception), temporary);
        var home = await agent.GetAsync("/", ct);
        home.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        home.Headers.Location!.ToString().ShouldBe("/compte?provisoire=1");
        (await agent.GetAsync("/api/me", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.GetStringAsync("/compte", ct)).ShouldContain("Votre mot de passe est provisoire");

        const string chosen = "Mon-Nouveau-Mot-2026";
        var change = await PostFormAsync(agent, "/compte", "/compte?handler=Password", new()
        {
            ["Input.Current"] = temporary, ["Input.New"] = chosen, ["Input.Confirm"] = chosen,
        });
        change.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await agent.GetAsync("/", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agent.GetAsync("/api/me", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The flag is gone for good: a new sign-in with the chosen password goes straight to the dashboard.
        var again = await app.SignInNewClientAsync(app.A.Email(Role.Reception), chosen);
        (await again.GetAsync("/", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_gives_a_temporary_password_to_administrators_only()
    {
        var ct = TestContext.Current.CancellationToken;
        var agentId = app.A.UserIds[Role.Instructor];
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var (_, managerSecret) = await AppFixture.CreateTokenAsync(manager, Role.Manager);
        (await app.BearerClient(managerSecret).PostAsync($"/api/users/{agentId}/temporary-password", null, ct))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var admin = await app.SignedInAsync(app.A, Role.Admin);
        var (_, adminSecret) = await AppFixture.CreateTokenAsync(admin, Role.Admin);
        var api = app.BearerClient(adminSecret);
        var response = await api.PostAsync($"/api/users/{agentId}/temporary-password", null, ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var password = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("password").GetString()!;
        password.Length.ShouldBe(16);

        var agent = await app.SignInNewClientAsync(app.A.Email(Role.Instructor), password);
        (await agent.GetAsync("/", ct)).Headers.Location!.ToString().ShouldBe("/compte?provisoire=1");
        (await api.PostAsync($"/api/users/{agentId}/unlock", null, ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.PostAsync($"/api/users/{agentId}/reset-two-factor", null, ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_password_the_agent_chose_is_not_temporary()
    {
        var client = await app.SignedInAsync(app.A, Role.Manager);
        (await client.GetAsync("/", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
