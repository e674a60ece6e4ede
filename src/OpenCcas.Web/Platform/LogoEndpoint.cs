using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Platform;

/// <summary>The signed-in user's organisation logo, for the header.</summary>
public static class LogoEndpoint
{
    public static void Map(WebApplication app) =>
        app.MapGet("/logo", async (AppDbContext db) =>
        {
            var logo = await db.Organisations.AsNoTracking().Select(o => new { o.Logo, o.LogoContentType }).FirstOrDefaultAsync();
            return logo?.Logo is { } bytes && logo.LogoContentType is { } type ? Results.File(bytes, type) : Results.NotFound();
        });
}

/// <summary>The platform module's record names in the audit journal.</summary>
public static class PlatformAuditLabels
{
    public static void Register()
    {
        Infrastructure.Audit.AuditLabels.Register("Organisation", "Organisation");
        Infrastructure.Audit.AuditLabels.Register("Site", "Site");
        Infrastructure.Audit.AuditLabels.Register("Team", "Équipe");
        Infrastructure.Audit.AuditLabels.Register("TeamMember", "Membre d'équipe");
        Infrastructure.Audit.AuditLabels.Register("RoleAssignment", "Rôle attribué");
        Infrastructure.Audit.AuditLabels.Register("ApiToken", "Jeton d'API");
    }
}
