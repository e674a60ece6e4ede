using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Common;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Infrastructure.Data;

/// <summary>
/// The one DbContext. Tenancy is enforced here once: a global query filter on every tenant-owned entity, and a
/// check on every write (<see cref="SaveChangesAsync(bool, CancellationToken)"/>). Every change is audited in the
/// same transaction. Provider-specific subclasses only exist so that each provider has its own migrations.
/// Contexts are pooled (<see cref="Database.AddOpenCcasDatabase"/>): a context is bound to the scope that leases it
/// with <see cref="BindTo"/>, and knows no organisation until then.
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    private TenantContext? tenant;
    private AuditActor? actor;

    internal TenantContext Tenant => tenant ?? throw new InvalidOperationException("This context is not bound to a scope (AppDbContext.BindTo).");
    internal AuditActor Actor => actor ?? throw new InvalidOperationException("This context is not bound to a scope (AppDbContext.BindTo).");

    /// <summary>
    /// Gives a new or pooled context the organisation and audit actor of the scope that uses it (the scope's own
    /// objects, set later by the tenancy middleware or a job), and drops anything a previous lease left behind.
    /// </summary>
    public AppDbContext BindTo(TenantContext tenantContext, AuditActor auditActor)
    {
        tenant = tenantContext;
        actor = auditActor;
        PendingAudit.Clear();
        return this;
    }

    /// <summary>PostgreSQL rather than SQLite (checked often: cheaper than asking the provider).</summary>
    internal bool IsPostgres => this is PostgresAppDbContext;

    /// <summary>Read by the query filters on every query (EF parameterises it).</summary>
    public Guid? CurrentOrganisationId => Tenant.OrganisationId;

    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();

    /// <summary>Audit lines for reads, exports and prints, written with the next save.</summary>
    internal List<AuditEntry> PendingAudit { get; } = [];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("OpenCcas.Web") == true);

        builder.Entity<AppUser>(u =>
        {
            u.HasIndex(x => new { x.OrganisationId, x.LastName });
            u.Property(x => x.FirstName).HasMaxLength(100);
            u.Property(x => x.LastName).HasMaxLength(100);
            // Before sign-in no organisation is known: the sign-in lookup sees every account, and then sets the
            // organisation of the account found. Once set, a user sees only the accounts of their organisation.
            u.HasQueryFilter(x => CurrentOrganisationId == null || x.OrganisationId == CurrentOrganisationId);
        });
        builder.Entity<Organisation>().HasQueryFilter(o => CurrentOrganisationId == null || o.Id == CurrentOrganisationId);

        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            var e = Expression.Parameter(type.ClrType, "e");
            var org = Expression.Property(e, nameof(ITenantOwned.OrganisationId));
            var current = Expression.Property(Expression.Constant(this), nameof(CurrentOrganisationId));
            var body = Expression.Equal(Expression.Convert(org, typeof(Guid?)), current);
            builder.Entity(type.ClrType).HasQueryFilter(Expression.Lambda(body, e));
        }
        foreach (var type in builder.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
            builder.Entity(type.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Changes are detected once; the guard, the versions, the audit diff and the save all work from that.
        ChangeTracker.DetectChanges();
        var autoDetect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            TenancyGuard.Check(this);
            foreach (var e in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
                e.Property(x => x.Version).CurrentValue = e.Property(x => x.Version).OriginalValue + 1; // through the entry: detection is off
            var audit = ChangeAudit.Collect(this);
            audit.AddRange(PendingAudit);
            PendingAudit.Clear();
            if (audit.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);

            var owned = Database.CurrentTransaction is null;
            var organisations = audit.Select(l => l.OrganisationId).Distinct().ToList();
            // A save that owns its transaction and touches one organisation tries the quick way first (the chain's
            // end as this process wrote it, AuditChainWriter); if that end was stale it is done again the safe way.
            // Only on PostgreSQL: SQLite's transaction already takes the database's one write lock at BEGIN, so reading
            // the head there costs a lookup, and a second lock (the turn) beside the file's lock only adds waiting.
            var quick = owned && organisations.Count == 1 && IsPostgres;
            while (true)
            {
                var heads = new List<AuditChainHead>();
                await using var turn = quick ? await AuditChainWriter.Turn.TakeAsync(this, organisations[0], cancellationToken) : null;
                await using var transaction = owned ? await Database.BeginTransactionAsync(cancellationToken) : null;
                // A failed save in our own transaction rolls it all back: EF's savepoint around the batch would only cost.
                var savepoints = Database.AutoSavepointsEnabled;
                if (owned) Database.AutoSavepointsEnabled = false;
                try
                {
                    // The organisation's chain head (known, or locked and read in one round trip), then the entities,
                    // the audit lines and the new head in one batch, then commit: one organisation's writers queue only
                    // for that batch and the commit, and other organisations never wait.
                    await AuditChainWriter.LinkAsync(this, audit, heads, turn, cancellationToken);
                    var count = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
                    if (transaction is not null) await transaction.CommitAsync(cancellationToken);
                    else AuditChainWriter.Forget(this, organisations);
                    if (turn is not null) turn.Committed(heads[0]);
                    return count - audit.Count - heads.Count;
                }
                catch (DbUpdateException e) when (turn?.KnownEnd is not null && e.Entries.Any(x => x.Entity is AuditEntry or AuditChainHead))
                {
                    // The known end was overtaken (duplicate sequence, or the head row changed or vanished): the
                    // transaction is rolled back on disposal and the turn forgets the end; the save is done again.
                    // Any other failure (a record's own version conflict…) is the caller's, as it is.
                    quick = false;
                    foreach (var line in audit) line.Id = 0; // a key read back before the failure was rolled back with it
                }
                finally
                {
                    Database.AutoSavepointsEnabled = savepoints;
                    // Audit lines and heads are never kept in the context, even after a failure: a later save (a retry
                    // after a conflict) collects its lines again and reads the head afresh.
                    foreach (var line in audit) Entry(line).State = EntityState.Detached;
                    foreach (var head in heads) Entry(head).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }
}
