using OpenCcas.Domain.Common;
using OpenCcas.Domain.Platform;

namespace OpenCcas.Domain.FollowUp;

public enum InterviewMode { Office, Home, Phone, Video }

/// <summary>The subjects an interview dealt with (several at once).</summary>
[Flags]
public enum InterviewSubjects
{
    None = 0, Budget = 1, Housing = 2, Health = 4, Employment = 8, Rights = 16, Family = 32, Isolation = 64,
    Digital = 128, Food = 256, Mobility = 512, Justice = 1024, Other = 2048,
}

/// <summary>A meeting of an agent with a person ("entretien"); a home visit is an interview with Mode = Home.</summary>
public sealed class Interview : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? HouseholdId { get; set; }
    public Guid AgentId { get; set; }
    public Guid SiteId { get; set; }
    public Guid? TeamId { get; set; }
    public Guid? AppointmentId { get; set; }
    public DateTimeOffset At { get; set; }
    public int DurationMinutes { get; set; }
    public InterviewMode Mode { get; set; }
    public InterviewSubjects Subjects { get; set; }
    public string? Summary { get; set; }
    public int Version { get; set; }
}

/// <summary>A social note on a file, readable according to <see cref="NoteConfidentiality"/> (roles-and-access.md).</summary>
public sealed class Note : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? InterviewId { get; set; }
    public Guid AuthorId { get; set; }
    public NoteConfidentiality Confidentiality { get; set; }
    /// <summary>Health, violence or justice: shown to social roles only.</summary>
    public bool Sensitive { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public int Version { get; set; }
}

public enum ActionStatus { ToDo, InProgress, Done, Cancelled }

/// <summary>Something to do after an interview, by an agent, before a date ("my actions").</summary>
public sealed class FollowUpAction : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid? InterviewId { get; set; }
    public Guid AssigneeId { get; set; }
    public required string Title { get; set; }
    public DateOnly? DueOn { get; set; }
    public ActionStatus Status { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public int Version { get; set; }
}

/// <summary>Sending the person to a partner ("orientation").</summary>
public sealed class Referral : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Guid PartnerId { get; set; }
    public Guid? InterviewId { get; set; }
    public Guid AgentId { get; set; }
    public DateOnly On { get; set; }
    public string? Reason { get; set; }
}

public enum PlanStatus { Active, Achieved, Abandoned }

/// <summary>What was agreed with the person or household ("plan d'aide"): goals, each with actions.</summary>
public sealed class ActionPlan : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    /// <summary>The person the plan is for (for a household plan, its reference person).</summary>
    public Guid PersonId { get; set; }
    public Guid? HouseholdId { get; set; }
    public required string Title { get; set; }
    public DateOnly StartedOn { get; set; }
    public PlanStatus Status { get; set; }
    public int Version { get; set; }
    public List<PlanGoal> Goals { get; set; } = [];
}

public sealed class PlanGoal : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid ActionPlanId { get; set; }
    /// <summary>The goal's place in the plan (0 first); goals are shown in this order.</summary>
    public int Position { get; set; }
    public required string Title { get; set; }
    public PlanStatus Status { get; set; }
    public List<PlanAction> Actions { get; set; } = [];
}

public enum PlanActionOwner { Person, Agent, Other }

public sealed class PlanAction : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PlanGoalId { get; set; }
    public required string Title { get; set; }
    /// <summary>Who does it: the person, an agent (<see cref="AgentId"/>) or a partner / someone else (<see cref="Who"/>).</summary>
    public PlanActionOwner Owner { get; set; }
    /// <summary>For <see cref="PlanActionOwner.Other"/>: who, in words ("CAF", "bailleur", "sa fille").</summary>
    public string? Who { get; set; }
    public Guid? AgentId { get; set; }
    public DateOnly? DueOn { get; set; }
    public ActionStatus Status { get; set; }
}

/// <summary>A collective action session (workshop, information meeting...).</summary>
public sealed class CollectiveSession : ITenantOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Topic { get; set; }
    public DateTimeOffset At { get; set; }
    public int DurationMinutes { get; set; }
    public Guid SiteId { get; set; }
    public Guid FacilitatorId { get; set; }
    /// <summary>Participants who are not known by name.</summary>
    public int AnonymousParticipants { get; set; }
    public int Version { get; set; }
    public List<CollectiveParticipant> Participants { get; set; } = [];
}

public sealed class CollectiveParticipant : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid CollectiveSessionId { get; set; }
    public Guid PersonId { get; set; }
}

public enum ProcedureOrganism { Caf, Cpam, FranceTravail, Prefecture, Taxes, EnergySupplier, Msa, Carsat, Departement, Housing, Other }

public enum ProcedureHelp { Accompanied, DoneForPerson, SelfService }

/// <summary>An online procedure done with or for a person (digital help, "aide aux démarches dématérialisées").</summary>
public sealed class OnlineProcedure : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid? PersonId { get; set; }
    public Guid SiteId { get; set; }
    public Guid AgentId { get; set; }
    public DateTimeOffset At { get; set; }
    public ProcedureOrganism Organism { get; set; }
    public ProcedureHelp Help { get; set; }
    public string? Description { get; set; }
}
