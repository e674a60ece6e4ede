using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People;

// The inputs of the person file and household screens and API, validated on the server with French messages. Pages
// and API both use them, so that a rule is written once. Dates are typed as text: dd/MM/yyyy (as French agents type
// them) or yyyy-MM-dd (a date input, the API).

public static class FrenchInput
{
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd", "dd-MM-yyyy", "dd.MM.yyyy"];

    public static bool TryDate(string? text, out DateOnly day) =>
        DateOnly.TryParseExact((text ?? "").Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>Today in Europe/Paris.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToParis().DateTime);

    /// <summary>An amount typed the French way ("1 234,56") or the machine way ("1234.56").</summary>
    public static bool TryAmount(string? text, out decimal amount)
    {
        var t = (text ?? "").Trim().Replace("€", "").Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "");
        if (t.Contains(',') && t.Contains('.')) t = t.Replace(".", "");
        t = t.Replace(',', '.');
        return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
    }

    public static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>Shown in a date input (yyyy-MM-dd).</summary>
    public static string? ForInput(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A birth or event date: well formed, not in the future, not before 1900.</summary>
    public static string? CheckPastDate(string? text, string what, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (!TryDate(text, out var d)) return $"{what} n'est pas une date valide : saisissez-la au format jj/mm/aaaa.";
        if (d > Today) return $"{what} ne peut pas être dans le futur.";
        if (d.Year < 1900) return $"{what} ne peut pas être antérieure à 1900.";
        day = d;
        return null;
    }
}

/// <summary>Identity and contact details (the identity part of the file).</summary>
public class IdentityInput
{
    [Required(ErrorMessage = "Le nom de famille est obligatoire."), StringLength(100, ErrorMessage = "Le nom ne peut dépasser 100 caractères.")]
    [Display(Name = "Nom de famille")]
    public string LastName { get; set; } = "";
    [StringLength(100, ErrorMessage = "Le nom d'usage ne peut dépasser 100 caractères.")]
    [Display(Name = "Nom d'usage")]
    public string? UsageName { get; set; }
    [StringLength(100, ErrorMessage = "Le nom de naissance ne peut dépasser 100 caractères.")]
    [Display(Name = "Nom de naissance")]
    public string? BirthName { get; set; }
    [Required(ErrorMessage = "Le prénom est obligatoire."), StringLength(150, ErrorMessage = "Les prénoms ne peuvent dépasser 150 caractères.")]
    [Display(Name = "Prénoms")]
    public string FirstNames { get; set; } = "";
    [Display(Name = "Sexe")]
    public Sex Sex { get; set; } = Sex.Unspecified;
    [Display(Name = "Date de naissance")]
    public string? BirthDate { get; set; }
    [StringLength(150, ErrorMessage = "Le lieu de naissance ne peut dépasser 150 caractères.")]
    [Display(Name = "Lieu de naissance")]
    public string? BirthPlace { get; set; }
    [Display(Name = "Nationalité")]
    public NationalityGroup Nationality { get; set; } = NationalityGroup.Unknown;
    [StringLength(30, ErrorMessage = "Le téléphone ne peut dépasser 30 caractères."), RegularExpression(@"^[0-9 +().-]*$", ErrorMessage = "Le téléphone ne peut contenir que des chiffres, espaces et + ( ) . -")]
    [Display(Name = "Téléphone")]
    public string? Phone { get; set; }
    [StringLength(254), EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide.")]
    [Display(Name = "Adresse électronique")]
    public string? Email { get; set; }
    [Display(Name = "Sans domicile stable")]
    public bool NoStableHome { get; set; }
    [StringLength(300, ErrorMessage = "L'adresse ne peut dépasser 300 caractères.")]
    [Display(Name = "Adresse")]
    public string? Address { get; set; }
    [StringLength(10)]
    [Display(Name = "Code postal")]
    public string? PostalCode { get; set; }
    [StringLength(100, ErrorMessage = "La commune ne peut dépasser 100 caractères.")]
    [Display(Name = "Commune")]
    public string? City { get; set; }
    public int Version { get; set; }

    public void FillFrom(Person p)
    {
        LastName = p.LastName; UsageName = p.UsageName; BirthName = p.BirthName; FirstNames = p.FirstNames; Sex = p.Sex;
        BirthDate = FrenchInput.ForInput(p.BirthDate); BirthPlace = p.BirthPlace; Nationality = p.Nationality;
        Phone = p.Phone; Email = p.Email; NoStableHome = p.NoStableHome; Address = p.Address; PostalCode = p.PostalCode;
        City = p.City; Version = p.Version;
    }

    public static IdentityInput From(Person p)
    {
        var input = new IdentityInput();
        input.FillFrom(p);
        return input;
    }

    public virtual IEnumerable<(string Field, string Message)> Check()
    {
        if (FrenchInput.CheckPastDate(BirthDate, "La date de naissance", out _) is { } error) yield return (nameof(BirthDate), error);
        if (FrenchInput.Clean(PostalCode) is { } code && !(code.Length == 5 && code.All(char.IsAsciiDigit)))
            yield return (nameof(PostalCode), "Le code postal doit comporter 5 chiffres.");
        if (!Enum.IsDefined(Sex)) yield return (nameof(Sex), "Sexe inconnu.");
        if (!Enum.IsDefined(Nationality)) yield return (nameof(Nationality), "Nationalité inconnue.");
    }

    public DateOnly? ParsedBirthDate => FrenchInput.TryDate(BirthDate, out var d) ? d : null;

    public void ApplyTo(Person p)
    {
        p.LastName = LastName.Trim();
        p.UsageName = FrenchInput.Clean(UsageName);
        p.BirthName = FrenchInput.Clean(BirthName);
        p.FirstNames = FirstNames.Trim();
        p.Sex = Sex;
        p.BirthDate = ParsedBirthDate;
        p.BirthPlace = FrenchInput.Clean(BirthPlace);
        p.Nationality = Nationality;
        p.Phone = FrenchInput.Clean(Phone);
        p.Email = FrenchInput.Clean(Email);
        p.NoStableHome = NoStableHome;
        // Someone without a stable home has no address of their own (the CCAS domiciliation gives one).
        p.Address = NoStableHome ? null : FrenchInput.Clean(Address);
        p.PostalCode = NoStableHome ? null : FrenchInput.Clean(PostalCode);
        p.City = FrenchInput.Clean(City);
    }
}

/// <summary>A new person: identity, contact, and who follows the file.</summary>
public sealed class NewPersonInput : IdentityInput
{
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    [Display(Name = "Référent")]
    public Guid? ReferentId { get; set; }
    [Display(Name = "Équipes")]
    public List<Guid> TeamIds { get; set; } = [];
    /// <summary>The user has seen the likely duplicates and says this is another person.</summary>
    public bool ConfirmDuplicate { get; set; }

    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db)
    {
        var errors = Check().ToList();
        errors.AddRange(await FollowUpInput.CheckScopeAsync(db, SiteId, ReferentId, TeamIds));
        return errors;
    }
}

