namespace OpenCcas.Web.Infrastructure.Data;

/// <summary>
/// More contexts of the scope's organisation and audit actor, leased from the same pool, each on its own connection:
/// for reads run beside the scope's own context (SQLite runs one statement at a time per connection, on the caller's
/// thread). Whoever leases one disposes it, which returns it to the pool.
/// </summary>
public sealed class ContextLeases(Func<AppDbContext> lease)
{
    public AppDbContext Lease() => lease();
}
