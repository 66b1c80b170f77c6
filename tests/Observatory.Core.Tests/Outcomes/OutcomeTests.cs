using Observatory.Content;
using Observatory.Outcomes;

namespace Observatory.Core.Tests.Outcomes;

public sealed class OutcomeTests
{
    private static Outcome<int> Parse(string text) =>
        int.TryParse(text, out var n) ? n : Refusal.Invalid("number", $"'{text}' is not a whole number");

    [Fact]
    public void A_value_succeeds_and_a_refusal_carries_its_kind_field_and_message()
    {
        Parse("42").Succeeded(out var value, out _).ShouldBeTrue();
        value.ShouldBe(42);

        var refused = Parse("forty-two");
        refused.Succeeded(out _, out var refusal).ShouldBeFalse();
        refusal!.Kind.ShouldBe(RefusalKind.Invalid);
        refusal.Problems.Single().Field.ShouldBe("number");
        refusal.Message.ShouldBe("'forty-two' is not a whole number");
        Should.Throw<InvalidOperationException>(() => refused.Value);
    }

    [Fact]
    public void Invalid_input_keeps_every_problem_with_its_file_and_line()
    {
        var refusal = Refusal.Invalid([new ContentProblem("plan.csv", 3, 2, "target", "must be a number"),
            new ContentProblem("plan.csv", 7, 0, "period", "is not a period")]);
        refusal.Kind.ShouldBe(RefusalKind.Invalid);
        refusal.Problems.Count.ShouldBe(2);
        refusal.Message.ShouldContain("plan.csv:3:2: target: must be a number");
        Should.Throw<ArgumentException>(() => Refusal.Invalid([]));
    }

    [Fact]
    public void Mapping_a_refusal_keeps_it_and_an_outcome_without_a_value_is_done_or_refused()
    {
        Parse("x").Map(n => n * 2).Refusal!.Kind.ShouldBe(RefusalKind.Invalid);
        Parse("21").Map(n => n * 2).Value.ShouldBe(42);

        Outcome done = Outcome.Done;
        done.Succeeded(out _).ShouldBeTrue();
        Outcome conflict = Refusal.Conflict("Someone else changed this item first", "version");
        conflict.Succeeded(out var why).ShouldBeFalse();
        why!.Kind.ShouldBe(RefusalKind.Conflict);
        why.Problems.Single().Field.ShouldBe("version");
    }
}
