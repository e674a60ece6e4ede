using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenCcas.Domain.Audit;

namespace OpenCcas.Web.Infrastructure.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.Sequence }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.EntityType, x.EntityId });
        b.HasIndex(x => new { x.OrganisationId, x.At });
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.EntityType).HasMaxLength(100);
        b.Property(x => x.EntityId).HasMaxLength(100);
        b.Property(x => x.UserName).HasMaxLength(200);
        b.Property(x => x.PreviousHash).HasMaxLength(64);
        b.Property(x => x.Hash).HasMaxLength(64);
        b.Property(x => x.DetailsHash).HasMaxLength(64);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.HasKey(x => x.OrganisationId);
        b.Property(x => x.LastHash).HasMaxLength(64);
        b.Property(x => x.FirstPreviousHash).HasMaxLength(64);
        // The head moves only from the end the writer linked to (UPDATE … WHERE sequence and hash are as read): a
        // writer that used a stale end (AuditChainWriter's quick way) fails instead of forking the chain.
        b.Property(x => x.LastSequence).IsConcurrencyToken();
        b.Property(x => x.LastHash).IsConcurrencyToken();
    }
}
