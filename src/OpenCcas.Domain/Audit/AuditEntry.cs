using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.Audit;

/// <summary>
/// <see cref="Anonymise"/>: lines of the log were redacted (which ones, in its details); <see cref="Purge"/>: the oldest
/// lines were removed (where the chain now starts, in its details).
/// </summary>
public enum AuditAction { Create, Update, Delete, Read, Export, Print, SignIn, SignInFailed, SignOut, Anonymise, Purge }

/// <summary>
/// One line of the audit log. Lines are chained per organisation: each carries the hash of the previous one, so that
/// removing or altering a line breaks the chain. The hash covers a digest of the details rather than the details, so
/// that anonymisation can replace the details of a line (<see cref="RedactedAt"/>) and the chain still verifies.
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
    /// <summary>SHA-256 of the details as written (<see cref="AuditChain.DigestOf"/>); null on lines written before digests.</summary>
    public string? DetailsHash { get; set; }
    /// <summary>When anonymisation replaced the details; they no longer match <see cref="DetailsHash"/>.</summary>
    public DateTimeOffset? RedactedAt { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    public string ComputeHash() => AuditChain.HashOf(this);
}

/// <summary>
/// The chain's current end for an organisation; its row is the lock that orders one organisation's writes. It also
/// says where the chain starts once the oldest lines have been purged (the last purge line says the same, chained).
/// </summary>
public sealed class AuditChainHead
{
    public Guid OrganisationId { get; set; }
    public long LastSequence { get; set; }
    public string LastHash { get; set; } = AuditChain.Genesis;
    /// <summary>The first line kept, 1 until a purge.</summary>
    public long FirstSequence { get; set; } = 1;
    /// <summary>The previous hash of <see cref="FirstSequence"/>: the genesis until a purge.</summary>
    public string FirstPreviousHash { get; set; } = AuditChain.Genesis;
}

public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// The line's hash. Lines with a <see cref="AuditEntry.DetailsHash"/> hash it instead of the details (a "v2" text,
    /// which no former text can equal: those start with a 64-digit hash); lines written before keep the former formula.
    /// </summary>
    public static string HashOf(AuditEntry e)
    {
        string[] fields =
        [
            e.PreviousHash,
            e.OrganisationId.ToString("N"),
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            e.UserId?.ToString("N") ?? "",
            e.UserName ?? "",
            e.Action.ToString(),
            e.EntityType,
            e.EntityId ?? "",
        ];
        var text = e.DetailsHash is null
            ? string.Join('\u001f', [.. fields, e.Details ?? ""])
            : string.Join('\u001f', ["v2", .. fields, e.DetailsHash]);
        return Sha256(text);
    }

    /// <summary>The digest of a line's details; null and empty details differ.</summary>
    public static string DigestOf(string? details) => Sha256(details is null ? "N" : "S" + details);

    private static string Sha256(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();

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
            e.DetailsHash = DigestOf(e.Details);
            e.RedactedAt = null;
            e.Hash = HashOf(e);
            lastHash = e.Hash;
        }
        return (lastSequence, lastHash);
    }

    /// <summary>
    /// Checks an organisation's entries in sequence order, from the line after <paramref name="startSequence"/> (whose
    /// hash is <paramref name="startHash"/>); returns the first broken sequence, or null. See <see cref="AuditChainCheck"/>.
    /// </summary>
    public static long? FirstBreak(IEnumerable<AuditEntry> orderedEntries, long startSequence = 0, string startHash = Genesis)
    {
        var check = new AuditChainCheck(startSequence, startHash);
        foreach (var e in orderedEntries)
            if (check.Add(e) is { } broken) return broken;
        return check.Finish();
    }
}
