using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Infrastructure.Tenancy;

/// <summary>What every request needs to know about its organisation, read once per request (kept a few seconds by <see cref="AccessCache"/>).</summary>
public sealed class CurrentOrganisation(AppDbContext db, AccessCache cache)
{
    public sealed record Summary(string Name, bool HasLogo, bool RequireTwoFactor);

    private Summary? summary;

    /// <summary>Null before sign-in (no organisation is set yet).</summary>
    public async Task<Summary?> GetAsync()
    {
        if (summary is not null || db.CurrentOrganisationId is null) return summary;
        summary = await cache.GetAsync(("organisation", db.CurrentOrganisationId), () => db.Organisations.AsNoTracking()
            .Select(o => new Summary(o.Name, o.LogoContentType != null, o.RequireTwoFactor)).FirstOrDefaultAsync());
        return summary;
    }
}
