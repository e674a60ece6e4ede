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
public sealed class ApiTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, AccessCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>What a valid token says; kept by <see cref="AccessCache"/> so that a call costs no lookup.</summary>
    private sealed record TokenOwner(Guid TokenId, Guid UserId, Guid OrganisationId, string Roles, DateTimeOffset ExpiresAt,
        DateTimeOffset? LastUsedAt, string UserName, string DisplayName);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(ApiToken.Prefix, StringComparison.Ordinal)) return AuthenticateResult.Fail("Jeton invalide.");

        var hash = ApiToken.Hash(secret);
        var now = DateTimeOffset.UtcNow;
        var key = ("token", hash);
        var owner = await cache.GetAsync(key, () => LoadAsync(hash));
        if (owner is null || owner.ExpiresAt <= now) return AuthenticateResult.Fail("Jeton inconnu, expiré ou révoqué, ou compte désactivé.");

        // "Last used" is kept to the nearest few minutes: not a write per call.
        if (owner.LastUsedAt is null || now - owner.LastUsedAt > TimeSpan.FromMinutes(5))
        {
            await db.ApiTokens.IgnoreQueryFilters().Where(t => t.Id == owner.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now));
            cache.Forget(key); // this token only: the other callers' entries are still right
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, owner.UserId.ToString()),
            new Claim(ClaimTypes.Name, owner.UserName),
            new Claim(OpenCcasClaims.Organisation, owner.OrganisationId.ToString()),
            new Claim(OpenCcasClaims.DisplayName, owner.DisplayName),
            new Claim(OpenCcasClaims.TokenRoles, owner.Roles),
        ], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    /// <summary>The token and its active owner in one query; null when either is missing, revoked or disabled.</summary>
    private async Task<TokenOwner?> LoadAsync(string hash)
    {
        // The token is what tells the organisation, so this lookup is the one read made before a tenant is set.
        return await (from t in db.ApiTokens.IgnoreQueryFilters()
                      join u in db.Users.IgnoreQueryFilters() on new { Id = t.UserId, Org = t.OrganisationId } equals new { u.Id, Org = u.OrganisationId }
                      where t.TokenHash == hash && t.RevokedAt == null && u.Active
                      select new TokenOwner(t.Id, u.Id, t.OrganisationId, t.Roles, t.ExpiresAt, t.LastUsedAt,
                          u.UserName ?? u.Email ?? "", u.DisplayName))
            .AsNoTracking().SingleOrDefaultAsync();
    }
}
