using System.Globalization;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using Shouldly;
using Xunit;

namespace OpenCcas.Domain.Tests.Statistics;

public sealed class StatisticsRulesTests
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    [InlineData(120, false)]
    public void Counts_from_1_to_4_are_masked_zero_is_not(long count, bool masked)
    {
        var cell = SmallCells.Mask(StatCell.Of(count));
        cell.Masked.ShouldBe(masked);
        cell.Text(Fr).ShouldBe(masked ? "< 5" : count.ToString("N0", Fr));
        cell.Value.ShouldBe(masked ? null : count);
    }

    [Fact]
    public void A_rate_built_on_a_small_count_is_masked_too()
    {
        SmallCells.Mask(StatCell.Rate(3, 40)).Masked.ShouldBeTrue();
        SmallCells.Mask(StatCell.Rate(30, 4)).Masked.ShouldBeTrue();
        var shown = SmallCells.Mask(StatCell.Rate(10, 40));
        shown.Masked.ShouldBeFalse();
        shown.Percent.ShouldBe(25.0m);
        shown.Text(Fr).ShouldBe("25,0 %");
        SmallCells.Mask(StatCell.Rate(0, 40)).Masked.ShouldBeFalse();
    }

    [Fact]
    public void Rates_round_to_one_decimal_and_an_empty_denominator_shows_a_dash()
    {
        StatCell.Rate(2, 11).Percent.ShouldBe(18.2m);
        StatCell.Rate(2, 3).Percent.ShouldBe(66.7m);
        StatCell.Rate(0, 0).Percent.ShouldBeNull();
        StatCell.Rate(0, 0).Text(Fr).ShouldBe("–");
    }

    [Fact]
    public void A_masked_table_masks_rows_and_total()
    {
        var table = new StatTable("t", "T", "Ligne", ["N"], [new StatRow("a", [StatCell.Of(2)]), new StatRow("b", [StatCell.Of(9)])], new StatRow("Total", [StatCell.Of(11)]));
        var masked = table.Masked();
        masked.Rows[0].Cells[0].Masked.ShouldBeTrue();
        masked.Rows[1].Cells[0].Masked.ShouldBeFalse();
        masked.Total!.Cells[0].Masked.ShouldBeFalse();
    }

    [Theory]
    [InlineData(62, "2017-06-15", "1955-06-15")]
    [InlineData(62, "2017-06-14", "1955-06-14")]
    [InlineData(62, "2017-12-31", "1955-12-31")]
    [InlineData(62, "2021-02-28", "1959-02-28")]
    [InlineData(25, "2024-02-29", "1999-02-28")] // 29 February: the latest birth date making 25 on that day is 28/02/1999... or 29/02 if it existed
    public void The_birth_date_bound_of_an_age_on_a_day_is_exact(int age, string day, string latestBirth)
    {
        var d = DateOnly.Parse(day, CultureInfo.InvariantCulture);
        var bound = AgeBands.BornOnOrBeforeForAge(age, d);
        bound.ShouldBe(DateOnly.Parse(latestBirth, CultureInfo.InvariantCulture));
        Ages.On(bound, d).ShouldBe(age);
        Ages.On(bound.AddDays(1), d).ShouldBe(age - 1);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(3, 0)]
    [InlineData(24, 0)]
    [InlineData(25, 1)]
    [InlineData(61, 3)]
    [InlineData(62, 4)]
    [InlineData(74, 4)]
    [InlineData(75, 5)]
    [InlineData(101, 5)]
    public void Ages_fall_in_their_band(int? age, int? band) => AgeBands.IndexOf(age).ShouldBe(band);

    [Fact]
    public void Retention_dates_follow_the_settings()
    {
        var rules = new RetentionRules(24, 30);
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        rules.ExpiredBefore(now).ShouldBe(new DateTimeOffset(2024, 11, 23, 10, 0, 0, TimeSpan.Zero));
        rules.ReviewBefore(now).ShouldBe(new DateTimeOffset(2024, 12, 23, 10, 0, 0, TimeSpan.Zero));
        rules.ExpiryOf(new DateTimeOffset(2025, 1, 5, 0, 0, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero));
        RetentionRules.BirthYearOnly(new DateOnly(1980, 5, 5)).ShouldBe(new DateOnly(1980, 1, 1));
        RetentionRules.BirthYearOnly(null).ShouldBeNull();
    }
}
