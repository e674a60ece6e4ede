using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Partners;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.Partners;

public static class PartnerLabels
{
    public static string Label(PartnerKind kind) => kind switch
    {
        PartnerKind.Caf => "CAF",
        PartnerKind.Cpam => "CPAM",
        PartnerKind.FranceTravail => "France Travail",
        PartnerKind.Departement => "Département",
        PartnerKind.Prefecture => "Préfecture",
        PartnerKind.TaxOffice => "Impôts",
        PartnerKind.EnergySupplier => "Fournisseur d'énergie",
        PartnerKind.Landlord => "Bailleur",
        PartnerKind.Association => "Association",
        PartnerKind.HealthCentre => "Centre de santé",
        PartnerKind.Justice => "Justice",
        PartnerKind.Municipality => "Mairie",
        _ => "Autre",
    };
}

public sealed class PartnerInput
{
    [Required(ErrorMessage = "Le nom est obligatoire."), StringLength(200, ErrorMessage = "Le nom ne peut dépasser 200 caractères.")]
    [Display(Name = "Nom")]
    public string Name { get; set; } = "";
    [Display(Name = "Type")]
    public PartnerKind Kind { get; set; } = PartnerKind.Association;
    [Display(Name = "Contact"), StringLength(200, ErrorMessage = "Le contact ne peut dépasser 200 caractères.")]
    public string? ContactName { get; set; }
    [Display(Name = "Téléphone"), StringLength(30, ErrorMessage = "Le téléphone ne peut dépasser 30 caractères."),
     RegularExpression(@"^[0-9 +().-]*$", ErrorMessage = "Le téléphone ne peut contenir que des chiffres, espaces et + ( ) . -")]
    public string? Phone { get; set; }
    [Display(Name = "Courriel"), StringLength(254), EmailAddress(ErrorMessage = "Le courriel n'est pas une adresse valide.")]
    public string? Email { get; set; }
    [Display(Name = "Adresse"), StringLength(300, ErrorMessage = "L'adresse ne peut dépasser 300 caractères.")]
    public string? Address { get; set; }
    [Display(Name = "Services proposés"), StringLength(2000, ErrorMessage = "Les services ne peuvent dépasser 2 000 caractères.")]
    public string? Services { get; set; }
    [Display(Name = "Partenaire actif")]
    public bool Active { get; set; } = true;
    public int Version { get; set; }

    public static PartnerInput From(Partner p) => new()
    {
        Name = p.Name, Kind = p.Kind, ContactName = p.ContactName, Phone = p.Phone, Email = p.Email, Address = p.Address,
        Services = p.Services, Active = p.Active, Version = p.Version,
    };

    public async Task<IEnumerable<(string Field, string Message)>> CheckAsync(AppDbContext db, Guid? id)
    {
        if (string.IsNullOrWhiteSpace(Name)) return [];
        var errors = new List<(string, string)>();
        if (!Enum.IsDefined(Kind)) errors.Add((nameof(Kind), "Type de partenaire inconnu."));
        var name = Name.Trim();
        if (await db.Set<Partner>().AnyAsync(p => p.Name == name && p.Id != id)) errors.Add((nameof(Name), "Un partenaire porte déjà ce nom."));
        return errors;
    }

    public void ApplyTo(Partner p)
    {
        p.Name = Name.Trim();
        p.Kind = Kind;
        p.ContactName = Clean(ContactName);
        p.Phone = Clean(Phone);
        p.Email = Clean(Email);
        p.Address = Clean(Address);
        p.Services = Clean(Services);
        p.Active = Active;
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>The directory search: by name, kind or service, accents and case ignored.</summary>
public sealed class PartnerSearch
{
    public string? Q { get; set; }
    public PartnerKind? Kind { get; set; }
    public bool? Inactive { get; set; }

    public async Task<List<Partner>> RunAsync(AppDbContext db)
    {
        var query = db.Set<Partner>().AsNoTracking();
        if (Inactive != true) query = query.Where(p => p.Active);
        if (Kind is { } k) query = query.Where(p => p.Kind == k);
        var list = await query.OrderBy(p => p.Name).ToListAsync();
        if (string.IsNullOrWhiteSpace(Q)) return list;
        // A directory is small (tens to a few hundred partners): folding in memory keeps accents out of the way on both databases.
        var words = Text.Fold(Q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return list.Where(p =>
        {
            var hay = Text.Fold($"{p.Name} {PartnerLabels.Label(p.Kind)} {p.Services} {p.ContactName} {p.Address}");
            return words.All(hay.Contains);
        }).ToList();
    }
}
