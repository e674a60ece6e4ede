using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>Turns the change tracker's pending changes into audit lines with a JSON diff.</summary>
internal static class ChangeAudit
{
    /// <summary>Secrets and bulky values never go into the log; their change is still recorded.</summary>
    private static readonly HashSet<string> Redacted =
    [
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Logo",
    ];

    // Bookkeeping that the sign-in and token lines already say.
    private static readonly HashSet<string> Skipped = ["Version", "LastUsedAt", "LastSignInAt", "AccessFailedCount"];

    public static List<AuditEntry> Collect(AppDbContext db)
    {
        var lines = new List<AuditEntry>();
        var now = DateTimeOffset.UtcNow;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry or AuditChainHead) continue;
            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Create,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => (AuditAction?)null,
            };
            if (action is null) continue;
            var diff = Diff(entry, action.Value);
            if (action == AuditAction.Update && diff.Count == 0) continue;

            lines.Add(new AuditEntry
            {
                OrganisationId = TenancyGuard.OwnerOf(entry.Entity, db.Tenant.OrganisationId) ?? db.Tenant.Required,
                At = now,
                UserId = db.Actor.UserId,
                UserName = db.Actor.Name,
                Action = action.Value,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = KeyOf(entry),
                Details = JsonSerializer.Serialize(diff),
                PreviousHash = "",
                Hash = "",
            });
        }
        return lines;
    }

    private static Dictionary<string, object?[]> Diff(EntityEntry entry, AuditAction action)
    {
        var diff = new Dictionary<string, object?[]>();
        foreach (var p in entry.Properties)
        {
            var name = p.Metadata.Name;
            if (Skipped.Contains(name) || p.Metadata.IsPrimaryKey()) continue;
            object? before = action == AuditAction.Create ? null : p.OriginalValue;
            object? after = action == AuditAction.Delete ? null : p.CurrentValue;
            if (action == AuditAction.Update && (!p.IsModified || Equals(before, after))) continue;
            if (action != AuditAction.Update && before is null && after is null) continue;
            // An Identity token's value is the TOTP secret or a recovery code; other modules' "Value" columns are logged.
            if (Redacted.Contains(name) || (name == "Value" && entry.Entity is Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>))
            {
                before = before is null ? null : "(masqué)";
                after = after is null ? null : "(masqué)";
            }
            diff[name] = [Plain(before), Plain(after)];
        }
        return diff;
    }

    private static object? Plain(object? value) => value switch
    {
        null => null,
        Enum e => e.ToString(),
        DateTimeOffset d => d.ToString("O"),
        // A document's content is not copied into the log: its size says it changed.
        byte[] bytes => $"({bytes.Length} octets)",
        _ => value,
    };

    private static string? KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null) return null;
        return string.Join(",", key.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));
    }
}
