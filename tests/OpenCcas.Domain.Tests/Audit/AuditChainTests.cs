using Xunit;
using OpenCcas.Domain.Audit;
using Shouldly;

namespace OpenCcas.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly Guid Org = Guid.Parse("0194e0a0-0000-7000-8000-000000000001");

    private static List<AuditEntry> Chain(int n)
    {
        var entries = Enumerable.Range(1, n).Select(i => new AuditEntry
        {
            OrganisationId = Org, At = new DateTimeOffset(2026, 11, 23, 10, 0, i % 60, TimeSpan.Zero),
            Action = AuditAction.Update, EntityType = "Site", EntityId = i.ToString(), Details = $"{{\"Name\":[\"a{i}\",\"b{i}\"]}}",
            PreviousHash = "", Hash = "",
        }).ToList();
        AuditChain.Link(entries, 0, AuditChain.Genesis);
        return entries;
    }

    [Fact]
    public void A_linked_chain_verifies()
    {
        var chain = Chain(10);
        chain.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, 10).Select(i => (long)i));
        chain[0].PreviousHash.ShouldBe(AuditChain.Genesis);
        chain[5].PreviousHash.ShouldBe(chain[4].Hash);
        AuditChain.FirstBreak(chain).ShouldBeNull();
    }

    [Fact]
    public void Altering_a_line_breaks_the_chain_there()
    {
        var chain = Chain(10);
        chain[3].Details = "{\"Name\":[\"a4\",\"falsifié\"]}";
        AuditChain.FirstBreak(chain).ShouldBe(4);
    }

    [Fact]
    public void Removing_a_line_breaks_the_chain()
    {
        var chain = Chain(10);
        chain.RemoveAt(6);
        AuditChain.FirstBreak(chain).ShouldBe(7);
    }

    [Fact]
    public void Rehashing_an_altered_line_still_breaks_the_next_one()
    {
        var chain = Chain(10);
        chain[3].UserName = "quelqu'un d'autre";
        chain[3].Hash = chain[3].ComputeHash();
        AuditChain.FirstBreak(chain).ShouldBe(5);
    }

    /// <summary>Lines as written before digests: the hash covers the details themselves.</summary>
    private static List<AuditEntry> LegacyChain(int n)
    {
        var chain = Chain(n);
        var previous = AuditChain.Genesis;
        foreach (var e in chain)
        {
            e.DetailsHash = null;
            e.PreviousHash = previous;
            e.Hash = e.ComputeHash();
            previous = e.Hash;
        }
        return chain;
    }

    /// <summary>What anonymisation does: new details, the mark, and a chained line naming the lines redacted.</summary>
    private static void Redact(List<AuditEntry> chain, params int[] indexes)
    {
        var redacted = indexes.Select(i => chain[i]).ToList();
        foreach (var e in redacted)
        {
            e.Details = "{\"Name\":[null,null]}";
            e.RedactedAt = DateTimeOffset.UtcNow;
        }
        var line = new AuditEntry
        {
            OrganisationId = Org, At = DateTimeOffset.UtcNow, Action = AuditAction.Anonymise, EntityType = nameof(AuditEntry),
            Details = AuditRedactionRecord.Of(redacted).ToJson(), PreviousHash = "", Hash = "",
        };
        AuditChain.Link([line], chain[^1].Sequence, chain[^1].Hash);
        chain.Add(line);
    }

    [Fact]
    public void A_line_hashes_the_digest_of_its_details_not_the_details()
    {
        var chain = Chain(3);
        chain[1].DetailsHash.ShouldBe(AuditChain.DigestOf(chain[1].Details));
        var copy = chain[1].ComputeHash();
        chain[1].Details = "autre chose";
        chain[1].ComputeHash().ShouldBe(copy);
        AuditChain.DigestOf(null).ShouldNotBe(AuditChain.DigestOf(""));
    }

    [Fact]
    public void A_chain_with_redacted_lines_named_by_an_anonymisation_line_verifies()
    {
        var chain = Chain(10);
        Redact(chain, 2, 3, 4, 7);
        AuditRedactionRecord.Parse(chain[^1].Details)!.Lines.ShouldBe("3-5,8");
        AuditChain.FirstBreak(chain).ShouldBeNull();
    }

    [Fact]
    public void A_redacted_line_no_anonymisation_line_names_is_detected()
    {
        var chain = Chain(10);
        Redact(chain, 2);
        chain[6].Details = "{\"Name\":[\"a7\",\"falsifié\"]}";
        chain[6].RedactedAt = DateTimeOffset.UtcNow; // passed off as redacted
        AuditChain.FirstBreak(chain).ShouldBe(7);
    }

    [Fact]
    public void Tampering_with_a_redacted_line_hash_or_sequence_is_detected()
    {
        var chain = Chain(10);
        Redact(chain, 4);
        chain[4].Hash = new string('a', 64);
        AuditChain.FirstBreak(chain).ShouldBe(5);

        chain = Chain(10);
        Redact(chain, 4);
        chain[4].Sequence = 50;
        AuditChain.FirstBreak(chain).ShouldBe(5);

        chain = Chain(10);
        Redact(chain, 4);
        chain[4].UserName = "quelqu'un d'autre"; // the hash still covers everything but the details
        AuditChain.FirstBreak(chain).ShouldBe(5);
    }

    [Fact]
    public void Tampering_with_the_details_of_a_line_not_redacted_is_detected_even_with_its_digest_recomputed()
    {
        var chain = Chain(10);
        Redact(chain, 1);
        chain[5].Details = "{\"Name\":[\"a6\",\"falsifié\"]}";
        AuditChain.FirstBreak(chain).ShouldBe(6);
        chain[5].DetailsHash = AuditChain.DigestOf(chain[5].Details);
        AuditChain.FirstBreak(chain).ShouldBe(6);
    }

    [Fact]
    public void Lines_written_before_digests_still_verify_and_their_details_are_still_checked()
    {
        var chain = LegacyChain(10);
        chain.ShouldAllBe(e => e.DetailsHash == null);
        AuditChain.FirstBreak(chain).ShouldBeNull();
        // New lines follow old ones.
        var next = Chain(3);
        AuditChain.Link(next, chain[^1].Sequence, chain[^1].Hash);
        chain.AddRange(next);
        AuditChain.FirstBreak(chain).ShouldBeNull();

        chain[3].Details = "{\"Name\":[\"a4\",\"falsifié\"]}";
        AuditChain.FirstBreak(chain).ShouldBe(4);
    }

    [Fact]
    public void A_redacted_line_written_before_digests_keeps_its_place_checked_and_must_be_named_as_such()
    {
        var chain = LegacyChain(10);
        Redact(chain, 3);
        AuditRedactionRecord.Parse(chain[^1].Details)!.LinesWithoutDigest.ShouldBe("4");
        AuditChain.FirstBreak(chain).ShouldBeNull();

        chain[3].Hash = new string('b', 64);
        AuditChain.FirstBreak(chain).ShouldBe(5, "the next line no longer follows it");

        // A new line passed off as an old redacted one (digest removed) is not named as such.
        chain = Chain(10);
        Redact(chain, 3);
        chain[3].DetailsHash = null;
        chain[3].UserName = "quelqu'un d'autre";
        AuditChain.FirstBreak(chain).ShouldBe(4);
    }

    [Fact]
    public void A_chain_whose_oldest_lines_were_purged_verifies_from_its_first_kept_line_if_a_purge_line_says_so()
    {
        var chain = Chain(10);
        var purge = new AuditEntry
        {
            OrganisationId = Org, At = DateTimeOffset.UtcNow, Action = AuditAction.Purge, EntityType = nameof(AuditEntry),
            Details = new AuditPurgeRecord(4, DateTimeOffset.UtcNow, 5, chain[4].PreviousHash).ToJson(), PreviousHash = "", Hash = "",
        };
        AuditChain.Link([purge], 10, chain[^1].Hash);
        chain.Add(purge);
        var kept = chain.Skip(4).ToList();
        AuditChain.FirstBreak(kept, 4, kept[0].PreviousHash).ShouldBeNull();

        // Without the purge line, or from another start, the start is not accounted for.
        AuditChain.FirstBreak(kept.SkipLast(1), 4, kept[0].PreviousHash).ShouldBe(5);
        AuditChain.FirstBreak(kept.Skip(1), 5, kept[1].PreviousHash).ShouldBe(6);
    }

    [Fact]
    public void Sequence_ranges_round_trip()
    {
        AuditRedactionRecord.Ranges([8, 3, 4, 5, 10, 11]).ShouldBe("3-5,8,10-11");
        AuditRedactionRecord.Expand("3-5,8,10-11").ShouldBe([3, 4, 5, 8, 10, 11]);
        AuditRedactionRecord.Ranges([]).ShouldBe("");
    }
}
