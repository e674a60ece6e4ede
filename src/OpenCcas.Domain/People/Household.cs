using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.People;

/// <summary>People living together ("foyer"). Its composition changes over time; the history is kept.</summary>
public sealed class Household : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    /// <summary>How agents call it, e.g. "Foyer DUPONT".</summary>
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public int Version { get; set; }
    public List<HouseholdMember> Members { get; set; } = [];
}

/// <summary>The member's place in the household, relative to its reference person.</summary>
public enum HouseholdRole { ReferencePerson, Partner, Child, Parent, Sibling, Grandchild, OtherRelative, NonRelative }

/// <summary>
/// A person's membership of a household from <see cref="JoinedOn"/> to <see cref="LeftOn"/>. A person belongs to one
/// household at a time: at most one membership without <see cref="LeftOn"/> (a unique index enforces it).
/// </summary>
public sealed class HouseholdMember : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid HouseholdId { get; set; }
    public Guid PersonId { get; set; }
    public HouseholdRole Role { get; set; }
    /// <summary>A dependant ("à charge") counts in the household's share of benefits.</summary>
    public bool Dependant { get; set; }
    public DateOnly JoinedOn { get; set; }
    public DateOnly? LeftOn { get; set; }
    public bool IsCurrent => LeftOn is null;
}

public static class ConsumptionUnits
{
    /// <summary>
    /// OECD-modified scale (INSEE): 1 for the first adult, 0.5 for each other person aged 14 or over, 0.3 for each
    /// child under 14. People of unknown age count as adults.
    /// </summary>
    public static decimal Oecd(IEnumerable<int?> ages)
    {
        decimal units = 0;
        var first = true;
        foreach (var age in ages.OrderByDescending(a => a ?? int.MaxValue))
        {
            if (first) { units += 1m; first = false; }
            else units += age is < 14 ? 0.3m : 0.5m;
        }
        return units;
    }
}
