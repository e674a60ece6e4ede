using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenCcas.Domain.Platform;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>Requires a permission of <see cref="AccessRules"/> on a page or endpoint.</summary>
public sealed class PermissionAttribute(Permission permission) : AuthorizeAttribute(PermissionPolicies.Prefix + permission);

public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

public static class PermissionPolicies
{
    public const string Prefix = "perm:";
    public static string For(Permission p) => Prefix + p;
}

/// <summary>Makes a policy "perm:X" for every permission X, decided by <see cref="AccessRules"/>.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(PermissionPolicies.Prefix, StringComparison.Ordinal)
            && Enum.TryParse<Permission>(policyName[PermissionPolicies.Prefix.Length..], out var p))
            return new AuthorizationPolicyBuilder(AuthSchemes.Default).RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(p)).Build();
        return await base.GetPolicyAsync(policyName);
    }
}

public sealed class PermissionHandler(CurrentUser current) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (await current.GetActorAsync() is { } actor && AccessRules.Can(actor, requirement.Permission))
            context.Succeed(requirement);
    }
}
