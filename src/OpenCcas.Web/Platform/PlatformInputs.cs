using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Platform;

// The inputs of the platform screens and API, validated on the server with French messages. Pages and API both
// use them, so that a rule is written once.

public sealed class OrganisationInput
{
    [Required(ErrorMessage = "Le nom est obligatoire."), StringLength(200, ErrorMessage = "Le nom ne peut dépasser 200 caractères.")]
    [Display(Name = "Nom")]
    public string Name { get; set; } = "";
    [Display(Name = "Type")]
    public OrganisationKind Kind { get; set; }
    [Display(Name = "Communes couvertes (une par ligne)"), StringLength(4000)]
    public string? Communes { get; set; }
    [Display(Name = "SIRET")]
    public string? Siret { get; set; }
    [Display(Name = "Adresse"), StringLength(500)]
    public string? Address { get; set; }
    [Display(Name = "Double authentification obligatoire pour tous les agents")]
    public bool RequireTwoFactor { get; set; }
    public int Version { get; set; }

    public static OrganisationInput From(Organisation o) => new()
    {
        Name = o.Name, Kind = o.Kind, Communes = o.Communes, Siret = o.Siret, Address = o.Address,
        RequireTwoFactor = o.RequireTwoFactor, Version = o.Version,
    };

    public IEnumerable<(string Field, string Message)> Check()
    {
        if (Organisation.ValidateSiret(Siret) is { } error) yield return (nameof(Siret), error);
    }

    public void ApplyTo(Organisation o)
    {
        o.Name = Name.Trim();
        o.Kind = Kind;
        o.Communes = (Communes ?? "").Replace("\r", "").Trim();
        o.Siret = string.IsNullOrWhiteSpace(Siret) ? null : Siret.Replace(" ", "");
        o.Address = Address?.Trim();
        o.RequireTwoFactor = RequireTwoFactor;
    }
}

public sealed class SiteInput
{
    [Required(ErrorMessage = "Le nom est obligatoire."), StringLength(200, ErrorMessage = "Le nom ne peut dépasser 200 caractères.")]
    [Display(Name = "Nom")]
    public string Name { get; set; } = "";
    [Display(Name = "Type de site")]
    public SiteKind Kind { get; set; } = SiteKind.AccessToRightsPoint;
    [Display(Name = "Adresse"), StringLength(500, ErrorMessage = "L'adresse ne peut dépasser 500 caractères.")]
    public string? Address { get; set; }
    [Display(Name = "Téléphone"), StringLength(30), RegularExpression(@"^[0-9 +().-]*$", ErrorMessage = "Le téléphone ne peut contenir que des chiffres, espaces et + ( ) . -")]
    public string? Phone { get; set; }
    [Display(Name = "Horaires d'ouverture"), StringLength(1000)]
    public string? OpeningHours { get; set; }
    [Display(Name = "Site ouvert")]
    public bool Active { get; set; } = true;
    public int Version { get; set; }

    public static SiteInput From(Site s) => new()
    {
        Name = s.Name, Kind = s.Kind, Address = s.Address, Phone = s.Phone, OpeningHours = s.OpeningHours, Active = s.Active, Version = s.Version,
    };

    public async Task<IEnumerable<(string Field, string Message)>> CheckAsync(AppDbContext db, Guid? id)
    {
        // An empty field binds to null: [Required] has already said so, there is nothing to compare.
        if (string.IsNullOrWhiteSpace(Name)) return [];
        var name = Name.Trim();
        return await db.Sites.AnyAsync(s => s.Name == name && s.Id != id)
            ? [(nameof(Name), "Un site porte déjà ce nom.")]
            : [];
    }

    public void ApplyTo(Site s)
    {
        s.Name = Name.Trim();
        s.Kind = Kind;
        s.Address = Address?.Trim();
        s.Phone = Phone?.Trim();
        s.OpeningHours = OpeningHours?.Trim();
        s.Active = Active;
    }
}

public sealed class TeamInput
{
    [Required(ErrorMessage = "Le nom est obligatoire."), StringLength(200, ErrorMessage = "Le nom ne peut dépasser 200 caractères.")]
    [Display(Name = "Nom")]
    public string Name { get; set; } = "";
    [Display(Name = "Description"), StringLength(1000)]
    public string? Description { get; set; }
    public int Version { get; set; }

    public static TeamInput From(Team t) => new() { Name = t.Name, Description = t.Description, Version = t.Version };

    public async Task<IEnumerable<(string Field, string Message)>> CheckAsync(AppDbContext db, Guid? id)
    {
        // An empty field binds to null: [Required] has already said so, there is nothing to compare.
        if (string.IsNullOrWhiteSpace(Name)) return [];
        var name = Name.Trim();
        return await db.Teams.AnyAsync(t => t.Name == name && t.Id != id)
            ? [(nameof(Name), "Une équipe porte déjà ce nom.")]
            : [];
    }

    public void ApplyTo(Team t)
    {
        t.Name = Name.Trim();
        t.Description = Description?.Trim();
    }
}

public sealed class RoleInput
{
    public Role Role { get; set; }
    public Guid? SiteId { get; set; }
    public Guid? TeamId { get; set; }
}

public sealed class UserInput
{
    [Required(ErrorMessage = "Le prénom est obligatoire."), StringLength(100)]
    [Display(Name = "Prénom")]
    public string FirstName { get; set; } = "";
    [Required(ErrorMessage = "Le nom est obligatoire."), StringLength(100)]
    [Display(Name = "Nom")]
    public string LastName { get; set; } = "";
    [Required(ErrorMessage = "L'adresse électronique est obligatoire."), EmailAddress(ErrorMessage = "L'adresse électronique n'est pas valide."), StringLength(256)]
    [Display(Name = "Adresse électronique")]
    public string Email { get; set; } = "";
    [Display(Name = "Compte actif")]
    public bool Active { get; set; } = true;
    public List<RoleInput> Roles { get; set; } = [];
    public List<Guid> TeamIds { get; set; } = [];

    public async Task<IEnumerable<(string Field, string Message)>> CheckAsync(AppDbContext db)
    {
        var errors = new List<(string, string)>();
        var sites = await db.Sites.Select(s => s.Id).ToListAsync();
        var teams = await db.Teams.Select(t => t.Id).ToListAsync();
        if (Roles.Any(r => r.SiteId is { } s && !sites.Contains(s))) errors.Add((nameof(Roles), "Site inconnu."));
        if (Roles.Any(r => r.TeamId is { } t && !teams.Contains(t)) || TeamIds.Any(t => !teams.Contains(t))) errors.Add((nameof(TeamIds), "Équipe inconnue."));
        if (Roles.Any(r => !Enum.IsDefined(r.Role))) errors.Add((nameof(Roles), "Rôle inconnu."));
        return errors;
    }
}

public sealed class TokenInput
{
    [Required(ErrorMessage = "Le nom du jeton est obligatoire."), StringLength(100, ErrorMessage = "Le nom ne peut dépasser 100 caractères.")]
    [Display(Name = "Nom du jeton (à quoi il sert)")]
    public string Name { get; set; } = "";
    [Range(1, 365, ErrorMessage = "La durée de validité doit être comprise entre 1 et 365 jours.")]
    [Display(Name = "Validité (jours)")]
    public int Days { get; set; } = 90;
    [Display(Name = "Rôles autorisés")]
    public List<Role> Roles { get; set; } = [];
}
