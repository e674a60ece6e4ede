using System.Security.Cryptography;
using System.Text;
using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.Platform;

/// <summary>A personal API token for integrations: only its SHA-256 is stored; scoped to an organisation and roles.</summary>
public sealed class ApiToken : ITenantOwned
{
    public const string Prefix = "occas_";
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The roles this token may use (a subset of its owner's roles), comma separated codes.</summary>
    public string Roles { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public IReadOnlyList<Role> RoleList => Roles
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(r => Enum.TryParse<Role>(r, out var role) ? role : (Role?)null)
        .Where(r => r is not null).Select(r => r!.Value).ToList();

    public bool IsUsable(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>Creates a new secret; the caller shows it once and stores only the hash.</summary>
    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Hash(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