/// <summary>Situation, administrative numbers and (for social roles) the sensitive part.</summary>
public sealed class SituationInput
{
    [Display(Name = "Logement")]
    public HousingSituation Housing { get; set; }
    [Display(Name = "Situation familiale")]
    public FamilySituation Family { get; set; }
    [Display(Name = "Situation professionnelle")]
    public ProfessionalSituation Professional { get; set; }
    [StringLength(20, ErrorMessage = "Le numéro CAF ne peut dépasser 20 caractères."), RegularExpression(@"^[0-9A-Za-z ]*$", ErrorMessage = "Le numéro CAF ne peut contenir que des chiffres et des lettres.")]
    [Display(Name = "Numéro d'allocataire CAF")]
    public string? CafNumber { get; set; }
    [StringLength(20, ErrorMessage = "L'identifiant France Travail ne peut dépasser 20 caractères."), RegularExpression(@"^[0-9A-Za-z ]*$", ErrorMessage = "L'identifiant France Travail ne peut contenir que des chiffres et des lettres.")]
    [Display(Name = "Identifiant France Travail")]
    public string? FranceTravailNumber { get; set; }
    [Display(Name = "Numéro de sécurité sociale (NIR)")]
    public string? Nir { get; set; }
    [Display(Name = "Mesure de protection")]
    public ProtectionMeasure Protection { get; set; }
    [StringLength(200, ErrorMessage = "Le représentant ne peut dépasser 200 caractères.")]
    [Display(Name = "Représentant (tuteur, curateur, mandataire)")]
    public string? ProtectionRepresentative { get; set; }
    [Range(1, 6, ErrorMessage = "Le GIR est un niveau de 1 à 6.")]
    [Display(Name = "GIR")]
    public int? GirLevel { get; set; }
    public int Version { get; set; }

    public static SituationInput From(Person p, bool resources, bool sensitive) => new()
    {
        Housing = p.Housing, Family = p.Family, Professional = p.Professional,
        CafNumber = resources ? p.CafNumber : null, FranceTravailNumber = resources ? p.FranceTravailNumber : null, Nir = resources ? p.Nir : null,
        Protection = sensitive ? p.Protection : ProtectionMeasure.None, ProtectionRepresentative = sensitive ? p.ProtectionRepresentative : null,
        GirLevel = sensitive ? p.GirLevel : null, Version = p.Version,
    };

