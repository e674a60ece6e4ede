using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception.Data;

internal sealed class ReceptionReasonConfiguration : IEntityTypeConfiguration<ReceptionReason>
{
    public void Configure(EntityTypeBuilder<ReceptionReason> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.Label }).IsUnique();
        b.Property(x => x.Label).HasMaxLength(150);
    }
}

internal sealed class ReceptionVisitConfiguration : IEntityTypeConfiguration<ReceptionVisit>
{
    public void Configure(EntityTypeBuilder<ReceptionVisit> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.SiteId, x.At });
        // Covering for the statistics of a period (channel, reason, site, agent read from the index).
        b.HasIndex(x => new { x.OrganisationId, x.At, x.Channel, x.ReasonId, x.SiteId, x.AgentId });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ReceptionReason>().WithMany().HasForeignKey(x => x.ReasonId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.AgentId, x.Start });
        b.HasIndex(x => new { x.OrganisationId, x.SiteId, x.Start });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.Start });
        // Covering for the statistics of a period (site, status, person, agent read from the index).
        b.HasIndex(x => new { x.OrganisationId, x.Start, x.SiteId, x.Status, x.PersonId, x.AgentId });
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Subject).HasMaxLength(200);
        b.Property(x => x.Comment).HasMaxLength(1000);
        b.Ignore(x => x.HoldsSlot);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppointmentReminderConfiguration : IEntityTypeConfiguration<AppointmentReminder>
{
    public void Configure(EntityTypeBuilder<AppointmentReminder> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.AppointmentId });
        b.HasIndex(x => new { x.OrganisationId, x.SentAt });
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Recipient).HasMaxLength(254);
        b.Property(x => x.Error).HasMaxLength(500);
        b.HasOne<Appointment>().WithMany().HasForeignKey(x => x.AppointmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
