using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform;

public sealed record UserSummary(Guid Id, string FirstName, string LastName, string Email, bool Active, bool TwoFactorEnabled,
    bool LockedOut, IReadOnlyList<RoleInput> Roles, IReadOnlyList<Guid> TeamIds);

/// <summary>Creating and changing agents' accounts, their roles and their teams: used by the pages, the API and the commands.</summary>
public sealed class UserAccounts(AppDbContext db, UserManager<AppUser> users)
{
    /// <param name="temporary">The password is a temporary one given by an administrator: the agent must change it.</param>
    public async Task<(AppUser? User, IEnumerable<string> Errors)> CreateAsync(UserInput input, string? password, bool temporary = false)
    {
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(),
            OrganisationId = db.Tenant.Required,
            FirstName = input.FirstName.Trim(),
            LastName = input.LastName.Trim(),
            Email = input.Email.Trim(),
            UserName = input.Email.Trim(),
            Active = input.Active,
            EmailConfirmed = true,
            MustChangePassword = temporary && password is not null,
        };
        // Inside the caller's transaction when there is one (the demo seeding, the create-organisation command).
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
        if (!result.Succeeded) return (null, result.Errors.Select(e => e.Description));
        SetRolesAndTeams(user.Id, input, [], []);
        await db.SaveChangesAsync();
        if (tx is not null) await tx.CommitAsync();
        return (user, []);
    }

    public async Task<IEnumerable<string>> UpdateAsync(AppUser user, UserInput input)
    {
        user.FirstName = input.FirstName.Trim();
        user.LastName = input.LastName.Trim();
        user.Active = input.Active;
        if (!string.Equals(user.Email, input.Email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            user.Email = input.Email.Trim();
            user.UserName = input.Email.Trim();
        }
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return result.Errors.Select(e => e.Description);
        if (!input.Active) await users.UpdateSecurityStampAsync(user); // ends the sessions of a deactivated agent
        var roles = await db.RoleAssignments.Where(r => r.UserId == user.Id).ToListAsync();
        var teams = await db.TeamMembers.Where(m => m.UserId == user.Id).ToListAsync();
        SetRolesAndTeams(user.Id, input, roles, teams);
        await db.SaveChangesAsync();
        if (tx is not null) await tx.CommitAsync();
        return [];
    }

    private void SetRolesAndTeams(Guid userId, UserInput input, List<RoleAssignment> roles, List<TeamMember> teams)
    {
        var wanted = input.Roles.DistinctBy(r => (r.Role, r.SiteId, r.TeamId)).ToList();
        db.RoleAssignments.RemoveRange(roles.Where(r => !wanted.Any(w => w.Role == r.Role && w.SiteId == r.SiteId && w.TeamId == r.TeamId)));
        db.RoleAssignments.AddRange(wanted.Where(w => !roles.Any(r => w.Role == r.Role && w.SiteId == r.SiteId && w.TeamId == r.TeamId))
            .Select(w => new RoleAssignment { UserId = userId, Role = w.Role, SiteId = w.SiteId, TeamId = w.TeamId }));
        var wantedTeams = input.TeamIds.Distinct().ToList();
        db.TeamMembers.RemoveRange(teams.Where(t => !wantedTeams.Contains(t.TeamId)));
        db.TeamMembers.AddRange(wantedTeams.Where(t => teams.All(m => m.TeamId != t)).Select(t => new TeamMember { UserId = userId, TeamId = t }));
    }

    public async Task<List<UserSummary>> ListAsync(Guid? id = null)
    {
        var q = db.Users.AsNoTracking();
        if (id is { } only) q = q.Where(u => u.Id == only);
        var list = await q.OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ToListAsync();
        var ids = list.Select(u => u.Id).ToList();
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => ids.Contains(r.UserId)).ToListAsync();
        var teams = await db.TeamMembers.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        return list.Select(u => new UserSummary(u.Id, u.FirstName, u.LastName, u.Email ?? "", u.Active, u.TwoFactorEnabled,
            u.LockoutEnd > now,
            roles.Where(r => r.UserId == u.Id).Select(r => new RoleInput { Role = r.Role, SiteId = r.SiteId, TeamId = r.TeamId }).ToList(),
            teams.Where(t => t.UserId == u.Id).Select(t => t.TeamId).ToList())).ToList();
    }

    /// <summary>Gives a temporary password (shown once to the administrator), which the agent must replace at sign-in.</summary>
    public async Task<string> GiveTemporaryPasswordAsync(AppUser user)
    {
        var password = NewTemporaryPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        user.MustChangePassword = true; // saved with the new password
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.SetLockoutEndDateAsync(user, null);
        return password;
    }

    public async Task UnlockAsync(AppUser user)
    {
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
    }

    /// <summary>For a lost phone: the agent enrols a new authenticator at the next sign-in.</summary>
    public async Task ResetTwoFactorAsync(AppUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
    }

    /// <summary>16 characters from an unambiguous alphabet, with the classes the password rules require.</summary>
    internal static string NewTemporaryPassword()
    {
        const string lower = "abcdefghjkmnpqrstuvwxyz", upper = "ABCDEFGHJKMNPQRSTUVWXYZ", digits = "23456789";
        const string all = lower + upper + digits;
        var chars = new char[16];
        chars[0] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
