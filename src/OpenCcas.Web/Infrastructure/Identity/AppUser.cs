using Microsoft.AspNetCore.Identity;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>An agent's account. Belongs to exactly one organisation; the email is unique in the instance.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid OrganisationId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public bool Active { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? LastSignInAt { get; set; }
    /// <summary>Set when an administrator gave a temporary password: the agent must choose their own before anything else.</summary>
    public bool MustChangePassword { get; set; }

    public string DisplayName => $"{FirstName} {LastName}";
}
