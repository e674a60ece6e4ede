using System.ComponentModel.DataAnnotations;
using OpenCcas.Domain.Reception;

namespace OpenCcas.Web.Reception;

// The inputs of the reception and appointment screens and API, validated on the server with French messages.

public sealed class ReceptionVisitInput
{
    [Required(ErrorMessage = "Le site est obligatoire.")]
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    [Display(Name = "Canal")]
    public ContactChannel Channel { get; set; } = ContactChannel.Visit;
    [Required(ErrorMessage = "Le motif est obligatoire.")]
    [Display(Name = "Motif")]
    public Guid? ReasonId { get; set; }
    /// <summary>Null: an anonymous contact.</summary>
    [Display(Name = "Personne")]
    public Guid? PersonId { get; set; }
    [Display(Name = "Suite donnée")]
    public ReceptionOutcome Outcome { get; set; } = ReceptionOutcome.Information;
    [Display(Name = "Commentaire"), StringLength(1000, ErrorMessage = "Le commentaire ne peut dépasser 1000 caractères.")]
    public string? Comment { get; set; }
}

public sealed class ReceptionReasonInput
{
    [Required(ErrorMessage = "Le libellé est obligatoire."), StringLength(150, ErrorMessage = "Le libellé ne peut dépasser 150 caractères.")]
    [Display(Name = "Libellé")]
    public string Label { get; set; } = "";
    [Display(Name = "Ordre")]
    public int? SortOrder { get; set; }
    [Display(Name = "Actif")]
    public bool Active { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>Required fields are checked by <see cref="Appointments"/> (after the record is found, so that another organisation's id answers 404).</summary>
public sealed class AppointmentInput
{
    [Display(Name = "Personne")]
    public Guid? PersonId { get; set; }
    [Display(Name = "Agent")]
    public Guid? AgentId { get; set; }
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    /// <summary>An instant with its offset ("2026-12-01T10:00:00+01:00" or "2026-12-01T09:00:00Z"); stored in UTC.</summary>
    [Display(Name = "Début")]
    public DateTimeOffset? Start { get; set; }
    [Display(Name = "Fin")]
    public DateTimeOffset? End { get; set; }
    [Display(Name = "Modalité")]
    public AppointmentMode Mode { get; set; } = AppointmentMode.Office;
    [Display(Name = "Objet"), StringLength(200, ErrorMessage = "L'objet ne peut dépasser 200 caractères.")]
    public string? Subject { get; set; }
    [Display(Name = "Commentaire"), StringLength(1000, ErrorMessage = "Le commentaire ne peut dépasser 1000 caractères.")]
    public string? Comment { get; set; }
    public int Version { get; set; }

    public static AppointmentInput From(Appointment a) => new()
    {
        PersonId = a.PersonId, AgentId = a.AgentId, SiteId = a.SiteId, Start = a.Start, End = a.End, Mode = a.Mode,
        Subject = a.Subject, Comment = a.Comment, Version = a.Version,
    };
}

public sealed class AppointmentStatusInput
{
    [Display(Name = "Statut")]
    public AppointmentStatus Status { get; set; }
    public int Version { get; set; }
}
