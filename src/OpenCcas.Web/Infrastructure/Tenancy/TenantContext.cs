namespace OpenCcas.Web.Infrastructure.Tenancy;

/// <summary>
/// The organisation the current request (or job) acts for. Set once per request from the signed-in user's
/// claims, or explicitly by a job or command; every tenant-owned query and write is checked against it.
/// </summary>
public sealed class TenantContext
{
    public Guid? OrganisationId { get; private set; }

    public void Set(Guid organisationId)
    {
        if (OrganisationId is { } current && current != organisationId)
            throw new InvalidOperationException("The organisation of a scope cannot change once set.");
        OrganisationId = organisationId;
    }

    /// <summary>For jobs and commands that go through organisations one after another, each in its own scope.</summary>
    public Guid Required => OrganisationId ?? throw new TenancyViolationException("No organisation is set for this operation.");
}

public sealed class TenancyViolationException(string message) : Exception(message);
