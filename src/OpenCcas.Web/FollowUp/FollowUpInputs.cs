using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.FollowUp;

// The inputs of the interview, note, action and referral screens and API, checked on the server with French messages.
// Only lengths are data annotations (so that an API call on a missing record answers 404 before any 400); every other
// rule is in a Check method that pages and API both call.

public sealed class NoteInput
{
    [Display(Name = "Note"), StringLength(8000, ErrorMessage = "La note ne peut dépasser 8 000 caractères.")]
    public string? Text { get; set; }
    [Display(Name = "Confidentialité")]
    public NoteConfidentiality Confidentiality { get; set; } = NoteConfidentiality.Private;
    [Display(Name = "Note sensible")]
    public bool Sensitive { get; set; }
    /// <summary>For a note written alone (API, "Nouvelle note"): the person; and optionally the interview it belongs to.</summary>
    public Guid PersonId { get; set; }
    public Guid? InterviewId { get; set; }
    public int Version { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text);

    public static NoteInput From(Note n) => new()
    {
        Text = n.Text, Confidentiality = n.Confidentiality, Sensitive = n.Sensitive, PersonId = n.PersonId, InterviewId = n.InterviewId, Version = n.Version,
    };

    public IEnumerable<(string Field, string Message)> Check(string prefix = "")
    {
        if (IsEmpty) yield return (prefix + nameof(Text), "Le texte de la note est obligatoire.");
        else if (Text!.Trim().Length > 8000) yield return (prefix + nameof(Text), "La note ne peut dépasser 8 000 caractères.");
        if (!Enum.IsDefined(Confidentiality)) yield return (prefix + nameof(Confidentiality), "Choisissez la confidentialité de la note.");
    }

    public void ApplyTo(Note n)
    {
        n.Text = Text!.Trim();
        n.Confidentiality = Confidentiality;
        n.Sensitive = Sensitive;
    }
}

public sealed class ActionInput
{
    [Display(Name = "Action"), StringLength(300, ErrorMessage = "L'intitulé de l'action ne peut dépasser 300 caractères.")]
    public string? Title { get; set; }
    [Display(Name = "Échéance")]
    public DateOnly? DueOn { get; set; }
    [Display(Name = "Confiée à")]
    public Guid? AssigneeId { get; set; }
    [Display(Name = "État")]
    public ActionStatus Status { get; set; } = ActionStatus.ToDo;
    public Guid PersonId { get; set; }
    public Guid? InterviewId { get; set; }
    public int Version { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Title);

    public static ActionInput From(FollowUpAction a) => new()
    {
        Title = a.Title, DueOn = a.DueOn, AssigneeId = a.AssigneeId, Status = a.Status, PersonId = a.PersonId, InterviewId = a.InterviewId, Version = a.Version,
    };

    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db, string prefix = "", DateOnly? existingDue = null)
    {
        var errors = new List<(string, string)>();
        if (IsEmpty) errors.Add((prefix + nameof(Title), "L'intitulé de l'action est obligatoire."));
        else if (Title!.Trim().Length > 300) errors.Add((prefix + nameof(Title), "L'intitulé de l'action ne peut dépasser 300 caractères."));
        if (DueOn is { } due && due != existingDue && due < FollowUpFiles.Today().AddYears(-1))
            errors.Add((prefix + nameof(DueOn), "L'échéance est trop ancienne."));
        if (AssigneeId is { } a && !await FollowUpFiles.IsAgentAsync(db, a))
            errors.Add((prefix + nameof(AssigneeId), "Choisissez un agent actif de l'organisation."));
        if (!Enum.IsDefined(Status)) errors.Add((prefix + nameof(Status), "État inconnu."));
        return errors;
    }

    public void ApplyTo(FollowUpAction a, Guid defaultAssignee)
    {
        a.Title = Title!.Trim();
        a.DueOn = DueOn;
        a.AssigneeId = AssigneeId ?? defaultAssignee;
        if (a.Status != Status) a.DoneAt = Status == ActionStatus.Done ? DateTimeOffset.UtcNow : null;
        a.Status = Status;
    }
}

public sealed class ReferralInput
{
    [Display(Name = "Partenaire")]
    public Guid? PartnerId { get; set; }
    [Display(Name = "Date")]
    public DateOnly? On { get; set; }
    [Display(Name = "Motif de l'orientation"), StringLength(1000, ErrorMessage = "Le motif ne peut dépasser 1 000 caractères.")]
    public string? Reason { get; set; }
    public Guid PersonId { get; set; }
    public Guid? InterviewId { get; set; }

    public bool IsEmpty => PartnerId is null && string.IsNullOrWhiteSpace(Reason);

    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db, string prefix = "")
    {
        var errors = new List<(string, string)>();
        if (PartnerId is not { } p || !await db.Set<Partner>().AnyAsync(x => x.Id == p && x.Active))
            errors.Add((prefix + nameof(PartnerId), "Choisissez un partenaire actif de l'annuaire."));
        if (On is { } on && on > FollowUpFiles.Today()) errors.Add((prefix + nameof(On), "La date de l'orientation ne peut pas être dans le futur."));
        if (Reason?.Trim().Length > 1000) errors.Add((prefix + nameof(Reason), "Le motif ne peut dépasser 1 000 caractères."));
        return errors;
    }
}

