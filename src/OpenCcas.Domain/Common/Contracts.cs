namespace OpenCcas.Domain.Common;

/// <summary>A row owned by one organisation (the tenant). Isolation is enforced once, by the data layer.</summary>
public interface ITenantOwned
{
    Guid OrganisationId { get; set; }
}

/// <summary>An editable record protected by optimistic concurrency: the version goes up on every save.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
