using Observatory.Assessments;

namespace Observatory.Core.Tests.Assessments;

/// <summary>The shipped templates hold what their sources give, each question tied to framework elements.</summary>
public sealed class ShippedTemplatesTests
{
    private static AssessmentTemplate Template(string id) => TemplateFiles.Shipped.Find(id).ShouldNotBeNull(id);

    [Fact]
    public void Digital_maturity_has_the_twelve_outcomes_with_stable_keys_both_labels_and_five_levels()
    {
        var t = Template("digital-maturity");
        t.Scale.ShouldBe(AnswerScale.Maturity);
        t.Topics.Select(x => x.Id).ShouldBe(["connectivity", "data", "democracy", "productivity", "ethics", "inclusion", "leadership", "capability", "partnership", "security", "services", "value"]);
        var productivity = t.Topics.Single(x => x.Id == "productivity");
        productivity.Labels["lga-2022"].ShouldBe("Local productivity");
        productivity.Labels["lga-current"].ShouldBe("Economic productivity and growth");
        t.Topics.Single(x => x.Id == "democracy").Labels["lga-current"].ShouldBe("Democracy and participation");
        t.Topics.Single(x => x.Id == "ethics").Labels["lga-2022"].ShouldBe("Ethics");
        t.Topics.ShouldAllBe(x => x.Questions.Count() >= 2 && x.Labels.Count == 2);
        t.Questions.ShouldAllBe(q => q.Statements.Select(s => s.Level).SequenceEqual(new[] { 1, 2, 3, 4, 5 }));
        t.Topics.Select(x => x.Elements.Single().ToString()).ShouldBe(TemplateFiles.Frameworks.Find("digitalisation-outcomes")!.Elements.Select(e => e.Ref.ToString()), ignoreOrder: true);
        t.Authorship.ShouldNotBeNull().ShouldContain("Connected Places Observatory wrote");
    }

    [Fact]
    public void The_data_maturity_assessment_has_97_questions_in_10_topics_over_6_themes()
    {
        var t = Template("dmag-2023");
        t.Structure.ShouldBe(TemplateStructure.Topics);
        t.QuestionCount.ShouldBe(97);
        t.Topics.Count.ShouldBe(10);
        t.Topics.SelectMany(x => x.Themes).Select(x => x.Id).Distinct().Order().ShouldBe(["culture", "data", "leadership", "skills", "tools", "uses"]);
        t.LevelNames.ShouldBe(["Beginning", "Emerging", "Learning", "Developing", "Mastering"]);
        t.Questions.Select(q => q.Id).Distinct().Count().ShouldBe(97);
        t.Questions.ShouldAllBe(q => q.Statements.Count == 5);
        t.Topics[0].Id.ShouldBe("engaging-with-others");
    }

    [Theory]
    [InlineData("local-digital-capital", 8)]
    [InlineData("ethical-attributes", 5)]
    public void Checklists_have_a_section_for_each_element_of_their_framework(string id, int sections)
    {
        var t = Template(id);
        t.Scale.ShouldBe(AnswerScale.Checklist);
        t.Topics.Count.ShouldBe(sections);
        t.Topics.ShouldAllBe(s => s.Elements.Single().FrameworkId == id);
    }

    [Fact]
    public void Every_shipped_question_names_existing_elements_and_cites_a_published_source()
    {
        foreach (var t in TemplateFiles.Shipped.Templates)
        {
            t.Sources.ShouldNotBeEmpty(t.Id);
            t.Questions.ShouldAllBe(q => q.Elements.Count > 0 && q.Elements.All(TemplateFiles.Frameworks.Contains));
        }
    }

    [Fact]
    public void Every_framework_becomes_a_checklist_with_one_question_per_element()
    {
        foreach (var framework in TemplateFiles.Frameworks.Frameworks)
        {
            var t = FrameworkChecklist.From(framework);
            t.Id.ShouldBe("framework-" + framework.Id);
            FrameworkChecklist.FrameworkId(t.Id).ShouldBe(framework.Id);
            t.Questions.Select(q => q.Elements.Single()).ShouldBe(framework.AllElements().Select(e => e.Ref));
            t.Topics.Select(s => s.Id).ShouldBe(framework.Elements.Select(e => e.Id));
        }
    }
}
