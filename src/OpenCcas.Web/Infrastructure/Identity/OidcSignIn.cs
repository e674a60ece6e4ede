using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>
/// OpenID Connect sign-in, compatible with ProConnect: authorization code with PKCE, userinfo returned as a signed
/// JWT. The person is matched by email to an account an administrator created; nobody is provisioned by sign-in.
/// </summary>
public static class OidcSignIn
{
    public const string StartPath = "/connexion/externe";
    public const string ReturnPath = "/connexion/externe/retour";

    public static bool IsEnabled(IConfiguration config) => config.GetValue("Oidc:Enabled", false);

    public static void Add(AuthenticationBuilder auth, IConfiguration config)
    {
        if (!IsEnabled(config)) return;
        var s = config.GetSection("Oidc");
        auth.AddOpenIdConnect(AuthSchemes.Oidc, s["DisplayName"] ?? "ProConnect", o =>
        {
            o.Authority = s["Authority"];
            o.ClientId = s["ClientId"];
            o.ClientSecret = s["ClientSecret"];
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            o.RequireHttpsMetadata = s.GetValue("RequireHttpsMetadata", true);
            o.GetClaimsFromUserInfoEndpoint = true;
            o.MapInboundClaims = false;
            o.SaveTokens = false;
            o.SignInScheme = IdentityConstants.ExternalScheme;
            o.CallbackPath = "/signin-oidc";
            o.Scope.Clear();
            foreach (var scope in (s["Scopes"] ?? "openid email").Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
            if (s["AcrValues"] is { Length: > 0 } acr)
                o.Events.OnRedirectToIdentityProvider = ctx => { ctx.ProtocolMessage.AcrValues = acr; return Task.CompletedTask; };
        });
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
            var external = await ctx.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await ctx.SignOutAsync(IdentityConstants.ExternalScheme);
            var email = external.Principal?.FindFirstValue("email") ?? external.Principal?.FindFirstValue(ClaimTypes.Email);
            if (!external.Succeeded || string.IsNullOrWhiteSpace(email))
                return Results.Redirect("/connexion?erreur=externe");

            var normalized = email.Trim().ToUpperInvariant();
            var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized);
            if (user is null || !user.Active)
                return Results.Redirect("/connexion?erreur=compte-inconnu");

            tenant.Set(user.OrganisationId);
            actor.Set(user.Id, user.DisplayName);
            user.LastSignInAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
            await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: AuthSchemes.Oidc);
            await audit.RecordAsync(AuditAction.SignIn, "AppUser", user.Id.ToString(), "Connexion par " + (app.Configuration["Oidc:DisplayName"] ?? "OpenID Connect"));
            return Results.Redirect("/");
        }).AllowAnonymous();
    }
}
