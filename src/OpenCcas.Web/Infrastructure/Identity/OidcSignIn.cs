using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>
/// OpenID Connect sign-in, compatible with ProConnect: authorization code with PKCE, userinfo returned as a signed
/// JWT. The person is matched by email to an account an administrator created; nobody is provisioned by sign-in.
/// </summary>
/// <remarks>
/// ASP.NET Core's handler, when it fetches userinfo itself, reads an <c>application/jwt</c> answer without checking its
/// signature. So it is not asked to: <see cref="FetchUserInfoAsync"/> calls the userinfo endpoint once the id_token
/// is validated, requires a JWT signed by one of the provider's published keys (issuer and audience checked, same
/// <c>sub</c> as the id_token), and only then adds its claims. "Oidc:RequireSignedUserInfo" = false also accepts
/// plain JSON, for providers that do not sign.
/// <para>
/// Sign-out (RP-initiated logout): the id_token received at sign-in is kept in the application cookie's
/// authentication properties (<see cref="IdTokenName"/>); <see cref="SignOutAtProviderAsync"/> sends the agent to the
/// provider's <c>end_session_endpoint</c> with it as <c>id_token_hint</c>, a <c>state</c> and
/// <c>post_logout_redirect_uri</c> = <see cref="SignedOutCallbackPath"/>, from where the handler returns to the sign-in page.
/// </para>
/// </remarks>
public static class OidcSignIn
{
    public const string StartPath = "/connexion/externe";
    public const string ReturnPath = "/connexion/externe/retour";
    /// <summary>The post-logout redirect URI to register at the provider (after the public address).</summary>
    public const string SignedOutCallbackPath = "/signout-callback-oidc";
    /// <summary>Name of the id_token among the application cookie's stored tokens.</summary>
    public const string IdTokenName = "id_token";
    private const string IdTokenHintParameter = "openccas.id_token_hint";

    public static bool IsEnabled(IConfiguration config) => config.GetValue("Oidc:Enabled", false);

