using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.Reception;

public enum ContactChannel { Visit, Phone, Email, Mail }

public enum ReceptionOutcome { Information, Referral, AppointmentGiven, ProcedureDone, DocumentHandedOver, Other }

/// <summary>A reason for coming to the desk, from the organisation's configurable list.</summary>
public sealed class ReceptionReason : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Label { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A contact at the desk ("passage"): a visit, a phone call, an email or a letter, that may not lead to an interview.</summary>
public sealed class ReceptionVisit : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid SiteId { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public ContactChannel Channel { get; set; }
    public Guid? ReasonId { get; set; }
    /// <summary>Null for an anonymous contact.</summary>
    public Guid? PersonId { get; set; }
    public ReceptionOutcome Outcome { get; set; }
    public string? Comment { get; set; }
    public Guid? AgentId { get; set; }
}

public enum AppointmentStatus { Planned, Honoured, Excused, NoShow, Cancelled }

/// <summary>Where the appointment takes place; a phone appointment is held by phone.</summary>
public enum AppointmentMode { Office, Home, Phone, Video }

/// <summary>A booked slot with an agent ("rendez-vous").</summary>
public sealed class Appointment : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid SiteId { get; set; }
    public Guid AgentId { get; set; }
    public Guid? PersonId { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public AppointmentMode Mode { get; set; }
    public AppointmentStatus Status { get; set; }
    public string? Subject { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset? ReminderSentAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public int Version { get; set; }

    /// <summary>Cancelled appointments free the slot; every other status holds it.</summary>
    public bool HoldsSlot => Status != AppointmentStatus.Cancelled;

    public bool Overlaps(DateTimeOffset start, DateTimeOffset end) => Start < end && start < End;
}

public enum ReminderChannel { Email, Sms }

/// <summary>A reminder sent (or attempted) for an appointment; a notification receipt (kept 6 months).</summary>
public sealed class AppointmentReminder : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid AppointmentId { get; set; }
    public ReminderChannel Channel { get; set; }
    public required string Recipient { get; set; }
    public DateTimeOffset SentAt { get; set; } = DateTimeOffset.UtcNow;
    public bool Succeeded { get; set; }
    public string? Error { get; set; }
}
