using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OpenCcas.Identity.Tests;

public enum UserInfoMode { Signed, Unsigned, WrongKey, PlainJson, OtherSubject }

/// <summary>One call to the provider's end_session_endpoint, as the browser made it.</summary>
public sealed record EndSessionCall(string? IdTokenHint, string? PostLogoutRedirectUri, string? State, string? ClientId);

/// <summary>
/// A fake OpenID provider shaped like ProConnect, on Kestrel at 127.0.0.1 and a free port: discovery, authorize
/// (auto-consent), token (client credentials and PKCE S256 checked), userinfo answered as a signed JWT
/// (<c>application/jwt</c>), jwks, and end_session (RP-initiated logout: records each call, then redirects to the
/// <c>post_logout_redirect_uri</c> with the <c>state</c>).
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "openccas-test";
    public const string ClientSecret = "secret-de-test-oidc";

    private sealed record Grant(string RedirectUri, string Challenge, string Method, string Nonce, string Subject, string Email);

    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "cle-1" };
    private readonly RsaSecurityKey otherKey = new(RSA.Create(2048)) { KeyId = "cle-1" }; // same kid, other key: a forgery
    private readonly ConcurrentDictionary<string, Grant> codes = new();
    private readonly ConcurrentDictionary<string, Grant> accessTokens = new();
    private WebApplication? app;

    public string Authority { get; private set; } = "";
    /// <summary>The person the next authorisation signs in.</summary>
    public string Email { get; set; } = "";
    public string Subject { get; set; } = "sub-" + Guid.NewGuid().ToString("N");
    public UserInfoMode Mode { get; set; } = UserInfoMode.Signed;
    /// <summary>False: the discovery document has no end_session_endpoint (set before <see cref="StartAsync"/>).</summary>
    public bool PublishEndSession { get; set; } = true;

    public int PkceVerified;
    public int TokenRequestsRejected;
    public int UserInfoCalls;
    public string? LastChallengeMethod { get; private set; }
    /// <summary>The last id_token issued to each subject.</summary>
    public ConcurrentDictionary<string, string> IdTokens { get; } = new();
    public ConcurrentQueue<EndSessionCall> EndSessionCalls { get; } = new();

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ApplicationName = "FakeOidcProvider" });
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(Discovery()));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", Authorize);
        app.MapPost("/token", TokenAsync);
        app.MapGet("/userinfo", UserInfo);
        app.MapGet("/session/end", EndSession);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Authority = address.TrimEnd('/').Replace("localhost", "127.0.0.1");
    }

    private Dictionary<string, object> Discovery()
    {
        var discovery = new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["userinfo_endpoint"] = Authority + "/userinfo",
            ["jwks_uri"] = Authority + "/jwks",
            ["end_session_endpoint"] = Authority + "/session/end",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["grant_types_supported"] = new[] { "authorization_code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["userinfo_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["scopes_supported"] = new[] { "openid", "email", "given_name", "usual_name" },
        };
        if (!PublishEndSession) discovery.Remove("end_session_endpoint");
        return discovery;
    }

    private IResult Authorize(HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || string.IsNullOrEmpty(q["redirect_uri"]))
            return Results.BadRequest("invalid_request");
        if (string.IsNullOrEmpty(q["code_challenge"]))
            return Results.BadRequest("PKCE is required");
        LastChallengeMethod = q["code_challenge_method"];
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        codes[code] = new Grant(q["redirect_uri"]!, q["code_challenge"]!, q["code_challenge_method"]!, q["nonce"].ToString(), Subject, Email);
        return Results.Redirect($"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"]!)}");
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        string? clientId = form["client_id"], secret = form["client_secret"];
        if (request.Headers.Authorization.ToString() is { } auth && auth.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth[6..])).Split(':', 2);
            (clientId, secret) = (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }
        if (clientId != ClientId || secret != ClientSecret) return Reject("invalid_client");
        if (form["grant_type"] != "authorization_code" || !codes.TryRemove(form["code"].ToString(), out var grant)) return Reject("invalid_grant");
        if (form["redirect_uri"] != grant.RedirectUri) return Reject("invalid_grant");
        var verifier = form["code_verifier"].ToString();
        if (grant.Method != "S256" || string.IsNullOrEmpty(verifier)
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))) != grant.Challenge)
            return Reject("invalid_grant");
        Interlocked.Increment(ref PkceVerified);

        var accessToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        accessTokens[accessToken] = grant;
        var atHash = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken))[..16]);
        var idToken = Sign(key, new Dictionary<string, object>
        {
            ["sub"] = grant.Subject,
            ["nonce"] = grant.Nonce,
            ["acr"] = "eidas1",
            ["amr"] = new[] { "pwd" },
            ["at_hash"] = atHash,
            ["auth_time"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
        IdTokens[grant.Subject] = idToken;
        return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 60, id_token = idToken, scope = "openid email" });
    }

    private IResult EndSession(HttpRequest request)
    {
        var q = request.Query;
        var call = new EndSessionCall(q["id_token_hint"], q["post_logout_redirect_uri"], q["state"], q["client_id"]);
        EndSessionCalls.Enqueue(call);
        if (string.IsNullOrEmpty(call.PostLogoutRedirectUri))
            return Results.Text("Vous êtes déconnecté de ProConnect.");
        var state = string.IsNullOrEmpty(call.State) ? "" : "?state=" + Uri.EscapeDataString(call.State);
        return Results.Redirect(call.PostLogoutRedirectUri + state);
    }

    private IResult Reject(string error)
    {
        Interlocked.Increment(ref TokenRequestsRejected);
        return Results.Json(new { error }, statusCode: 400);
    }

    private IResult UserInfo(HttpRequest request)
    {
        Interlocked.Increment(ref UserInfoCalls);
        var auth = request.Headers.Authorization.ToString();
        if (!auth.StartsWith("Bearer ", StringComparison.Ordinal) || !accessTokens.TryGetValue(auth[7..], out var grant))
            return Results.Json(new { error = "invalid_token" }, statusCode: 401);
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Mode == UserInfoMode.OtherSubject ? "quelqu-un-d-autre" : grant.Subject,
            ["email"] = grant.Email,
            ["given_name"] = "Camille",
            ["usual_name"] = "Agent",
        };
        if (Mode == UserInfoMode.PlainJson) return Results.Json(claims);
        var jwt = Mode switch
        {
            UserInfoMode.Unsigned => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority, Audience = ClientId, Claims = claims, IssuedAt = DateTime.UtcNow, Expires = DateTime.UtcNow.AddMinutes(5),
            }),
            UserInfoMode.WrongKey => Sign(otherKey, claims),
            _ => Sign(key, claims),
        };
        return Results.Text(jwt, "application/jwt");
    }

    private string Sign(RsaSecurityKey with, Dictionary<string, object> claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Claims = claims,
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow.AddSeconds(-5),
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(with, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
    }
}
