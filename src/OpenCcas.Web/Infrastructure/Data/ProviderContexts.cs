using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Infrastructure.Data;

// One subclass per provider, so that each provider has its own migration set (Migrations/Sqlite and
// Migrations/Postgres) in this assembly. See docs/DESIGN-NOTES.md for why they are not separate projects.

// One public constructor taking only the options: EF's context pool requires it (the scope is bound afterwards).
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // SQLite cannot compare or order DateTimeOffset stored as text; stored as UTC ticks it can.
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        builder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQLite only: the statistics count a period's interviews per mode, appointments per site and status, and
        // reception contacts per channel and reason as range counts on these indexes, instead of sorting every row for
        // a GROUP BY (SQLite has no hash aggregation; see StatisticsQuery). PostgreSQL hashes and does not need them.
        builder.Entity<Interview>().HasIndex(x => new { x.OrganisationId, x.Mode, x.At, x.SiteId, x.TeamId, x.PersonId });
        builder.Entity<Appointment>().HasIndex(x => new { x.OrganisationId, x.SiteId, x.Status, x.Start, x.PersonId, x.AgentId });
        builder.Entity<ReceptionVisit>().HasIndex(x => new { x.OrganisationId, x.Channel, x.ReasonId, x.At, x.SiteId, x.AgentId });
        // The files created in the period: without it, a read of every person's row (65 ms on 200,000 people).
        builder.Entity<Person>().HasIndex(x => new { x.OrganisationId, x.CreatedAt });
        // And the people's age groups for a statistics request, in a temporary table the request fills and drops.
        builder.Entity<OpenCcas.Web.FollowUp.Statistics.StatisticsQuery.AgeGroupRow>(b =>
        {
            b.HasNoKey();
            b.ToTable(OpenCcas.Web.FollowUp.Statistics.StatisticsQuery.AgeGroupTable, t => t.ExcludeFromMigrations());
        });
    }
}

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);

internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        (SqliteAppDbContext)new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=design.db").Options)
            .BindTo(new TenantContext(), new AuditActor());
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        (PostgresAppDbContext)new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=design").Options)
            .BindTo(new TenantContext(), new AuditActor());
}
