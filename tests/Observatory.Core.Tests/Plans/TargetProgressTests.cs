using Observatory.Indicators;
using Observatory.Plans;

namespace Observatory.Core.Tests.Plans;

/// <summary>
/// The progress rule a board reads a plan by: achieved at or better than the target, on track at or better than the
/// straight line from baseline to target at the latest period, off track when worse, and no new data when nothing
/// has been published since the baseline; "better" following the indicator's polarity.
/// </summary>
public sealed class TargetProgressTests
{
    // A baseline in 2020 and a target for 2030, one-year periods: the line is halfway at 2025.
    private static readonly PeriodValue Baseline = new(Period.Year(2020), 10);

    private static PeriodValue Latest(int year, double value) => new(Period.Year(year), value);

    [Theory]
    // Higher is better, from 10 to 20: the line is at 15 in 2025.
    [InlineData(Polarity.HigherIsBetter, 20.0, 15.0, TargetStatus.OnTrack)]
    [InlineData(Polarity.HigherIsBetter, 20.0, 15.1, TargetStatus.OnTrack)]
    [InlineData(Polarity.HigherIsBetter, 20.0, 14.9, TargetStatus.OffTrack)]
    [InlineData(Polarity.HigherIsBetter, 20.0, 20.0, TargetStatus.Achieved)]
    [InlineData(Polarity.HigherIsBetter, 20.0, 9.0, TargetStatus.OffTrack)]
    // Lower is better, from 10 to 4: the line is at 7 in 2025.
    [InlineData(Polarity.LowerIsBetter, 4.0, 7.0, TargetStatus.OnTrack)]
    [InlineData(Polarity.LowerIsBetter, 4.0, 6.9, TargetStatus.OnTrack)]
    [InlineData(Polarity.LowerIsBetter, 4.0, 7.1, TargetStatus.OffTrack)]
    [InlineData(Polarity.LowerIsBetter, 4.0, 3.5, TargetStatus.Achieved)]
    [InlineData(Polarity.LowerIsBetter, 4.0, 11.0, TargetStatus.OffTrack)]
    // No polarity: the direction from baseline to target says which way is better.
    [InlineData(Polarity.Neither, 4.0, 7.1, TargetStatus.OffTrack)]
    [InlineData(Polarity.Neither, 20.0, 15.1, TargetStatus.OnTrack)]
    public void The_latest_value_is_judged_against_the_straight_line_at_its_period(Polarity polarity, double target, double latest, TargetStatus expected)
    {
        var assessment = TargetProgress.Assess(polarity, Baseline, new PeriodValue(Period.Year(2030), target), Latest(2025, latest));
        assessment.Status.ShouldBe(expected);
        assessment.Expected.ShouldNotBeNull().ShouldBe(Baseline.Value + (target - Baseline.Value) / 2, 1e-2);
    }

    [Fact]
    public void Nothing_published_since_the_baseline_is_no_new_data_whatever_the_value()
    {
        var target = new PeriodValue(Period.Year(2030), 20);
        TargetProgress.Assess(Polarity.HigherIsBetter, Baseline, target, null).Status.ShouldBe(TargetStatus.NoNewData);
        TargetProgress.Assess(Polarity.HigherIsBetter, Baseline, target, Latest(2020, 25)).Status.ShouldBe(TargetStatus.NoNewData);
        TargetProgress.Assess(Polarity.HigherIsBetter, Baseline, target, Latest(2019, 25)).Status.ShouldBe(TargetStatus.NoNewData);
        TargetProgress.Assess(Polarity.HigherIsBetter, Baseline, target, Latest(2021, 25)).Status.ShouldBe(TargetStatus.Achieved);
    }

    [Fact]
    public void After_the_target_period_the_line_stays_at_the_target()
    {
        var target = new PeriodValue(Period.Year(2030), 20);
        TargetProgress.Trajectory(Baseline, target, Period.Year(2035)).ShouldBe(20);
        TargetProgress.Assess(Polarity.HigherIsBetter, Baseline, target, Latest(2032, 19.9)).Status.ShouldBe(TargetStatus.OffTrack);
    }

    [Fact]
    public void A_three_year_average_is_placed_at_its_middle_year()
    {
        // Healthy life expectancy is published for three-year spans: 2020 to 2022 sits in 2021.
        var baseline = new PeriodValue(new Period(new DateOnly(2017, 1, 1), "P3Y"), 60);
        var target = new PeriodValue(new Period(new DateOnly(2027, 1, 1), "P3Y"), 65);
        var expected = TargetProgress.Trajectory(baseline, target, new Period(new DateOnly(2020, 1, 1), "P3Y"));
        expected.ShouldBe(61.5, 0.01);
    }
}
