using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform;

/// <summary>Personal API tokens: created by their owner, limited to roles the owner holds, shown once, revocable.</summary>
public sealed class ApiTokens(AppDbContext db, CurrentUser current)
{
    public async Task<(ApiToken? Token, string? Secret, string? Error)> CreateAsync(TokenInput input)
    {
        var actor = await current.RequireActorAsync();
        var roles = input.Roles.Distinct().ToList();
        if (roles.Count == 0) return (null, null, "Choisissez au moins un rôle pour ce jeton.");
        if (roles.Any(r => !actor.Has(r))) return (null, null, "Un jeton ne peut porter que des rôles que vous détenez.");
        var secret = ApiToken.NewSecret();
        var token = new ApiToken
        {
            UserId = actor.UserId,
            Name = input.Name.Trim(),
            TokenHash = ApiToken.Hash(secret),
            Roles = string.Join(',', roles),
            ExpiresAt = DateTimeOffset.UtcNow.AddDays(input.Days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return (token, secret, null);
    }

    public async Task<bool> RevokeAsync(Guid id)
    {
        var actor = await current.RequireActorAsync();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == actor.UserId);
        if (token is null) return false;
        token.RevokedAt ??= DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        return true;
    }
}
