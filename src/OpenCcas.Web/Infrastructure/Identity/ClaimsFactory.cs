using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>Adds the organisation and display name to the sign-in cookie; roles are read from the database per request.</summary>
public sealed class ClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OpenCcasClaims.Organisation, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(OpenCcasClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword) identity.AddClaim(new Claim(OpenCcasClaims.MustChangePassword, "1"));
        return identity;
    }
}
