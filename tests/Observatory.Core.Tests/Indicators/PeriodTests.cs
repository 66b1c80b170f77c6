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

    [Fact]
    public void The_same_year_written_two_ways_is_one_period() =>
        Period.Parse("2023").ShouldBe(Period.Parse("2023-01-01/P1Y"));

    [Fact]
    public void An_interval_ends_the_day_before_its_next_period_starts() =>
        Period.Parse("2020-01-01/P3Y").End.ShouldBe(new DateOnly(2022, 12, 31));
}
