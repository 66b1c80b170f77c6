using Observatory.Indicators;

namespace Observatory.Core.Tests.Indicators;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2023-01-01/P1Y", "2023-01-01", "P1Y", "2023")]
    [InlineData("2024-04-01/P1Y", "2024-04-01", "P1Y", "2024/25")]
    [InlineData("2020-01-01/P3Y", "2020-01-01", "P3Y", "2020 to 2022")]
    [InlineData("2025-04-30", "2025-04-30", "", "30 April 2025")]
    [InlineData("2023", "2023-01-01", "P1Y", "2023")]
    [InlineData("2013/16", "2013-01-01", "P4Y", "2013 to 2016")]
    [InlineData("2024-04", "2024-04-01", "P1M", "April 2024")]
    public void Reads_ELS_and_Open_SDG_periods(string text, string start, string duration, string label)
    {
        Period.TryParse(text, out var period).ShouldBeTrue();
        period.Start.ShouldBe(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture));
        period.Duration.ShouldBe(duration);
        period.Label().ShouldBe(label);
    }

    [Theory]
    [InlineData("")]
    [InlineData("last year")]
    [InlineData("2023-13-01")]
    [InlineData("2023-01-01/1Y")]
    [InlineData("2023-01-01/P1X")]
    public void Refuses_what_is_not_a_period(string text) => Period.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("9999-01-01/P1Y")]
    [InlineData("9999-10")]
    [InlineData("9999-12-31")]
    [InlineData("1799-12-31")]
    [InlineData("1799")]
    [InlineData("2201-01-01")]
    [InlineData("2200-06-01/P1Y")]
    [InlineData("2190-01-01/P20Y")]
    [InlineData("0001-01-01/P1D")]
    [InlineData("2023-01-01/P0Y")]
    [InlineData("2199/2201")]
    public void Refuses_periods_outside_1800_to_2200(string text) => Period.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("1800-01-01/P1Y", "1800-12-31")]
    [InlineData("1800", "1800-12-31")]
    [InlineData("2200-12-31", "2200-12-31")]
    [InlineData("2200-12", "2200-12-31")]
    [InlineData("2200-01-01/P1Y", "2200-12-31")]
    [InlineData("2100-01-01/P999D", "2102-09-26")]
    public void Every_period_it_reads_ends_within_the_range(string text, string end)
    {
        Period.TryParse(text, out var period).ShouldBeTrue();
        period.End.ShouldBe(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        period.Label().ShouldNotBeEmpty();
    }

    [Fact]
    public void The_same_year_written_two_ways_is_one_period() =>
        Period.Parse("2023").ShouldBe(Period.Parse("2023-01-01/P1Y"));

    [Theory]
    [InlineData("2026-01-01", "on", "1 January 2026")]
    [InlineData("2024", "in", "2024")]
    [InlineData("2024-04", "in", "April 2024")]
    [InlineData("2020-01-01/P3Y", "in", "2020 to 2022")]
    public void A_sentence_says_on_a_day_and_in_a_longer_period(string text, string preposition, string label)
    {
        var period = Period.Parse(text);

        $"{period.Preposition} {period.Label()}".ShouldBe($"{preposition} {label}");
    }

    [Fact]
    public void An_interval_ends_the_day_before_its_next_period_starts() =>
        Period.Parse("2020-01-01/P3Y").End.ShouldBe(new DateOnly(2022, 12, 31));
}
