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

    [Fact]
    public void A_chain_whose_oldest_lines_were_purged_verifies_from_its_first_kept_line()
    {
        var chain = Chain(10).Skip(4).ToList();
        AuditChain.FirstBreak(chain, chain[0].Sequence - 1, chain[0].PreviousHash).ShouldBeNull();
    }
}
