using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Data;

// One configuration per entity; indexes start with OrganisationId. Enums are stored as text (readable in SQL,
// stable when a value is inserted in the middle of an enum).

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.FileNumber }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.SearchName });
        b.HasIndex(x => new { x.OrganisationId, x.BirthDate });
        b.HasIndex(x => new { x.OrganisationId, x.Phone });
        b.HasIndex(x => new { x.OrganisationId, x.ReferentId });
        b.HasIndex(x => new { x.OrganisationId, x.Status, x.LastOperationAt });
        b.Property(x => x.LastName).HasMaxLength(100);
        b.Property(x => x.UsageName).HasMaxLength(100);
        b.Property(x => x.BirthName).HasMaxLength(100);
        b.Property(x => x.FirstNames).HasMaxLength(150);
        b.Property(x => x.BirthPlace).HasMaxLength(150);
        b.Property(x => x.SearchName).HasMaxLength(500);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.PostalCode).HasMaxLength(10);
        b.Property(x => x.City).HasMaxLength(100);
        b.Property(x => x.CafNumber).HasMaxLength(20);
        b.Property(x => x.FranceTravailNumber).HasMaxLength(20);
        b.Property(x => x.Nir).HasMaxLength(15);
        b.Property(x => x.ProtectionRepresentative).HasMaxLength(200);
        b.Property(x => x.Sex).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Nationality).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Housing).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Family).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Professional).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Protection).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Ignore(x => x.DisplayName);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ReferentId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Teams).WithOne().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonTeamConfiguration : IEntityTypeConfiguration<PersonTeam>
{
    public void Configure(EntityTypeBuilder<PersonTeam> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.TeamId }).IsUnique();
        b.HasIndex(x => new { x.OrganisationId, x.TeamId });
        b.HasOne<Team>().WithMany().HasForeignKey(x => x.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonIncomeConfiguration : IEntityTypeConfiguration<PersonIncome>
{
    public void Configure(EntityTypeBuilder<PersonIncome> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.MonthlyAmount).HasPrecision(12, 2);
        b.Property(x => x.Label).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonChargeConfiguration : IEntityTypeConfiguration<PersonCharge>
{
    public void Configure(EntityTypeBuilder<PersonCharge> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.MonthlyAmount).HasPrecision(12, 2);
        b.Property(x => x.Label).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonConsentConfiguration : IEntityTypeConfiguration<PersonConsent>
{
    public void Configure(EntityTypeBuilder<PersonConsent> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonDocumentConfiguration : IEntityTypeConfiguration<PersonDocument>
{
    public void Configure(EntityTypeBuilder<PersonDocument> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.PersonId });
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentContentConfiguration : IEntityTypeConfiguration<DocumentContent>
{
    public void Configure(EntityTypeBuilder<DocumentContent> b)
    {
        b.HasKey(x => x.Id);
        b.HasOne<PersonDocument>().WithOne().HasForeignKey<DocumentContent>(x => x.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.HasIndex(x => new { x.OrganisationId, x.Name });
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HouseholdMemberConfiguration : IEntityTypeConfiguration<HouseholdMember>
{
    public void Configure(EntityTypeBuilder<HouseholdMember> b)
    {
        // One household at a time: at most one current membership per person (the same SQL on both providers).
        b.HasIndex(x => new { x.OrganisationId, x.PersonId }).IsUnique().HasFilter("\"LeftOn\" IS NULL")
            .HasDatabaseName("IX_HouseholdMembers_Current");
        b.HasIndex(x => new { x.OrganisationId, x.HouseholdId });
        b.HasIndex(x => new { x.OrganisationId, x.PersonId, x.JoinedOn });
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        b.Ignore(x => x.IsCurrent);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
