using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Data;

internal sealed class InterviewConfiguration : IEntityTypeConfiguration<Interview>
{
    public void Configure(EntityTypeBuilder<Interview> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.At });
        // Covering for the statistics of a period (mode, site, team, person read from the index, not the table).
        b.HasIndex(x => new { x.OrganisationId, x.At, x.Mode, x.SiteId, x.TeamId, x.PersonId });
        b.HasIndex(x => new { x.OrganisationId, x.AgentId, x.At });
        b.Property(x => x.Mode).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Summary).HasMaxLength(4000);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NoteConfiguration : IEntityTypeConfiguration<Note>
{
    public void Configure(EntityTypeBuilder<Note> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.CreatedAt });
        b.Property(x => x.Confidentiality).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Text).HasMaxLength(8000);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Interview>().WithMany().HasForeignKey(x => x.InterviewId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class FollowUpActionConfiguration : IEntityTypeConfiguration<FollowUpAction>
{
    public void Configure(EntityTypeBuilder<FollowUpAction> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.AssigneeId, x.Status, x.DueOn });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Interview>().WithMany().HasForeignKey(x => x.InterviewId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.HasIndex(x => new { x.OrganisationId, x.On });
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Interview>().WithMany().HasForeignKey(x => x.InterviewId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ActionPlanConfiguration : IEntityTypeConfiguration<ActionPlan>
{
    public void Configure(EntityTypeBuilder<ActionPlan> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Goals).WithOne().HasForeignKey(x => x.ActionPlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanGoalConfiguration : IEntityTypeConfiguration<PlanGoal>
{
    public void Configure(EntityTypeBuilder<PlanGoal> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.ActionPlanId, x.Position });
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasMany(x => x.Actions).WithOne().HasForeignKey(x => x.PlanGoalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlanActionConfiguration : IEntityTypeConfiguration<PlanAction>
{
    public void Configure(EntityTypeBuilder<PlanAction> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PlanGoalId });
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Who).HasMaxLength(200);
        b.Property(x => x.Owner).HasConversion<string>().HasMaxLength(10);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CollectiveSessionConfiguration : IEntityTypeConfiguration<CollectiveSession>
{
    public void Configure(EntityTypeBuilder<CollectiveSession> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.At });
        b.Property(x => x.Topic).HasMaxLength(200);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.FacilitatorId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Participants).WithOne().HasForeignKey(x => x.CollectiveSessionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CollectiveParticipantConfiguration : IEntityTypeConfiguration<CollectiveParticipant>
{
    public void Configure(EntityTypeBuilder<CollectiveParticipant> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.CollectiveSessionId, x.PersonId }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OnlineProcedureConfiguration : IEntityTypeConfiguration<OnlineProcedure>
{
    public void Configure(EntityTypeBuilder<OnlineProcedure> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.At });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Organism).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Help).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Description).HasMaxLength(500);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}
