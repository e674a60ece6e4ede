using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>
/// The audit lines of some records, to redact: <paramref name="Value"/> says what anonymisation leaves of a value in a
/// JSON diff (Personal false: kept as is); <paramref name="Description"/> rewrites a description (reads, exports,
/// prints and other lines whose details are text), or leaves it when null.
/// </summary>
public sealed record RedactionTarget(string EntityType, IReadOnlyCollection<string> EntityIds,
    Func<string, JsonNode?, (bool Personal, JsonNode? Value)> Value, Func<string, string>? Description = null);

/// <summary>
/// Anonymises past audit lines the way their records were anonymised (data-protection.md: "past audit diffs are
/// anonymised the same way"). The lines are changed in the context, marked <see cref="AuditEntry.RedactedAt"/>, and one
/// anonymisation line naming them is queued: the caller's next save writes them with the records' own anonymisation, in
/// one transaction. Their hashes cover the digest of the original details, so the chain still verifies
/// (<see cref="AuditChainCheck"/>).
/// </summary>
public static partial class AuditRedaction
{
    public const string Placeholder = "anonymisé";

    /// <summary>Redacts the lines of the targets; returns how many lines changed.</summary>
    public static async Task<int> RedactAsync(AppDbContext db, IEnumerable<RedactionTarget> targets, CancellationToken ct = default)
    {
        var now = DateTimeOffset.UtcNow;
        var redacted = new Dictionary<long, AuditEntry>();
        foreach (var target in targets)
            foreach (var chunk in target.EntityIds.Distinct().Chunk(500))
            {
                var ids = chunk.ToList();
                var type = target.EntityType;
                var lines = await db.AuditEntries.Where(e => e.EntityType == type && e.EntityId != null && ids.Contains(e.EntityId)).ToListAsync(ct);
                foreach (var line in lines.Where(l => l.Details is not null))
                {
                    var details = Redact(line.Details!, target);
                    if (details == line.Details) continue;
                    line.Details = details;
                    line.RedactedAt = now;
                    redacted[line.Sequence] = line;
                }
            }
        if (redacted.Count == 0) return 0;
        db.PendingAudit.Add(new AuditEntry
        {
            OrganisationId = db.Tenant.Required,
            At = now,
            UserId = db.Actor.UserId,
            UserName = db.Actor.Name,
            Action = AuditAction.Anonymise,
            EntityType = nameof(AuditEntry),
            Details = AuditRedactionRecord.Of(redacted.Values).ToJson(),
            PreviousHash = "",
            Hash = "",
        });
        return redacted.Count;
    }

    private static string Redact(string details, RedactionTarget target)
    {
        if (Diff(details) is not { } diff) return target.Description?.Invoke(details) ?? details;
        var changed = false;
        foreach (var (property, node) in diff)
        {
            var values = (JsonArray)node!;
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is null) continue;
                var (personal, value) = target.Value(property, values[i]);
                if (!personal || JsonNode.DeepEquals(value, values[i])) continue;
                values[i] = value?.DeepClone();
                changed = true;
            }
        }
        return changed ? diff.ToJsonString() : details;
    }

    /// <summary>The JSON diff {"Property": [old, new]} of a change line, or null for a description.</summary>
    private static JsonObject? Diff(string details)
    {
        if (!details.StartsWith('{')) return null;
        try { return JsonNode.Parse(details) is JsonObject root && root.All(p => p.Value is JsonArray) ? root : null; }
        catch (JsonException) { return null; }
    }

    /// <summary>
    /// A description without personal data: what is between « » (where descriptions put free text and names; unless
    /// <paramref name="quoted"/> is false, for a line about someone else that names the person) and every known
    /// personal value (names, numbers, titles… of the records anonymised, as whole words, any case) become « anonymisé ».
    /// </summary>
    public static string Description(string text, IEnumerable<string?> personalValues, bool quoted = true)
    {
        var result = quoted ? Quoted().Replace(text, "« " + Placeholder + " »") : text;
        foreach (var value in personalValues.OfType<string>().Select(v => v.Trim()).Where(v => v.Length >= 2).Distinct().OrderByDescending(v => v.Length))
            result = Regex.Replace(result, @"(?<!\w)" + Regex.Escape(value) + @"(?!\w)", Placeholder, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        return result;
    }

    [GeneratedRegex("«[^»]*»")]
    private static partial Regex Quoted();
}
