namespace OpenCcas.Domain.People;

/// <summary>The retention durations of reference/data-protection.md; each is a setting with these defaults.</summary>
public sealed record RetentionRules(int PersonFileMonths = 24, int ReviewDays = 30, int AppointmentMonths = 24, int ReceiptMonths = 6, int AuditLogYears = 5)
{
    /// <summary>Audit lines written before this instant are removed.</summary>
    public DateTimeOffset AuditPurgeBefore(DateTimeOffset now) => now.AddYears(-AuditLogYears);

    /// <summary>A file whose last operation is before this instant has expired: the job anonymises it.</summary>
    public DateTimeOffset ExpiredBefore(DateTimeOffset now) => now.AddMonths(-PersonFileMonths);

    /// <summary>A file whose last operation is before this instant is on the review list (it expires within <see cref="ReviewDays"/>).</summary>
    public DateTimeOffset ReviewBefore(DateTimeOffset now) => now.AddMonths(-PersonFileMonths).AddDays(ReviewDays);

    public DateTimeOffset ExpiryOf(DateTimeOffset lastOperation) => lastOperation.AddMonths(PersonFileMonths);

    /// <summary>What an anonymised file keeps of the birth date: the year (as 1 January), enough for age bands.</summary>
    public static DateOnly? BirthYearOnly(DateOnly? birth) => birth is { } b ? new DateOnly(b.Year, 1, 1) : null;
}