    public IEnumerable<(string Field, string Message)> Check()
    {
        if (OpenCcas.Domain.People.Nir.Check(Nir) is { } error) yield return (nameof(Nir), error);
        if (!Enum.IsDefined(Housing)) yield return (nameof(Housing), "Situation de logement inconnue.");
        if (!Enum.IsDefined(Family)) yield return (nameof(Family), "Situation familiale inconnue.");
        if (!Enum.IsDefined(Professional)) yield return (nameof(Professional), "Situation professionnelle inconnue.");
        if (!Enum.IsDefined(Protection)) yield return (nameof(Protection), "Mesure de protection inconnue.");
    }

    /// <summary>Changes only what the actor may see: identifiers with the resources part, GIR and protection with the sensitive part.</summary>
    public void ApplyTo(Person p, bool resources, bool sensitive)
    {
        p.Housing = Housing;
        p.Family = Family;
        p.Professional = Professional;
        if (resources)
        {
            p.CafNumber = FrenchInput.Clean(CafNumber)?.Replace(" ", "");
            p.FranceTravailNumber = FrenchInput.Clean(FranceTravailNumber)?.Replace(" ", "");
            p.Nir = OpenCcas.Domain.People.Nir.Normalise(Nir);
        }
        if (sensitive)
        {
            p.Protection = Protection;
            p.ProtectionRepresentative = Protection == ProtectionMeasure.None ? null : FrenchInput.Clean(ProtectionRepresentative);
            p.GirLevel = GirLevel;
        }
    }
}

public sealed record IncomeRow(IncomeKind Kind, decimal MonthlyAmount, string? Label);
public sealed record ChargeRow(ChargeKind Kind, decimal MonthlyAmount, string? Label);

/// <summary>The whole list of monthly incomes and charges of a person, replaced at once.</summary>
public sealed class ResourcesInput
{
    public List<IncomeRow> Incomes { get; set; } = [];
    public List<ChargeRow> Charges { get; set; } = [];
    public int Version { get; set; }

    public const decimal MaxAmount = 1_000_000m;

    public IEnumerable<(string Field, string Message)> Check()
    {
        for (var i = 0; i < Incomes.Count; i++)
        {
            if (!Enum.IsDefined(Incomes[i].Kind)) yield return ($"Incomes[{i}].Kind", "Nature de ressource inconnue.");
            if (Incomes[i].MonthlyAmount is < 0 or >= MaxAmount) yield return ($"Incomes[{i}].MonthlyAmount", "Le montant mensuel doit être positif et inférieur à 1 000 000 €.");
            if (Incomes[i].Label?.Length > 200) yield return ($"Incomes[{i}].Label", "Le libellé ne peut dépasser 200 caractères.");
        }
        for (var i = 0; i < Charges.Count; i++)
        {
            if (!Enum.IsDefined(Charges[i].Kind)) yield return ($"Charges[{i}].Kind", "Nature de charge inconnue.");
            if (Charges[i].MonthlyAmount is < 0 or >= MaxAmount) yield return ($"Charges[{i}].MonthlyAmount", "Le montant mensuel doit être positif et inférieur à 1 000 000 €.");
            if (Charges[i].Label?.Length > 200) yield return ($"Charges[{i}].Label", "Le libellé ne peut dépasser 200 caractères.");
        }
    }
}

/// <summary>Who follows the file, and its status.</summary>
public sealed class FollowUpInput
{
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    [Display(Name = "Référent")]
    public Guid? ReferentId { get; set; }
    [Display(Name = "Équipes")]
    public List<Guid> TeamIds { get; set; } = [];
    [Display(Name = "Statut")]
    public PersonStatus Status { get; set; }
    [Display(Name = "Date de décès")]
    public string? DeathDate { get; set; }
    public int Version { get; set; }

