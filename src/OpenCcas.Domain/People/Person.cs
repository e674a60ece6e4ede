using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.People;

public enum Sex { Female, Male, Unspecified }

public enum NationalityGroup { French, EuropeanUnion, OutsideEuropeanUnion, Stateless, Unknown }

public enum HousingSituation
{
    Unknown, PrivateTenant, SocialTenant, Owner, HostedByFamily, HostedByThirdParty, Hotel, EmergencyShelter, Chrs,
    SocialResidence, AutonomyResidence, CareHome, Squat, Street, Other,
}

public enum FamilySituation { Unknown, Single, Married, CivilPartnership, Cohabiting, Separated, Divorced, Widowed }

public enum ProfessionalSituation
{
    Unknown, Employed, SelfEmployed, JobSeeker, Training, Student, Retired, UnableToWork, Inactive,
}

public enum ProtectionMeasure
{
    None, SafeguardOfJustice, Curatorship, ReinforcedCuratorship, Guardianship, FamilyHabilitation,
    SocialSupportMeasure, JudicialSupportMeasure,
}

public enum PersonStatus { Active, Inactive, Deceased, Anonymised }

/// <summary>
/// A person known to the CCAS ("usager"). The fields are grouped by the file part that may see them
/// (<see cref="Platform.FilePart"/>): identity and contact, household, resources, social, sensitive (GIR, protection).
/// </summary>
public sealed class Person : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    /// <summary>The file number agents quote ("dossier n° 1234"), unique in the organisation.</summary>
    public int FileNumber { get; set; }

    // Identity
    public required string LastName { get; set; }
    public string? UsageName { get; set; }
    public string? BirthName { get; set; }
    public required string FirstNames { get; set; }
    public Sex Sex { get; set; } = Sex.Unspecified;
    public DateOnly? BirthDate { get; set; }
    public string? BirthPlace { get; set; }
    public NationalityGroup Nationality { get; set; } = NationalityGroup.Unknown;
    /// <summary>Folded names (lower case, no accents, no hyphens), kept by the People module for search.</summary>
    public string SearchName { get; set; } = "";

    // Contact
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool NoStableHome { get; set; }
    public string? Address { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }

    // Situation (household part)
    public HousingSituation Housing { get; set; }
    public FamilySituation Family { get; set; }
    public ProfessionalSituation Professional { get; set; }

    // Identifiers (resources part)
    public string? CafNumber { get; set; }
    public string? FranceTravailNumber { get; set; }
    /// <summary>Social security number (NIR), 15 characters, checked with its key.</summary>
    public string? Nir { get; set; }

    // Sensitive part
    public ProtectionMeasure Protection { get; set; }
    public string? ProtectionRepresentative { get; set; }
    /// <summary>Autonomy level, GIR 1 (most dependent) to 6.</summary>
    public int? GirLevel { get; set; }

    // Follow-up: who may open the file (with PersonTeam)
    public Guid? SiteId { get; set; }
    public Guid? ReferentId { get; set; }

    public PersonStatus Status { get; set; }
    /// <summary>Set when this file was merged into another (a duplicate): the file kept. The status is then Inactive.</summary>
    public Guid? MergedIntoId { get; set; }
    public DateOnly? DeathDate { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    /// <summary>The last recorded operation on the file (retention counts from it).</summary>
    public DateTimeOffset LastOperationAt { get; set; } = DateTimeOffset.UtcNow;
    public int Version { get; set; }

    public List<PersonTeam> Teams { get; set; } = [];

    /// <summary>"DUPONT (née MARTIN) Marie" — the name as a list shows it.</summary>
    public string DisplayName
    {
        get
        {
            var shown = string.IsNullOrWhiteSpace(UsageName) ? LastName : UsageName;
            var birth = !string.IsNullOrWhiteSpace(BirthName) && !string.Equals(BirthName, shown, StringComparison.OrdinalIgnoreCase)
                ? $" ({(Sex == Sex.Female ? "née" : "né")} {BirthName.ToUpperInvariant()})" : "";
            return $"{shown.ToUpperInvariant()}{birth} {FirstNames}".Trim();
        }
    }

    public int? AgeOn(DateOnly day) => BirthDate is { } b ? Ages.On(b, day) : null;
}

/// <summary>A team following the person: its social workers may open the file.</summary>
public sealed class PersonTeam : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid TeamId { get; set; }
}

public static class Ages
{
    public static int On(DateOnly birth, DateOnly day)
    {
        var age = day.Year - birth.Year;
        if (day < birth.AddYears(age)) age--;
        return age;
    }
}
