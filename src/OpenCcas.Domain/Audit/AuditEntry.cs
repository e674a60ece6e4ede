using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.Audit;

public enum AuditAction { Create, Update, Delete, Read, Export, Print, SignIn, SignInFailed, SignOut }

/// <summary>
/// One append-only line of the audit log. Lines are chained per organisation: each carries the hash of the
/// previous one, so that removing or altering a line breaks the chain.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public long Id { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>Position in the organisation's chain, from 1.</summary>
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public AuditAction Action { get; set; }
    public required string EntityType { get; set; }
    public string? EntityId { get; set; }
    /// <summary>For changes, a JSON object {"Property": [old, new]}; for reads, exports and prints, a short description.</summary>
    public string? Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public string ComputeHash() => AuditChain.HashOf(this);
}

/// <summary>The chain's current end for an organisation; its row is the lock that orders one organisation's writes.</summary>
public sealed class AuditChainHead
{
    public Guid OrganisationId { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditChain.Genesis;
}

public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.PreviousHash,
            e.OrganisationId.ToString("N"),
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.UserId?.ToString("N") ?? "",
            e.UserName ?? "",
            e.Action.ToString(),
            e.EntityType,
            e.EntityId ?? "",
            e.Details ?? "");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }

    /// <summary>Links entries to the chain's end, in order, and returns the new end.</summary>
    public static (long Sequence, string Hash) Link(IEnumerable<AuditEntry> entries, long lastSequence, string lastHash)
    {
        foreach (var e in entries)
        {
            // Hashed as stored: databases keep less than a tick (SQLite's converter 100 µs, PostgreSQL 1 µs), so the
            // time is cut to the millisecond, in UTC, before it is hashed; otherwise no chain read back would verify.
            e.At = new DateTimeOffset(e.At.UtcTicks - e.At.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
            e.Sequence = ++lastSequence;
            e.PreviousHash = lastHash;
            e.Hash = HashOf(e);
            lastHash = e.Hash;
        }
        return (lastSequence, lastHash);
    }

    /// <summary>Checks an organisation's entries in sequence order; returns the first broken sequence, or null.</summary>
    public static long? FirstBreak(IEnumerable<AuditEntry> orderedEntries, long startSequence = 0, string startHash = Genesis)
    {
        var expectedSequence = startSequence;
        var previous = startHash;
        foreach (var e in orderedEntries)
        {
            expectedSequence++;
            if (e.Sequence != expectedSequence || e.PreviousHash != previous || e.Hash != HashOf(e))
                return expectedSequence;
            previous = e.Hash;
        }
        return null;
    }
}