    public static FollowUpInput From(Person p) => new()
    {
        SiteId = p.SiteId, ReferentId = p.ReferentId, TeamIds = p.Teams.Select(t => t.TeamId).Order().ToList(), Status = p.Status,
        DeathDate = FrenchInput.ForInput(p.DeathDate), Version = p.Version,
    };

    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db)
    {
        var errors = new List<(string, string)>();
        if (Status == PersonStatus.Anonymised || !Enum.IsDefined(Status))
            errors.Add((nameof(Status), "Ce statut ne peut pas être choisi : l'anonymisation est faite par la conservation des données."));
        if (Status == PersonStatus.Deceased)
        {
            if (string.IsNullOrWhiteSpace(DeathDate)) errors.Add((nameof(DeathDate), "Indiquez la date de décès."));
            else if (FrenchInput.CheckPastDate(DeathDate, "La date de décès", out _) is { } e) errors.Add((nameof(DeathDate), e));
        }
        errors.AddRange(await CheckScopeAsync(db, SiteId, ReferentId, TeamIds));
        return errors;
    }

    public static async Task<List<(string Field, string Message)>> CheckScopeAsync(AppDbContext db, Guid? siteId, Guid? referentId, IEnumerable<Guid> teamIds)
    {
        var errors = new List<(string, string)>();
        if (siteId is { } s && !await db.Sites.AnyAsync(x => x.Id == s)) errors.Add(("SiteId", "Site inconnu."));
        if (referentId is { } r && !await db.Users.AnyAsync(u => u.Id == r && u.Active)) errors.Add(("ReferentId", "Référent inconnu ou compte désactivé."));
        var teams = teamIds.Distinct().ToList();
        if (teams.Count > 0 && await db.Teams.CountAsync(t => teams.Contains(t.Id)) != teams.Count) errors.Add(("TeamIds", "Équipe inconnue."));
        return errors;
    }

    public void ApplyTo(Person p)
    {
        p.SiteId = SiteId;
        p.ReferentId = ReferentId;
        p.Status = Status;
        p.DeathDate = Status == PersonStatus.Deceased && FrenchInput.TryDate(DeathDate, out var d) ? d : null;
    }
}

/// <summary>Giving or withdrawing one consent.</summary>
public sealed class ConsentInput
{
    [Display(Name = "Consentement")]
    public ConsentKind Kind { get; set; }
    /// <summary>True: given; false: withdrawn.</summary>
    public bool Given { get; set; }
    [Display(Name = "Date")]
    public string? Date { get; set; }

    public IEnumerable<(string Field, string Message)> Check()
    {
        if (!Enum.IsDefined(Kind)) yield return (nameof(Kind), "Consentement inconnu.");
        if (FrenchInput.CheckPastDate(Date, "La date", out _) is { } e) yield return (nameof(Date), e);
    }

    /// <summary>The date typed (at noon, Paris), or now.</summary>
    public DateTimeOffset At() => FrenchInput.TryDate(Date, out var d) && d != FrenchInput.Today
        ? Paris.StartOfDay(d).AddHours(12) : DateTimeOffset.UtcNow;
}

public sealed class HouseholdInput
{
    [Required(ErrorMessage = "Le nom du ménage est obligatoire."), StringLength(200, ErrorMessage = "Le nom ne peut dépasser 200 caractères.")]
    [Display(Name = "Nom du ménage")]
    public string Name { get; set; } = "";
    /// <summary>Its first member, the reference person.</summary>
    public Guid PersonId { get; set; }
    [Display(Name = "Date d'arrivée")]
    public string? JoinedOn { get; set; }
}

/// <summary>The household's own fields (its name), with the version the user read: a save over someone else's is a conflict.</summary>
public sealed class HouseholdEditInput
{
    [Display(Name = "Nom du ménage")]
    public string? Name { get; set; }
    public int Version { get; set; }

    public static HouseholdEditInput From(Household h) => new() { Name = h.Name, Version = h.Version };

    public IEnumerable<(string Field, string Message)> Check()
    {
        var name = FrenchInput.Clean(Name);
        if (name is null) yield return (nameof(Name), "Le nom du ménage est obligatoire.");
        else if (name.Length > 200) yield return (nameof(Name), "Le nom du ménage ne peut dépasser 200 caractères.");
    }

    public void ApplyTo(Household h) => h.Name = FrenchInput.Clean(Name)!;
}

public sealed class MemberInput
{
    public Guid PersonId { get; set; }
    [Display(Name = "Rôle dans le ménage")]
    public HouseholdRole Role { get; set; } = HouseholdRole.OtherRelative;
    [Display(Name = "À charge")]
    public bool Dependant { get; set; }
    [Display(Name = "Date d'arrivée")]
    public string? JoinedOn { get; set; }

    public IEnumerable<(string Field, string Message)> Check()
    {
        if (!Enum.IsDefined(Role)) yield return (nameof(Role), "Rôle inconnu.");
        if (FrenchInput.CheckPastDate(JoinedOn, "La date d'arrivée", out _) is { } e) yield return (nameof(JoinedOn), e);
    }

    public DateOnly Joined => FrenchInput.TryDate(JoinedOn, out var d) ? d : FrenchInput.Today;
}

public sealed class MemberRoleInput
{
    [Display(Name = "Rôle dans le ménage")]
    public HouseholdRole Role { get; set; }
    [Display(Name = "À charge")]
    public bool Dependant { get; set; }
}

public sealed class LeaveInput
{
    [Display(Name = "Date de départ")]
    public string? LeftOn { get; set; }
}
