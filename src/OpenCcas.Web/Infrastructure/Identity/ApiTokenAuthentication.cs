using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Identity;

public static class AuthSchemes
{
    /// <summary>Picks the bearer token when an Authorization header is present, the cookie otherwise.</summary>
    public const string Default = "OpenCcas";
    public const string ApiToken = "ApiToken";
    public const string Oidc = "ProConnect";
}

/// <summary>Authenticates integrations with a personal API token ("Authorization: Bearer occas_…").</summary>
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AppDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal)) return AuthenticateResult.Fail("Jeton invalide.");

        var hash = ApiToken.Hash(secret);
        // The token is what tells the organisation, so this lookup is the one read made before a tenant is set.
        var token = await db.ApiTokens.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash);
        var now = DateTimeOffset.UtcNow;
        if (token is null || !token.IsUsable(now)) return AuthenticateResult.Fail("Jeton inconnu, expiré ou révoqué.");
        var user = await db.Users.IgnoreQueryFilters().AsNoTracking()
            .SingleOrDefaultAsync(u => u.Id == token.UserId && u.OrganisationId == token.OrganisationId && u.Active);
        if (user is null) return AuthenticateResult.Fail("Compte désactivé.");

        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(5))
            await db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.UserName ?? user.Email ?? ""),
            new Claim(OpenCcasClaims.Organisation, token.OrganisationId.ToString()),
            new Claim(OpenCcasClaims.DisplayName, user.DisplayName),
            new Claim(OpenCcasClaims.TokenRoles, token.Roles),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
