using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.Partners;

public enum PartnerKind
{
    Caf, Cpam, FranceTravail, Departement, Prefecture, TaxOffice, EnergySupplier, Landlord, Association, HealthCentre,
    Justice, Municipality, Other,
}

/// <summary>An organisation people are referred to (partner directory).</summary>
public sealed class Partner : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public PartnerKind Kind { get; set; }
    public string? ContactName { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Address { get; set; }
    /// <summary>What the partner offers, as agents describe it.</summary>
    public string? Services { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }
}
