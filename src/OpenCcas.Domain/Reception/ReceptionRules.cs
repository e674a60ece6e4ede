using System.Globalization;

namespace OpenCcas.Domain.Reception;

/// <summary>French labels of the reception and appointment values, as the pages show them.</summary>
public static class ReceptionLabels
{
    public static string Label(ContactChannel c) => c switch
    {
        ContactChannel.Visit => "Visite",
        ContactChannel.Phone => "Téléphone",
        ContactChannel.Email => "Courriel",
        ContactChannel.Mail => "Courrier",
        _ => c.ToString(),
    };

    public static string Label(ReceptionOutcome o) => o switch
    {
        ReceptionOutcome.Information => "Information donnée",
        ReceptionOutcome.Referral => "Orientation",
        ReceptionOutcome.AppointmentGiven => "Rendez-vous donné",
        ReceptionOutcome.ProcedureDone => "Démarche effectuée",
        ReceptionOutcome.DocumentHandedOver => "Document remis",
        ReceptionOutcome.Other => "Autre",
        _ => o.ToString(),
    };

    public static string Label(AppointmentStatus s) => s switch
    {
        AppointmentStatus.Planned => "Prévu",
        AppointmentStatus.Honoured => "Honoré",
        AppointmentStatus.Excused => "Excusé",
        AppointmentStatus.NoShow => "Absent (non excusé)",
        AppointmentStatus.Cancelled => "Annulé",
        _ => s.ToString(),
    };

    public static string Label(AppointmentMode m) => m switch
    {
        AppointmentMode.Office => "Au bureau",
        AppointmentMode.Home => "À domicile",
        AppointmentMode.Phone => "Par téléphone",
        AppointmentMode.Video => "En visioconférence",
        _ => m.ToString(),
    };
}

/// <summary>The reasons an organisation starts with; it can rename, reorder and deactivate them.</summary>
public static class ReceptionDefaults
{
    public static readonly IReadOnlyList<string> Reasons =
    [
        "Information / orientation", "Aide aux démarches", "Rendez-vous travailleur social", "Domiciliation / courrier",
        "Aide financière", "Logement", "Énergie", "Santé", "Emploi", "Autre",
    ];
}

/// <summary>Dates as agents see and type them: Europe/Paris.</summary>
public static class ParisTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now));

    /// <summary>A wall-clock time in Paris as an instant, in UTC (an hour skipped in spring is taken as the hour after).</summary>
    public static DateTimeOffset ToInstant(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(unspecified)) unspecified = unspecified.AddHours(1);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static DateTimeOffset StartOfDay(DateOnly day) => ToInstant(day.ToDateTime(TimeOnly.MinValue));

    public static string Slot(DateTimeOffset start, DateTimeOffset end)
    {
        var s = Local(start);
        var e = Local(end);
        return $"le {s.ToString("dd/MM/yyyy", French)} de {s:HH\\hmm} à {e:HH\\hmm}";
    }

    public static string Format(DateTimeOffset at) => Local(at).ToString("dd/MM/yyyy HH:mm", French);
}

/// <summary>The rules of an appointment's slot, shared by pages and API.</summary>
public static class AppointmentRules
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(4);

    /// <summary>Errors (field, French message) of a slot; <paramref name="isNew"/>: a new appointment may not start in the past.</summary>
    public static IEnumerable<(string Field, string Message)> CheckSlot(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, bool isNew)
    {
        if (end <= start) yield return ("End", "La fin du rendez-vous doit être après son début.");
        else if (end - start > MaxDuration) yield return ("End", "Un rendez-vous ne peut durer plus de 4 heures.");
        if (isNew && start < now.AddMinutes(-5)) yield return ("Start", "Un nouveau rendez-vous ne peut pas être pris dans le passé.");
    }

    /// <summary>The first appointment of the same agent that holds an overlapping slot, if any.</summary>
    public static Appointment? Conflict(IEnumerable<Appointment> agentAppointments, Guid? exceptId, DateTimeOffset start, DateTimeOffset end) =>
        agentAppointments.Where(a => a.Id != exceptId && a.HoldsSlot && a.Overlaps(start, end)).OrderBy(a => a.Start).FirstOrDefault();

    public static string ConflictMessage(Appointment other) =>
        $"L'agent a déjà un rendez-vous {ParisTime.Slot(other.Start, other.End)} : choisissez un autre créneau ou un autre agent.";
}

/// <summary>Who gets a reminder, and when.</summary>
public static class ReminderRules
{
    /// <summary>A French mobile number (06, 07, +33 6, +33 7), spaces, dots and dashes ignored.</summary>
    public static bool IsMobile(string? phone, out string normalised)
    {
        normalised = "";
        if (string.IsNullOrWhiteSpace(phone)) return false;
        var digits = new string(phone.Where(c => char.IsDigit(c) || c == '+').ToArray());
        if (digits.StartsWith("+33", StringComparison.Ordinal)) digits = "0" + digits[3..];
        else if (digits.StartsWith("0033", StringComparison.Ordinal)) digits = "0" + digits[4..];
        if (digits.Length != 10 || !(digits.StartsWith("06", StringComparison.Ordinal) || digits.StartsWith("07", StringComparison.Ordinal))) return false;
        normalised = "+33" + digits[1..];
        return true;
    }

    /// <summary>A planned appointment starting within the lead time, not yet reminded, not already begun.</summary>
    public static bool IsDue(Appointment a, DateTimeOffset now, TimeSpan lead) =>
        a.Status == AppointmentStatus.Planned && a.ReminderSentAt is null && a.Start > now && a.Start <= now + lead;

    public static string Text(Appointment a, string siteName, string? agentName) =>
        $"Rappel : vous avez rendez-vous {ParisTime.Slot(a.Start, a.End)} ({ReceptionLabels.Label(a.Mode).ToLowerInvariant()}, {siteName})"
        + (agentName is null ? "" : $" avec {agentName}") + ". En cas d'empêchement, merci de prévenir le CCAS.";
}
