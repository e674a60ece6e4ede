using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.People;

public enum IncomeKind
{
    Salary, SelfEmployment, Rsa, ActivityBonus, Aah, Aspa, RetirementPension, DisabilityPension, SurvivorPension,
    UnemploymentBenefit, FamilyBenefits, HousingAid, MaintenancePayment, DailyAllowance, Scholarship, Other,
}

public enum ChargeKind
{
    Rent, LoanRepayment, Energy, Water, Insurance, HealthInsurance, Telephone, Childcare, Canteen, Transport,
    Taxes, MaintenancePaid, DebtRepayment, Other,
}

/// <summary>A monthly income of a person (resources part of the file).</summary>
public sealed class PersonIncome : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public IncomeKind Kind { get; set; }
    public decimal MonthlyAmount { get; set; }
    public string? Label { get; set; }
}

/// <summary>A monthly charge paid by a person (resources part of the file).</summary>
public sealed class PersonCharge : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public ChargeKind Kind { get; set; }
    public decimal MonthlyAmount { get; set; }
    public string? Label { get; set; }
}

public enum ConsentKind { DataProcessing, ShareWithPartners, EmailReminders, SmsReminders, HeatwaveRegister }

/// <summary>A consent given (and perhaps withdrawn) by the person.</summary>
public sealed class PersonConsent : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public ConsentKind Kind { get; set; }
    public DateTimeOffset GivenAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}

/// <summary>A document uploaded to the file; its bytes live apart (<see cref="DocumentContent"/>), outside the web root.</summary>
public sealed class PersonDocument : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public required string Title { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    /// <summary>Confidential documents belong to the social part of the file.</summary>
    public bool Confidential { get; set; }
    public DateTimeOffset UploadedAt { get; set; } = DateTimeOffset.UtcNow;
    public Guid? UploadedById { get; set; }
}

public sealed class DocumentContent : ITenantOwned
{
    /// <summary>The same id as its <see cref="PersonDocument"/>.</summary>
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
