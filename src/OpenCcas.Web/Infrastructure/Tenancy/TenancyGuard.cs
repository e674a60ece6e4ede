using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Common;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Infrastructure.Tenancy;

/// <summary>The write half of tenant isolation: no row of another organisation is ever added, changed or removed.</summary>
internal static class TenancyGuard
{
    public static void Check(AppDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached) continue;
            var owner = OwnerOf(entry.Entity, entry.State == EntityState.Added ? db.Tenant.OrganisationId : null);
            if (owner is null) continue;

            var current = db.Tenant.Required;
            if (entry.State == EntityState.Added && entry.Entity is ITenantOwned { OrganisationId: var o } && o == Guid.Empty)
            {
                entry.Property(nameof(ITenantOwned.OrganisationId)).CurrentValue = current;
                continue;
            }
            if (owner.Value != current)
                throw new TenancyViolationException($"Écriture refusée : {entry.Metadata.ClrType.Name} appartient à une autre organisation.");
            if (entry.State == EntityState.Modified)
            {
                var prop = entry.Entity switch
                {
                    ITenantOwned or AppUser => entry.Property(nameof(ITenantOwned.OrganisationId)),
                    _ => null,
                };
                if (prop is not null && prop.IsModified && !Equals(prop.OriginalValue, prop.CurrentValue))
                    throw new TenancyViolationException("Une ligne ne peut pas changer d'organisation.");
            }
            if (entry.Entity is AuditEntry && entry.State != EntityState.Added && !IsRedaction(db, entry))
                throw new TenancyViolationException("Le journal d'audit n'accepte que des ajouts.");
        }
    }

    /// <summary>
    /// The one change allowed to a written audit line: anonymisation replaces its details and marks it, with an
    /// anonymisation line naming it in the same save (<see cref="Audit.AuditRedaction"/>). Purges delete in bulk.
    /// </summary>
    private static bool IsRedaction(AppDbContext db, Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        entry.State == EntityState.Modified
        && entry.Properties.All(p => !p.IsModified || p.Metadata.Name is nameof(AuditEntry.Details) or nameof(AuditEntry.RedactedAt))
        && entry.Property(nameof(AuditEntry.RedactedAt)).CurrentValue is not null
        && db.PendingAudit.Any(a => a.Action == AuditAction.Anonymise);

    /// <summary>The organisation a row belongs to, when it belongs to one.</summary>
    public static Guid? OwnerOf(object entity, Guid? fallback) => entity switch
    {
        ITenantOwned t => t.OrganisationId == Guid.Empty ? fallback : t.OrganisationId,
        AppUser u => u.OrganisationId == Guid.Empty ? fallback : u.OrganisationId,
        Organisation o => o.Id,
        _ => null,
    };
}
