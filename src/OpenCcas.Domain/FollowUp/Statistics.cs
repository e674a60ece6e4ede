using System.Globalization;

namespace OpenCcas.Domain.FollowUp;

/// <summary>
/// One figure of a statistics table: a count, or a rate with its numerator and denominator (kept so that masking can
/// hide a rate built on a small count). <see cref="Masked"/> cells are shown "&lt; 5".
/// </summary>
public sealed record StatCell(long? Count, long? Numerator = null, long? Denominator = null, bool Masked = false)
{
    public static StatCell Of(long count) => new(count);
    public static StatCell Rate(long numerator, long denominator) => new(null, numerator, denominator);

    public bool IsRate => Count is null;

    /// <summary>The rate in percent, one decimal, or null when the denominator is 0 (or the cell masked).</summary>
    public decimal? Percent => Masked || Count is not null || Denominator is null or 0 ? null
        : Math.Round(100m * Numerator!.Value / Denominator.Value, 1, MidpointRounding.AwayFromZero);

    public long? Value => Masked ? null : Count;

    /// <summary>As shown in the page and in the exports (fr-FR).</summary>
    public string Text(CultureInfo culture)
    {
        if (Masked) return SmallCells.MaskedText;
        if (Count is { } c) return c.ToString("N0", culture);
        return Percent is { } p ? p.ToString("0.0", culture) + " %" : "–";
    }
}

public sealed record StatRow(string Label, IReadOnlyList<StatCell> Cells);

/// <summary>A table of figures: caption, the header of the label column, the value columns, rows and a total row.</summary>
public sealed record StatTable(string Id, string Caption, string RowHeader, IReadOnlyList<string> Columns,
    IReadOnlyList<StatRow> Rows, StatRow? Total = null, string? Definition = null)
{
    public StatTable Masked() => this with
    {
        Rows = Rows.Select(SmallCells.Mask).ToList(),
        Total = Total is null ? null : SmallCells.Mask(Total),
    };
}

/// <summary>
/// Statistical secrecy for readers who may not see people (reference/roles-and-access.md): a count from 1 to 4 is
/// masked, and so is a rate whose numerator or denominator is such a count. Zero is shown (it reveals nobody).
/// </summary>
public static class SmallCells
{
    public const string MaskedText = "< 5";

    public static bool IsSmall(long count, int threshold = 5) => count > 0 && count < threshold;

    public static StatCell Mask(StatCell cell, int threshold = 5)
    {
        var small = cell.Count is { } c ? IsSmall(c, threshold)
            : IsSmall(cell.Numerator ?? 0, threshold) || IsSmall(cell.Denominator ?? 0, threshold);
        return small ? cell with { Masked = true } : cell;
    }

    public static StatRow Mask(StatRow row) => row with { Cells = row.Cells.Select(c => Mask(c)).ToList() };
}

/// <summary>The age bands of the statistics, and the senior split (a setting, 62 by default).</summary>
public static class AgeBands
{
    public sealed record Band(string Label, int MinAge, int? MaxAge);

    /// <summary>Under 25, 25–39, 40–54, 55–61, 62–74, 75 and over: the split at 62 follows the reports of the seeds.</summary>
    public static readonly IReadOnlyList<Band> All =
    [
        new("Moins de 25 ans", 0, 24),
        new("25 à 39 ans", 25, 39),
        new("40 à 54 ans", 40, 54),
        new("55 à 61 ans", 55, 61),
        new("62 à 74 ans", 62, 74),
        new("75 ans et plus", 75, null),
    ];

    public const string UnknownLabel = "Âge inconnu";

    /// <summary>
    /// The birth dates of people aged at least <paramref name="age"/> on <paramref name="day"/>: born on or before
    /// the returned date (29 February births turn a year older on 1 March in non-leap years, as <see cref="People.Ages.On"/>).
    /// </summary>
    public static DateOnly BornOnOrBeforeForAge(int age, DateOnly day)
    {
        // Ages.On(b, day) >= age  ⇔  b.AddYears(age) <= day. The latest such b:
        var candidate = day.AddYears(-age);
        while (People.Ages.On(candidate.AddDays(1), day) >= age) candidate = candidate.AddDays(1);
        while (People.Ages.On(candidate, day) < age) candidate = candidate.AddDays(-1);
        return candidate;
    }

    /// <summary>The band of an age, or null for an unknown age.</summary>
    public static int? IndexOf(int? age)
    {
        if (age is not { } a) return null;
        for (var i = All.Count - 1; i >= 0; i--)
            if (a >= All[i].MinAge) return i;
        return 0;
    }
}
