using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>
/// Records what the change tracker cannot see: openings of person-level records, exports and prints. A description
/// puts free text and names between « » (« titre du document »): anonymising the file replaces them (<see cref="AuditRedaction"/>).
/// </summary>
public sealed class AuditLog(AppDbContext db)
{
    public async Task RecordAsync(AuditAction action, string entityType, string? entityId, string details, CancellationToken ct = default)
    {
        db.PendingAudit.Add(new AuditEntry
        {
            OrganisationId = db.Tenant.Required,
            At = DateTimeOffset.UtcNow,
            UserId = db.Actor.UserId,
            UserName = db.Actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details,
            PreviousHash = "",
            Hash = "",
        });
        await db.SaveChangesAsync(ct);
    }
}