    public static void Add(AuthenticationBuilder auth, IConfiguration config)
    {
        if (!IsEnabled(config)) return;
        var s = config.GetSection("Oidc");
        var requireSigned = s.GetValue("RequireSignedUserInfo", true);
        auth.AddOpenIdConnect(AuthSchemes.Oidc, s["DisplayName"] ?? "ProConnect", o =>
        {
            o.Authority = s["Authority"];
            o.ClientId = s["ClientId"];
            o.ClientSecret = s["ClientSecret"];
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.UsePkce = true;
            o.RequireHttpsMetadata = s.GetValue("RequireHttpsMetadata", true);
            o.GetClaimsFromUserInfoEndpoint = false; // done by FetchUserInfoAsync, with the signature checked
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = s["CallbackPath"] is { Length: > 0 } cb ? cb : "/signin-oidc";
            o.SignedOutCallbackPath = SignedOutCallbackPath;
            o.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
            o.Scope.Clear();
            foreach (var scope in (s["Scopes"] ?? "openid email").Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            var acr = s["AcrValues"];
            o.Events.OnRedirectToIdentityProvider = ctx =>
            {
                if (!string.IsNullOrEmpty(acr)) ctx.ProtocolMessage.AcrValues = acr;
                return Task.CompletedTask;
            };
            o.Events.OnTokenValidated = async ctx =>
            {
                await FetchUserInfoAsync(ctx, requireSigned);
                // Kept (in the external cookie, then the application cookie) for the id_token_hint of the sign-out.
                if (ctx.Result is null && ctx.TokenEndpointResponse?.IdToken is { Length: > 0 } idToken)
                    ctx.Properties!.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
            };
            o.Events.OnRedirectToIdentityProviderForSignOut = ctx =>
            {
                if (string.IsNullOrEmpty(ctx.ProtocolMessage.IssuerAddress))
                {
                    // No end_session_endpoint (SignOutAtProviderAsync checks it first): the local sign-out is all there is.
                    ctx.Response.Redirect(ctx.Properties.RedirectUri ?? "/connexion");
                    ctx.HandleResponse();
                    return Task.CompletedTask;
                }
                ctx.ProtocolMessage.IdTokenHint = ctx.Properties.GetParameter<string>(IdTokenHintParameter);
                return Task.CompletedTask;
            };
            o.Events.OnSignedOutCallbackRedirect = ctx =>
            {
                // Back from the provider without a state it issued (lost or forged): the sign-in page, not a blank one.
                if (string.IsNullOrEmpty(ctx.Properties?.RedirectUri))
                {
                    ctx.Response.Redirect("/connexion");
                    ctx.HandleResponse();
                }
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = ctx =>
            {
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn))
                    .LogWarning("External sign-in failed: {Error}", ctx.Failure?.Message);
                ctx.Response.Redirect("/connexion?erreur=externe");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>Calls userinfo with the access token and adds its claims, after checking the JWT's signature.</summary>
    internal static async Task FetchUserInfoAsync(TokenValidatedContext ctx, bool requireSigned)
    {
        var accessToken = ctx.TokenEndpointResponse?.AccessToken;
        var identity = ctx.Principal?.Identity as ClaimsIdentity;
        if (string.IsNullOrEmpty(accessToken) || identity is null)
        {
            ctx.Fail("Aucun jeton d'accès : les informations de l'utilisateur ne peuvent être lues.");
            return;
        }
        var configuration = await ctx.Options.ConfigurationManager!.GetConfigurationAsync(ctx.HttpContext.RequestAborted);
        if (string.IsNullOrEmpty(configuration.UserInfoEndpoint))
        {
            ctx.Fail("Le fournisseur d'identité ne publie pas de point d'accès userinfo.");
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await ctx.Options.Backchannel.SendAsync(request, ctx.HttpContext.RequestAborted);
        if (!response.IsSuccessStatusCode)
        {
            ctx.Fail($"Userinfo a répondu {(int)response.StatusCode}.");
            return;
        }
        var body = await response.Content.ReadAsStringAsync(ctx.HttpContext.RequestAborted);
        var mediaType = response.Content.Headers.ContentType?.MediaType;

        IReadOnlyList<Claim> claims;
        if (string.Equals(mediaType, "application/jwt", StringComparison.OrdinalIgnoreCase))
        {
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(body.Trim(), new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer,
                ValidAudience = ctx.Options.ClientId,
                IssuerSigningKeys = configuration.SigningKeys,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256],
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,
                // ProConnect's userinfo JWT carries iat but not always exp: exp is checked when present.
                RequireExpirationTime = false,
                ValidateLifetime = true,
            });
            if (!result.IsValid)
            {
                ctx.Fail("Réponse userinfo refusée : signature ou émetteur non valide (" + result.Exception?.GetType().Name + ").");
                return;
            }
            claims = ((JsonWebToken)result.SecurityToken).Claims.ToList();
        }
        else if (!requireSigned && string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            using var json = JsonDocument.Parse(body);
            claims = json.RootElement.EnumerateObject()
                .Where(p => p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
                .Select(p => new Claim(p.Name, p.Value.ToString())).ToList();
        }
        else
        {
            ctx.Fail($"Réponse userinfo refusée : un JWT signé est exigé, reçu « {mediaType} ».");
            return;
        }

        // OpenID Connect Core 5.3.2: the userinfo sub must be the id_token's.
        var sub = identity.FindFirst("sub")?.Value;
        if (sub is null || claims.FirstOrDefault(c => c.Type == "sub")?.Value != sub)
        {
            ctx.Fail("Réponse userinfo refusée : elle ne concerne pas la personne authentifiée.");
            return;
        }
        string[] skipped = ["sub", "iss", "aud", "iat", "exp", "nbf", "jti", "nonce"];
        foreach (var claim in claims.Where(c => !skipped.Contains(c.Type)))
            if (!identity.HasClaim(claim.Type, claim.Value))
                identity.AddClaim(new Claim(claim.Type, claim.Value, ClaimValueTypes.String, configuration.Issuer));
    }

    /// <summary>The id_token kept in the application cookie when the agent signed in through the provider, else null.</summary>
    public static async Task<string?> SignedInIdTokenAsync(HttpContext ctx)
    {
        if (!IsEnabled(ctx.RequestServices.GetRequiredService<IConfiguration>())) return null;
        var result = await ctx.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        return result.Succeeded ? result.Properties?.GetTokenValue(IdTokenName) : null;
    }

    /// <summary>
    /// Sends the browser to the provider's end_session_endpoint (id_token_hint, state, post_logout_redirect_uri), after
    /// the local sign-out; back from it, the handler redirects to <paramref name="redirectUri"/>. Returns false, having
    /// written nothing, when the provider publishes no end_session_endpoint or its discovery document cannot be read:
    /// the local sign-out then stands alone.
    /// </summary>
    public static async Task<bool> SignOutAtProviderAsync(HttpContext ctx, string idToken, string redirectUri)
    {
        var options = ctx.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(AuthSchemes.Oidc);
        var logger = ctx.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OidcSignIn));
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await options.ConfigurationManager!.GetConfigurationAsync(ctx.RequestAborted);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Provider sign-out skipped: the discovery document could not be read ({Error}).", e.Message);
            return false;
        }
        if (string.IsNullOrEmpty(configuration.EndSessionEndpoint))
        {
            logger.LogInformation("Provider sign-out skipped: the provider publishes no end_session_endpoint.");
            return false;
        }
        var props = new AuthenticationProperties { RedirectUri = redirectUri };
        props.SetParameter(IdTokenHintParameter, idToken); // a parameter, not an item: it does not travel in the state
        await ctx.SignOutAsync(AuthSchemes.Oidc, props);
        return true;
    }

    public static void MapEndpoints(WebApplication app)
    {
        app.MapGet(StartPath, (HttpContext ctx) =>
            IsEnabled(app.Configuration)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = ReturnPath }, [AuthSchemes.Oidc])
                : Results.NotFound()).AllowAnonymous();

