using OpenCcas.Domain.Platform;

namespace OpenCcas.Domain.FollowUp;

/// <summary>French labels and the rules of interviews, notes, follow-up actions and referrals.</summary>
public static class InterviewRules
{
    public const int MaxDurationMinutes = 480;

    public static string Label(InterviewMode mode) => mode switch
    {
        InterviewMode.Office => "Au bureau",
        InterviewMode.Home => "Visite à domicile",
        InterviewMode.Phone => "Téléphone",
        InterviewMode.Video => "Visio",
        _ => mode.ToString(),
    };

    /// <summary>Each single subject, in the order the form shows them.</summary>
    public static readonly InterviewSubjects[] Subjects =
    [
        InterviewSubjects.Budget, InterviewSubjects.Housing, InterviewSubjects.Health, InterviewSubjects.Employment,
        InterviewSubjects.Rights, InterviewSubjects.Family, InterviewSubjects.Isolation, InterviewSubjects.Digital,
        InterviewSubjects.Food, InterviewSubjects.Mobility, InterviewSubjects.Justice, InterviewSubjects.Other,
    ];

    public static string Label(InterviewSubjects subject) => subject switch
    {
        InterviewSubjects.Budget => "Budget",
        InterviewSubjects.Housing => "Logement",
        InterviewSubjects.Health => "Santé",
        InterviewSubjects.Employment => "Emploi",
        InterviewSubjects.Rights => "Accès aux droits",
        InterviewSubjects.Family => "Famille",
        InterviewSubjects.Isolation => "Isolement",
        InterviewSubjects.Digital => "Numérique",
        InterviewSubjects.Food => "Alimentation",
        InterviewSubjects.Mobility => "Mobilité",
        InterviewSubjects.Justice => "Justice",
        InterviewSubjects.Other => "Autre",
        InterviewSubjects.None => "Aucun",
        _ => string.Join(", ", Subjects.Where(s => subject.HasFlag(s)).Select(Label)),
    };

    public static string Label(NoteConfidentiality level) => level switch
    {
        NoteConfidentiality.Private => "Privée (moi seul)",
        NoteConfidentiality.Team => "Équipe (travailleurs sociaux des équipes du dossier, référent, direction)",
        NoteConfidentiality.File => "Dossier (toute personne habilitée au volet social)",
        _ => level.ToString(),
    };

    public static string ShortLabel(NoteConfidentiality level) => level switch
    {
        NoteConfidentiality.Private => "Privée",
        NoteConfidentiality.Team => "Équipe",
        NoteConfidentiality.File => "Dossier",
        _ => level.ToString(),
    };

    public static string Label(ActionStatus status) => status switch
    {
        ActionStatus.ToDo => "À faire",
        ActionStatus.InProgress => "En cours",
        ActionStatus.Done => "Faite",
        ActionStatus.Cancelled => "Annulée",
        _ => status.ToString(),
    };

    public static bool IsOpen(ActionStatus status) => status is ActionStatus.ToDo or ActionStatus.InProgress;

    /// <summary>An open action whose due date has passed.</summary>
    public static bool IsOverdue(FollowUpAction action, DateOnly today) =>
        IsOpen(action.Status) && action.DueOn is { } due && due < today;

    /// <summary>The French errors of an interview's date and duration; <paramref name="today"/> is today in Europe/Paris.</summary>
    public static IEnumerable<(string Field, string Message)> Check(DateOnly? date, int? durationMinutes, InterviewMode? mode, DateOnly today)
    {
        if (date is null) yield return ("Date", "La date de l'entretien est obligatoire.");
        else if (date > today) yield return ("Date", "La date de l'entretien ne peut pas être dans le futur.");
        else if (date < today.AddYears(-5)) yield return ("Date", "La date de l'entretien est trop ancienne (plus de 5 ans).");
        if (durationMinutes is null) yield return ("DurationMinutes", "La durée est obligatoire.");
        else if (durationMinutes is < 1 or > MaxDurationMinutes)
            yield return ("DurationMinutes", $"La durée doit être comprise entre 1 et {MaxDurationMinutes} minutes.");
        if (mode is null || !Enum.IsDefined(mode.Value)) yield return ("Mode", "Choisissez le mode de l'entretien.");
    }

    /// <summary>
    /// May the actor read this note? The confidentiality level decides (<see cref="AccessRules.CanRead"/>); a note marked
    /// sensitive (health, violence, justice) is further limited to those who may open the sensitive part of the file,
    /// its author aside.
    /// </summary>
    public static bool CanRead(Actor actor, FileScope file, Note note) =>
        AccessRules.CanRead(actor, new NoteScope(file, note.AuthorId, note.Confidentiality, note.Sensitive));

    /// <summary>Only the author edits or deletes a note (and only while they may still write on the file).</summary>
    public static bool CanChange(Actor actor, FileScope file, Note note) =>
        note.AuthorId == actor.UserId && AccessRules.CanWriteNote(actor, file);

    /// <summary>An interview is changed or deleted by its agent or a manager, among those who may open the social part.</summary>
    public static bool CanChange(Actor actor, FileScope file, Interview interview) =>
        AccessRules.CanOpen(actor, file, FilePart.Social) && (interview.AgentId == actor.UserId || actor.Has(Role.Manager));

    /// <summary>
    /// A referral is deleted (recorded by mistake, or on the wrong file) by the agent who recorded it or a manager, among
    /// those who may open the social part: a colleague of the team sees it but does not erase another's work.
    /// </summary>
    public static bool CanDelete(Actor actor, FileScope file, Referral referral) =>
        AccessRules.CanOpen(actor, file, FilePart.Social) && (referral.AgentId == actor.UserId || actor.Has(Role.Manager));
}
