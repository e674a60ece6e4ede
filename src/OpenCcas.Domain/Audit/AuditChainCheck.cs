using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenCcas.Domain.Audit;

/// <summary>
/// Verifies an organisation's chain line by line, in sequence order (the lines may come in batches).
/// <list type="bullet">
/// <item>Every line: its sequence follows, its previous hash is the hash of the line before, and its hash is recomputed
/// from its fields (with the digest of its details, or, for lines written before digests, the details themselves).</item>
/// <item>A line not redacted: its details match its digest.</item>
/// <item>A redacted line: its details are not checked, so it must be named by a later, intact anonymisation line
/// (<see cref="AuditRedactionRecord"/>); a redacted line without digest (written before digests, whose hash cannot be
/// recomputed without the original details) must be named there as such: only its place in the chain is checked.</item>
/// <item>A chain that starts after 1 (oldest lines purged): a purge line (<see cref="AuditPurgeRecord"/>) must say it
/// starts there, with that previous hash.</item>
/// </list>
/// </summary>
public sealed class AuditChainCheck(long startSequence, string startHash)
{
    // Redacted lines not yet named by an anonymisation line: sequence → written without digest.
    private readonly Dictionary<long, bool> unexplained = [];
    private readonly long firstSequence = startSequence + 1;
    private readonly string firstPreviousHash = startHash;
    private AuditPurgeRecord? lastPurge;

    public long LastSequence { get; private set; } = startSequence;
    public string LastHash { get; private set; } = startHash;
    public long Count { get; private set; }

    /// <summary>Checks the next line; returns its sequence if the chain breaks there.</summary>
    public long? Add(AuditEntry e)
    {
        var expected = LastSequence + 1;
        if (e.Sequence != expected || e.PreviousHash != LastHash) return expected;
        if (e.DetailsHash is null && e.RedactedAt is not null)
        {
            // Written before digests and redacted since: only its place in the chain can be checked.
        }
        else if (e.Hash != AuditChain.HashOf(e)) return expected;
        if (e.RedactedAt is null && e.DetailsHash is not null && e.DetailsHash != AuditChain.DigestOf(e.Details)) return expected;
        if (e.RedactedAt is not null) unexplained[e.Sequence] = e.DetailsHash is null;
        else if (e.Action == AuditAction.Anonymise && AuditRedactionRecord.Parse(e.Details) is { } redaction)
        {
            foreach (var s in AuditRedactionRecord.Expand(redaction.Lines))
                if (unexplained.TryGetValue(s, out var legacy) && !legacy) unexplained.Remove(s);
            foreach (var s in AuditRedactionRecord.Expand(redaction.LinesWithoutDigest))
                if (unexplained.TryGetValue(s, out var legacy) && legacy) unexplained.Remove(s);
        }
        else if (e.Action == AuditAction.Purge && AuditPurgeRecord.Parse(e.Details) is { } purge) lastPurge = purge;
        LastSequence = e.Sequence;
        LastHash = e.Hash;
        Count++;
        return null;
    }

    /// <summary>After the last line: the first redacted line no anonymisation line names, or a start no purge line gives.</summary>
    public long? Finish()
    {
        long? broken = unexplained.Count > 0 ? unexplained.Keys.Min() : null;
        var purged = firstSequence > 1 || firstPreviousHash != AuditChain.Genesis;
        if (purged && (lastPurge is null || lastPurge.FirstSequence != firstSequence || lastPurge.FirstPreviousHash != firstPreviousHash))
            broken = broken is { } b ? Math.Min(b, firstSequence) : firstSequence;
        return broken;
    }
}

/// <summary>The details of an anonymisation line: which lines were redacted (sequences as ranges "3-5,8").</summary>
public sealed record AuditRedactionRecord(int Count, string Lines, string LinesWithoutDigest)
{
    public static AuditRedactionRecord Of(IEnumerable<AuditEntry> redacted)
    {
        var list = redacted.ToList();
        return new(list.Count, Ranges(list.Select(e => e.Sequence)), Ranges(list.Where(e => e.DetailsHash is null).Select(e => e.Sequence)));
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static AuditRedactionRecord? Parse(string? details)
    {
        try { return details is null ? null : JsonSerializer.Deserialize<AuditRedactionRecord>(details); }
        catch (JsonException) { return null; }
    }

    public static string Ranges(IEnumerable<long> sequences)
    {
        var sorted = sequences.Distinct().Order().ToList();
        var text = new StringBuilder();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1) j++;
            if (text.Length > 0) text.Append(',');
            text.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i) text.Append('-').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            i = j + 1;
        }
        return text.ToString();
    }

    public static IEnumerable<long> Expand(string? ranges)
    {
        foreach (var part in (ranges ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-');
            if (!long.TryParse(bounds[0], CultureInfo.InvariantCulture, out var from)) continue;
            var to = bounds.Length > 1 && long.TryParse(bounds[1], CultureInfo.InvariantCulture, out var t) ? t : from;
            for (var s = from; s <= to; s++) yield return s;
        }
    }
}

/// <summary>The details of a purge line: how many lines older than <see cref="Before"/> went, and where the chain now starts.</summary>
public sealed record AuditPurgeRecord(int Count, DateTimeOffset Before, long FirstSequence, string FirstPreviousHash)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static AuditPurgeRecord? Parse(string? details)
    {
        try { return details is null ? null : JsonSerializer.Deserialize<AuditPurgeRecord>(details); }
        catch (JsonException) { return null; }
    }
}
