using System.Text;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Tests;

/// <summary>The JSON API as a client sees it: problem documents in French, 404, 409, personal tokens, health, OpenAPI.</summary>
public sealed class ApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpClient> Admin() => app.SignedInAsync(app.A, Role.Admin);

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task Missing_name_is_a_400_problem_document_in_french()
    {
        var client = await Admin();
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/sites", new { name = "" }, Ct), HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("La requête contient des erreurs.");
        problem.GetProperty("errors").GetProperty("Name")[0].GetString().ShouldBe("Le nom est obligatoire.");
    }

    [Fact]
    public async Task Invalid_phone_and_too_long_name_are_reported_field_by_field()
    {
        var client = await Admin();
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/sites", new { name = new string('x', 201), phone = "abc" }, Ct), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.GetProperty("Name")[0].GetString().ShouldBe("Le nom ne peut dépasser 200 caractères.");
        errors.GetProperty("Phone")[0].GetString()!.ShouldStartWith("Le téléphone ne peut contenir");
    }

    [Fact]
    public async Task Duplicate_site_name_is_a_400_in_french_and_nothing_is_written()
    {
        var client = await Admin();
        var before = (await client.GetFromJsonAsync<JsonElement[]>("/api/sites", Ct))!.Length;
        var existing = (await client.GetFromJsonAsync<JsonElement>($"/api/sites/{app.A.SiteIds[0]}", Ct)).GetProperty("name").GetString();
        var problem = await ProblemAsync(await client.PostAsJsonAsync("/api/sites", new { name = existing }, Ct), HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("Name")[0].GetString().ShouldBe("Un site porte déjà ce nom.");
        (await client.GetFromJsonAsync<JsonElement[]>("/api/sites", Ct))!.Length.ShouldBe(before);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_a_french_title()
    {
        var client = await Admin();
        using var content = new StringContent("{ \"name\": ", Encoding.UTF8, "application/json");
        var problem = await ProblemAsync(await client.PostAsync("/api/sites", content, Ct), HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("Requête invalide.");
    }

    [Fact]
    public async Task Unknown_id_is_a_404_problem_document()
    {
        var client = await Admin();
        var problem = await ProblemAsync(await client.GetAsync($"/api/sites/{Guid.NewGuid()}", Ct), HttpStatusCode.NotFound);
        problem.GetProperty("title").GetString().ShouldBe("Ressource introuvable.");
        (await client.PutAsJsonAsync($"/api/teams/{Guid.NewGuid()}", new { name = "X" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.DeleteAsync($"/api/sites/{Guid.NewGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/audit/999999999", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_stale_version_is_a_409_and_the_newer_change_is_kept()
    {
        var client = await Admin();
        var created = await client.PostAsJsonAsync("/api/sites", new { name = "Site concurrence" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var site = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = site.GetProperty("id").GetGuid();
        var version = site.GetProperty("version").GetInt32();

        var first = await client.PutAsJsonAsync($"/api/sites/{id}", new { name = "Site concurrence (agent 1)", version }, Ct);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32().ShouldBe(version + 1);

        var stale = await client.PutAsJsonAsync($"/api/sites/{id}", new { name = "Site concurrence (agent 2)", version }, Ct);
        var problem = await ProblemAsync(stale, HttpStatusCode.Conflict);
        problem.GetProperty("title").GetString()!.ShouldStartWith("Conflit");
        (await client.GetFromJsonAsync<JsonElement>($"/api/sites/{id}", Ct)).GetProperty("name").GetString().ShouldBe("Site concurrence (agent 1)");
    }

    [Fact]
    public async Task Concurrent_saves_with_the_same_version_let_one_win_at_the_database()
    {
        // Both read version v before either writes: the database's concurrency check (not only the handler's
        // comparison) must reject the second save.
        Guid id;
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var site = new Site { Name = "Site course" };
            db.Sites.Add(site);
            await db.SaveChangesAsync(Ct);
            id = site.Id;
        }
        using var s1 = app.ScopeFor(app.A.Id);
        using var s2 = app.ScopeFor(app.A.Id);
        var db1 = s1.ServiceProvider.GetRequiredService<AppDbContext>();
        var db2 = s2.ServiceProvider.GetRequiredService<AppDbContext>();
        var a = await db1.Sites.SingleAsync(s => s.Id == id, Ct);
        var b = await db2.Sites.SingleAsync(s => s.Id == id, Ct);
        a.Phone = "01 01 01 01 01";
        await db1.SaveChangesAsync(Ct);
        b.Phone = "02 02 02 02 02";
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task A_token_created_with_the_cookie_works_as_bearer_and_is_limited_to_its_roles()
    {
        var cookie = await app.SignedInAllRolesAsync(app.A);
        var (_, statsSecret) = await AppFixture.CreateTokenAsync(cookie, Role.StatsReader);
        statsSecret.ShouldStartWith("occas_");
        using var stats = app.BearerClient(statsSecret);
        var me = await stats.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        me.GetProperty("userId").GetGuid().ShouldBe(app.A.AllRolesUserId);
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["StatsReader"]);
        (await stats.GetAsync("/api/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the token does not carry the Admin role its owner holds");
        (await stats.PostAsJsonAsync("/api/sites", new { name = "Par jeton statistique" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (_, adminSecret) = await AppFixture.CreateTokenAsync(cookie, Role.Admin);
        using var admin = app.BearerClient(adminSecret);
        (await admin.GetAsync("/api/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync("/api/sites", new { name = "Créé par jeton" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The token's own list shows them, without their secret.
        var list = await cookie.GetStringAsync("/api/tokens", Ct);
        list.ShouldNotContain(statsSecret);
        list.ShouldContain("StatsReader");
    }

    [Fact]
    public async Task A_token_cannot_carry_a_role_its_owner_does_not_hold()
    {
        var cookie = await app.SignedInAsync(app.A, Role.Reception);
        var response = await cookie.PostAsJsonAsync("/api/tokens", new { name = "Trop large", days = 10, roles = new[] { (int)Role.Admin } }, Ct);
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("Roles")[0].GetString().ShouldBe("Un jeton ne peut porter que des rôles que vous détenez.");
        var tooLong = await cookie.PostAsJsonAsync("/api/tokens", new { name = "Trop long", days = 1000, roles = new[] { (int)Role.Reception } }, Ct);
        (await ProblemAsync(tooLong, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("Days")[0].GetString()!.ShouldContain("entre 1 et 365 jours");
    }

    [Fact]
    public async Task Revoked_expired_and_unknown_tokens_get_401()
    {
        var cookie = await app.SignedInAsync(app.A, Role.Manager);
        var (id, secret) = await AppFixture.CreateTokenAsync(cookie, Role.Manager);
        using var bearer = app.BearerClient(secret);
        (await bearer.GetAsync("/api/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await cookie.DeleteAsync($"/api/tokens/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await bearer.GetAsync("/api/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var (expiredId, expiredSecret) = await AppFixture.CreateTokenAsync(cookie, Role.Manager);
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var token = await db.ApiTokens.SingleAsync(t => t.Id == expiredId, Ct);
            token.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync(Ct);
        }
        using var expired = app.BearerClient(expiredSecret);
        (await expired.GetAsync("/api/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var unknown = app.BearerClient(ApiToken.NewSecret());
        (await unknown.GetAsync("/api/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var garbage = app.BearerClient("n'importe quoi");
        (await garbage.GetAsync("/api/sites", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_of_a_deactivated_account_gets_401()
    {
        var org = await app.SeedOrganisationAsync("Organisation désactivation", "desactivation.test");
        var cookie = await app.SignInNewClientAsync(org.Email(Role.Instructor));
        var (_, secret) = await AppFixture.CreateTokenAsync(cookie, Role.Instructor);
        using var bearer = app.BearerClient(secret);
        (await bearer.GetAsync("/api/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.SingleAsync(u => u.Id == org.UserIds[Role.Instructor], Ct);
            user.Active = false;
            await db.SaveChangesAsync(Ct);
        }
        (await bearer.GetAsync("/api/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_cross_site_form_cannot_use_the_session_cookie_to_create_a_token()
    {
        // API endpoints carry no antiforgery token: what protects them from a forged form is that they only bind
        // JSON, which a cross-site HTML form cannot send without a CORS preflight.
        var cookie = await app.SignedInAsync(app.A, Role.Instructor);
        var before = (await cookie.GetFromJsonAsync<JsonElement[]>("/api/tokens", Ct))!.Length;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Forgé", ["days"] = "30", ["roles"] = "3" });
        using var response = await cookie.PostAsync("/api/tokens", form, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        using var text = new StringContent("{\"name\":\"Forgé\",\"days\":30,\"roles\":[3]}", Encoding.UTF8, "text/plain");
        (await cookie.PostAsync("/api/tokens", text, Ct)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await cookie.GetFromJsonAsync<JsonElement[]>("/api/tokens", Ct))!.Length.ShouldBe(before);
    }

    [Fact]
    public async Task Health_check_is_healthy_and_anonymous()
    {
        using var response = await app.NewClient().GetAsync("/healthz", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApi_document_is_served_and_lists_the_api()
    {
        using var response = await app.NewClient().GetAsync("/openapi/v1.json", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        doc.GetProperty("openapi").GetString()!.ShouldStartWith("3.");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/sites");
        paths.ShouldContain("/api/sites/{id}");
        paths.ShouldContain("/api/tokens");
    }

    [Fact]
    public async Task A_failed_sign_in_is_rejected_in_french()
    {
        using var client = app.NewClient();
        using var response = await AppFixture.SignInAsync(client, app.A.Email(Role.Manager), "mauvais-mot-de-passe");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        page.QuerySelector("#erreur-connexion")!.TextContent.Trim().ShouldBe("Adresse électronique ou mot de passe incorrect.");
        (await client.GetAsync("/api/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_sign_in_form_rejects_a_post_without_antiforgery_token()
    {
        using var client = app.NewClient();
        using var response = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = app.A.Email(Role.Manager), ["Input.Password"] = AppFixture.Password,
        }), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