public sealed class InterviewInput
{
    /// <summary>The person (API; the page takes it from its address).</summary>
    public Guid PersonId { get; set; }
    [Display(Name = "Date")]
    public DateOnly? Date { get; set; }
    [Display(Name = "Heure")]
    public TimeOnly? Time { get; set; }
    [Display(Name = "Durée (minutes)")]
    public int? DurationMinutes { get; set; }
    [Display(Name = "Mode")]
    public InterviewMode? Mode { get; set; }
    [Display(Name = "Agent")]
    public Guid? AgentId { get; set; }
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    [Display(Name = "Équipe")]
    public Guid? TeamId { get; set; }
    [Display(Name = "Sujets abordés")]
    public List<InterviewSubjects> Subjects { get; set; } = [];
    [Display(Name = "Compte rendu"), StringLength(4000, ErrorMessage = "Le compte rendu ne peut dépasser 4 000 caractères.")]
    public string? Summary { get; set; }
    [Display(Name = "Rendez-vous lié")]
    public Guid? AppointmentId { get; set; }
    public int Version { get; set; }

    // Created with the interview (ignored when an interview is edited).
    public NoteInput? Note { get; set; }
    public List<ActionInput> Actions { get; set; } = [];
    public ReferralInput? Referral { get; set; }

    public static InterviewInput From(Interview i)
    {
        var local = i.At.ToParis();
        return new()
        {
            PersonId = i.PersonId, Date = DateOnly.FromDateTime(local.DateTime), Time = TimeOnly.FromDateTime(local.DateTime),
            DurationMinutes = i.DurationMinutes, Mode = i.Mode, AgentId = i.AgentId, SiteId = i.SiteId, TeamId = i.TeamId,
            Subjects = InterviewRules.Subjects.Where(s => i.Subjects.HasFlag(s)).ToList(), Summary = i.Summary,
            AppointmentId = i.AppointmentId, Version = i.Version,
        };
    }

    /// <summary>Every error of the form, with the field names of <see cref="InterviewInput"/> (prefix them for a page).</summary>
    public async Task<List<(string Field, string Message)>> CheckAsync(AppDbContext db, Guid personId, bool withChildren)
    {
        var errors = InterviewRules.Check(Date, DurationMinutes, Mode, FollowUpFiles.Today()).ToList();
        if (Time is null) errors.Add((nameof(Time), "L'heure de l'entretien est obligatoire."));
        if (AgentId is not { } agent || !await FollowUpFiles.IsAgentAsync(db, agent)) errors.Add((nameof(AgentId), "Choisissez un agent actif de l'organisation."));
        if (SiteId is not { } site || !await db.Sites.AnyAsync(s => s.Id == site)) errors.Add((nameof(SiteId), "Choisissez le site de l'entretien."));
        if (TeamId is { } team && !await db.Teams.AnyAsync(t => t.Id == team)) errors.Add((nameof(TeamId), "Équipe inconnue."));
        if (Subjects.Any(s => !InterviewRules.Subjects.Contains(s))) errors.Add((nameof(Subjects), "Sujet inconnu."));
        if (Summary?.Trim().Length > 4000) errors.Add((nameof(Summary), "Le compte rendu ne peut dépasser 4 000 caractères."));
        if (AppointmentId is { } appointmentId && Date is { } day)
        {
            var appointment = await db.Set<Appointment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == appointmentId && a.PersonId == personId);
            if (appointment is null || DateOnly.FromDateTime(appointment.Start.ToParis().DateTime) != day)
                errors.Add((nameof(AppointmentId), "Le rendez-vous lié doit être un rendez-vous de la personne le jour de l'entretien."));
        }
        if (!withChildren) return errors;
        if (Note is { IsEmpty: false } note) errors.AddRange(note.Check("Note."));
        for (var i = 0; i < Actions.Count; i++)
            if (!Actions[i].IsEmpty || Actions[i].DueOn is not null) errors.AddRange(await Actions[i].CheckAsync(db, $"Actions[{i}]."));
        if (Referral is { IsEmpty: false } referral) errors.AddRange(await referral.CheckAsync(db, "Referral."));
        return errors;
    }

    public void ApplyTo(Interview i)
    {
        i.At = FollowUpFiles.ParisToUtc(Date!.Value, Time!.Value);
        i.DurationMinutes = DurationMinutes!.Value;
        i.Mode = Mode!.Value;
        i.AgentId = AgentId!.Value;
        i.SiteId = SiteId!.Value;
        i.TeamId = TeamId;
        i.Subjects = Subjects.Aggregate(InterviewSubjects.None, (all, s) => all | s);
        i.Summary = string.IsNullOrWhiteSpace(Summary) ? null : Summary.Trim();
        i.AppointmentId = AppointmentId;
    }
}
