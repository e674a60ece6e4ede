using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.Platform;

public enum SiteKind
{
    AccessToRightsPoint,
    HeadOffice,
    SeniorsHouse,
    SocialResidence,
    AutonomyResidence,
    DayCentre,
    NightShelter,
    Chrs,
    Other,
}

/// <summary>A place where the public is received.</summary>
public sealed class Site : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public SiteKind Kind { get; set; }
    public string? Address { get; set; }
    public string? Phone { get; set; }
    /// <summary>Opening hours as the public reads them, e.g. "Lundi–vendredi 8h30–12h, 13h30–17h".</summary>
    public string? OpeningHours { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }

    public static string Label(SiteKind kind) => kind switch
    {
        SiteKind.AccessToRightsPoint => "Point d'accès aux droits",
        SiteKind.HeadOffice => "Siège",
        SiteKind.SeniorsHouse => "Maison des seniors",
        SiteKind.SocialResidence => "Résidence sociale",
        SiteKind.AutonomyResidence => "Résidence autonomie",
        SiteKind.DayCentre => "Accueil de jour",
        SiteKind.NightShelter => "Abri de nuit",
        SiteKind.Chrs => "CHRS",
        _ => "Autre",
    };
}

/// <summary>A group of agents (a "service"), e.g. general social service or the 62+ gerontology service.</summary>
public sealed class Team : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int Version { get; set; }
}

/// <summary>An agent belongs to teams; a social worker sees the files of their teams.</summary>
public sealed class TeamMember : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid TeamId { get; set; }
    public Guid UserId { get; set; }
}

/// <summary>A role held by a user in their organisation, optionally limited to one site or one team.</summary>
public sealed class RoleAssignment : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid UserId { get; set; }
    public Role Role { get; set; }
    public Guid? SiteId { get; set; }
    public Guid? TeamId { get; set; }
}
