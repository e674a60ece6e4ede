using OpenCcas.Web.Infrastructure.Identity;
using static OpenCcas.Domain.Platform.Role;

namespace OpenCcas.Web.Tests;

/// <summary>Each role gets 403 (API) or the "accès refusé" page on what it may not use, and the page or data on what it may.</summary>
public sealed class PermissionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Role[] All = Enum.GetValues<Role>();
    private static readonly Role[] TokenHolders = [Admin, Manager, SocialWorker, Instructor, Role.Reception, StatsReader];

    public static TheoryData<string, string, Role[]> ApiTable() => new()
    {
        { "GET", "/api/me", All },
        { "GET", "/api/sites", All },
        { "GET", "/api/teams", All },
        { "GET", "/api/organisation", [Admin] },
        { "PUT", "/api/organisation", [Admin] },
        { "GET", "/api/users", [Admin] },
        { "POST", "/api/users", [Admin] },
        { "POST", "/api/sites", [Admin] },
        { "POST", "/api/teams", [Admin] },
        { "GET", "/api/audit", [Admin] },
        { "GET", "/api/audit/verify", [Admin] },
        { "GET", "/api/tokens", TokenHolders },
        { "POST", "/api/tokens", TokenHolders },
    };

    private static object? BodyFor(string method, string path, Role role) => (method, path) switch
    {
        ("POST", "/api/sites") => new { name = $"Site créé par {role}", kind = 0 },
        ("POST", "/api/teams") => new { name = $"Équipe créée par {role}" },
        ("POST", "/api/users") => new { firstName = "Nouvel", lastName = "Agent", email = $"nouveau-{role}@a.test".ToLowerInvariant(), roles = new[] { new { role = (int)Volunteer } } },
        ("POST", "/api/tokens") => new { name = "Jeton", days = 10, roles = new[] { (int)role } },
        ("PUT", "/api/organisation") => null, // filled from GET below
        _ => null,
    };

    [Theory]
    [MemberData(nameof(ApiTable))]
    public async Task Api_answers_403_to_roles_that_may_not_and_success_to_those_that_may(string method, string path, Role[] allowed)
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var role in All)
        {
            var client = await app.SignedInAsync(app.A, role);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            var body = BodyFor(method, path, role);
            if (method == "PUT" && path == "/api/organisation")
            {
                var admin = await app.SignedInAsync(app.A, Admin);
                var current = await admin.GetFromJsonAsync<JsonElement>("/api/organisation", ct);
                body = new { name = current.GetProperty("name").GetString(), kind = 0, version = current.GetProperty("version").GetInt32() };
            }
            if (method is "POST" or "PUT") request.Content = JsonContent.Create(body);
            using var response = await client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            if (allowed.Contains(role))
                status.ShouldBeInRange(200, 299, $"{role} may {method} {path}: {await response.Content.ReadAsStringAsync(ct)}");
            else
                response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} may not {method} {path}");
        }
    }

    [Fact]
    public async Task Every_permission_guarded_endpoint_without_parameters_follows_the_access_rules()
    {
        // Routes added later are covered: every GET endpoint guarded by a "perm:X" policy is tried with every role,
        // and the expected answer is what AccessRules (tested on its own against the reference table) decides.
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper!;
        var guarded = Endpoints.All(app.Services)
            .Where(e => e.Methods.Contains("GET") && e.Parameters.All(p => p.IsOptional))
            .Select(e => (Endpoint: e, Permissions: e.Policies.Where(p => p.StartsWith(PermissionPolicies.Prefix, StringComparison.Ordinal))
                .Select(p => Enum.Parse<Permission>(p[PermissionPolicies.Prefix.Length..])).ToList()))
            .Where(x => x.Permissions.Count > 0)
            .ToList();
        guarded.ShouldNotBeEmpty();
        var failures = new List<string>();
        foreach (var (endpoint, permissions) in guarded)
        {
            var path = endpoint.Path((_, _) => "");
            path = path.TrimEnd('/').Length == 0 ? "/" : path.TrimEnd('/');
            foreach (var role in All)
            {
                var actor = new Actor(Guid.NewGuid(), app.A.Id, [new RoleGrant(role)]);
                var expected = permissions.All(p => AccessRules.Can(actor, p));
                var client = await app.SignedInAsync(app.A, role);
                using var response = await client.GetAsync(path, ct);
                var status = (int)response.StatusCode;
                var denied = response.StatusCode == HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && PathOf(response.Headers.Location) == "/acces-refuse");
                var ok = status is >= 200 and < 300;
                if (expected ? !ok : !denied) failures.Add($"{role} GET {path} → {status} (expected {(expected ? "success" : "denial")})");
            }
            output.WriteLine($"GET {path} requires {string.Join(", ", permissions)}");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_page_and_api_route_requires_a_signed_in_user_unless_it_says_otherwise()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymous = app.NewClient();
        (await anonymous.GetAsync("/api/sites", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/api/me", ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await anonymous.GetAsync("/", ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        PathOf(page.Headers.Location).ShouldBe("/connexion");
        foreach (var e in Endpoints.All(app.Services).Where(e => !e.AllowsAnonymous && e.Methods.Contains("GET") && e.Parameters.All(p => p.IsOptional)))
        {
            var path = e.Path((_, _) => "").TrimEnd('/');
            using var response = await anonymous.GetAsync(path.Length == 0 ? "/" : path, ct);
            ((int)response.StatusCode).ShouldBeOneOf([401, 302], $"anonymous GET {path}");
        }
    }

    private static string? PathOf(Uri? location) =>
        location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];

    [Fact]
    public async Task The_access_denied_page_is_french_and_answers_403()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInAsync(app.A, Volunteer);
        using var response = await client.GetAsync("/acces-refuse", ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(ct)).QuerySelector("h1")!.TextContent.ShouldContain("Accès refusé");
    }

    [Fact]
    public async Task Dashboard_opens_for_every_role()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var role in All)
        {
            var client = await app.SignedInAsync(app.A, role);
            using var response = await client.GetAsync("/", ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
            new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(ct)).Body!.TextContent.ShouldContain(app.A.Name);
        }
    }
}
