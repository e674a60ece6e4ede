using Xunit;
using OpenCcas.Domain.Synthetic;
using Shouldly;

namespace OpenCcas.Domain.Tests.Synthetic;

public sealed class SyntheticPopulationTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void Same_seed_gives_the_same_people()
    {
        var a = new SyntheticPopulation(42, Today).Households(500).SelectMany(h => h.Members).ToList();
        var b = new SyntheticPopulation(42, Today).Households(500).SelectMany(h => h.Members).ToList();
        a.ShouldBe(b);
        var c = new SyntheticPopulation(43, Today).Households(500).SelectMany(h => h.Members).ToList();
        c.Select(p => p.LastName).ShouldNotBe(a.Select(p => p.LastName));
    }

    [Fact]
    public void Households_have_realistic_shapes_and_ages()
    {
        var households = new SyntheticPopulation(7, Today).Households(5000).ToList();
        var people = households.SelectMany(h => h.Members).ToList();
        people.Count.ShouldBeInRange(5000, 5010);
        people.Select(p => p.Index).ShouldBeUnique();
        // Many people alone, single parents mostly women, children younger than their parent.
        households.Count(h => h.Shape == HouseholdShape.SinglePerson).ShouldBeGreaterThan(households.Count / 3);
        households.Where(h => h.Shape == HouseholdShape.SingleParent).Count(h => h.Members[0].Sex == Sex.Female)
            .ShouldBeGreaterThan(households.Count(h => h.Shape == HouseholdShape.SingleParent) * 7 / 10);
        foreach (var h in households.Where(h => h.Members.Any(m => m.Relationship == "Enfant")))
            h.Members.Where(m => m.Relationship == "Enfant").ShouldAllBe(c => c.BirthDate > h.Members[0].BirthDate);
        var seniors = people.Count(p => p.BirthDate <= Today.AddYears(-62));
        seniors.ShouldBeGreaterThan(people.Count / 20);
        people.ShouldAllBe(p => p.BirthDate <= Today && p.BirthDate > Today.AddYears(-100));
        households.ShouldAllBe(h => h.PostCode.Length == 5 && h.Street.Length > 5);
    }

    [Fact]
    public void Streams_a_large_city_without_holding_it()
    {
        // Hundreds of thousands of people: enumerated lazily, only counted here.
        var count = new SyntheticPopulation(1, Today).Households(300_000).Sum(h => h.Members.Count);
        count.ShouldBeGreaterThanOrEqualTo(300_000);
    }

    [Fact]
    public void Agents_have_french_names_and_ascii_emails()
    {
        var pop = new SyntheticPopulation(3, Today);
        var agents = Enumerable.Range(0, 200).Select(_ => pop.Agent("demo.fr")).ToList();
        agents.ShouldAllBe(a => a.Email.EndsWith("@demo.fr") && a.Email.All(c => c < 128));
        agents.Select(a => a.LastName).Distinct().Count().ShouldBeGreaterThan(50);
    }
}
