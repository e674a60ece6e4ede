using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Identity;

public static class OpenCcasClaims
{
    public const string Organisation = "openccas:org";
    /// <summary>Present on API-token principals: the roles the token is limited to.</summary>
    public const string TokenRoles = "openccas:token_roles";
    public const string DisplayName = "openccas:name";
    /// <summary>Present while the account's password is a temporary one given by an administrator.</summary>
    public const string MustChangePassword = "openccas:must_change_password";

    public static Guid? UserId(this ClaimsPrincipal p) =>
        Guid.TryParse(p.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static Guid? OrganisationId(this ClaimsPrincipal p) =>
        Guid.TryParse(p.FindFirstValue(Organisation), out var id) ? id : null;
}

/// <summary>The acting user of this request as the access rules see them; loaded once per request (and kept a few seconds by <see cref="AccessCache"/>).</summary>
public sealed class CurrentUser(IHttpContextAccessor http, AppDbContext db, AccessCache cache)
{
    private Actor? actor;
    private bool loaded;

    public async Task<Actor?> GetActorAsync(CancellationToken ct = default)
    {
        if (loaded) return actor;
        loaded = true;
        var principal = http.HttpContext?.User;
        if (principal?.UserId() is not { } userId || principal.OrganisationId() is not { } orgId) return null;
        var tokenRoles = principal.FindFirstValue(OpenCcasClaims.TokenRoles);
        actor = await cache.GetAsync(("actor", userId, orgId, tokenRoles), () => LoadAsync(db, userId, orgId, tokenRoles, ct));
        return actor;
    }

    public async Task<Actor> RequireActorAsync(CancellationToken ct = default) =>
        await GetActorAsync(ct) ?? throw new InvalidOperationException("No signed-in user.");

    public async Task<bool> CanAsync(Permission permission, CancellationToken ct = default) =>
        await GetActorAsync(ct) is { } a && AccessRules.Can(a, permission);

    internal static async Task<Actor?> LoadAsync(AppDbContext db, Guid userId, Guid orgId, string? tokenRoles, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.OrganisationId == orgId && u.Active)
            .Select(u => new { u.Id }).SingleOrDefaultAsync(ct);
        if (user is null) return null;
        var grants = await db.RoleAssignments.AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new RoleGrant(r.Role, r.SiteId, r.TeamId)).ToListAsync(ct);
        if (tokenRoles is not null)
        {
            var allowed = tokenRoles.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
            grants = grants.Where(g => allowed.Contains(g.Role.ToString())).ToList();
        }
        var teams = await db.TeamMembers.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.TeamId).ToListAsync(ct);
        return new Actor(userId, orgId, grants, teams);
    }
}