        app.MapGet(ReturnPath, async (HttpContext ctx, AppDbContext db, SignInManager<AppUser> signIn, TenantContext tenant,
            AuditActor actor, AuditLog audit) =>
        {
            if (!IsEnabled(app.Configuration)) return Results.NotFound();
            var external = await ctx.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await ctx.SignOutAsync(IdentityConstants.ExternalScheme);
            var email = external.Principal?.FindFirstValue("email") ?? external.Principal?.FindFirstValue(ClaimTypes.Email);
            if (!external.Succeeded || string.IsNullOrWhiteSpace(email))
                return Results.Redirect("/connexion?erreur=externe");

            var normalized = email.Trim().ToUpperInvariant();
            // No organisation is known yet: this lookup sees every account, then the account's organisation is set.
            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
            if (user is null || !user.Active)
            {
                // No organisation, hence no audit log, for a person without an account: the server log says it, without the address.
                app.Logger.LogWarning("External sign-in refused: no active account for the email the provider gave.");
                return Results.Redirect("/connexion?erreur=compte-inconnu");
            }

            tenant.Set(user.OrganisationId);
            actor.Set(user.Id, user.DisplayName);
            if (await signIn.UserManager.IsLockedOutAsync(user))
            {
                await audit.RecordAsync(AuditAction.SignInFailed, nameof(AppUser), user.Id.ToString(), "Compte verrouillé (connexion externe)");
                return Results.Redirect("/connexion?erreur=externe");
            }
            user.LastSignInAt = DateTimeOffset.UtcNow; // saved with the sign-in audit line, in one commit
            var props = new AuthenticationProperties { IsPersistent = false };
            if (external.Properties?.GetTokenValue(IdTokenName) is { Length: > 0 } idToken)
                props.StoreTokens([new AuthenticationToken { Name = IdTokenName, Value = idToken }]);
            await signIn.SignInAsync(user, props, authenticationMethod: AuthSchemes.Oidc);
            await audit.RecordAsync(AuditAction.SignIn, nameof(AppUser), user.Id.ToString(),
                "Connexion par " + (app.Configuration["Oidc:DisplayName"] ?? "OpenID Connect"));
            return Results.Redirect("/");
        }).AllowAnonymous();
    }
}
