using Observatory.Assessments;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Assessments;

/// <summary>
/// The templates made from the checklists and surveys of the source documents follow their sources' structure: a
/// section for each element the source lists, questions tied to those elements, the scale the source implies.
/// </summary>
public sealed class CatalogueTemplatesTests
{
    private static AssessmentTemplate Template(string id) => TemplateFiles.Shipped.Find(id).ShouldNotBeNull(id);

    private static Framework Framework(string id) => TemplateFiles.Frameworks.Find(id).ShouldNotBeNull(id);

    private static IEnumerable<FrameworkElement> OfKind(string frameworkId, string kind) => Framework(frameworkId).AllElements().Where(e => e.Kind == kind);

    [Theory]
    [InlineData("cyber-unlucky-seven", "cyber-unlucky-seven", AnswerScale.Checklist, 14)]
    [InlineData("reimagining-work", "reimagining-work-toolkit", AnswerScale.Checklist, 17)]
    [InlineData("levelling-up-tests", "levelling-up-tests", AnswerScale.Checklist, 7)]
    [InlineData("digital-identity-principles", "digital-identity-principles", AnswerScale.Checklist, 8)]
    [InlineData("planting-the-flag", "planting-the-flag", AnswerScale.Checklist, 52)]
    [InlineData("covid-impact-survey", "covid-impact-survey", AnswerScale.Agreement, 20)]
    public void Each_template_loads_on_its_scale_cites_its_source_and_evidences_its_framework(string id, string frameworkId, AnswerScale scale, int questions)
    {
        var t = Template(id);
        t.Scale.ShouldBe(scale);
        t.QuestionCount.ShouldBe(questions);
        t.Version.ShouldBe("1.0");
        t.Sources.ShouldNotBeEmpty();
        t.Sources.ShouldAllBe(s => s.Section != null && Observatory.Frameworks.SourceCitation.KnownDocuments.Values.Contains(s.Title));
        t.Authorship.ShouldNotBeNull().ShouldContain("Observatory");
        t.Questions.ShouldAllBe(q => q.Elements.Count > 0 && q.Elements.All(TemplateFiles.Frameworks.Contains));
        t.Questions.ShouldAllBe(q => q.Elements.Any(e => e.FrameworkId == frameworkId));
    }

    [Fact]
    public void The_unlucky_seven_has_one_section_per_vulnerability_then_testing_and_the_norfolk_approach()
    {
        var t = Template("cyber-unlucky-seven");
        var vulnerabilities = OfKind("cyber-unlucky-seven", "vulnerability").Select(e => e.Ref).ToList();
        vulnerabilities.Count.ShouldBe(7);
        t.Topics.Take(7).Select(s => s.Elements.Single()).ShouldBe(vulnerabilities);
        t.Topics.Take(7).ShouldAllBe(s => s.Questions.Count() == 1);
        t.Topics[7].Elements.ShouldBe(vulnerabilities, ignoreOrder: true);
        t.Topics[8].Elements.Single().ShouldBe(new ElementRef("cyber-unlucky-seven", "norfolk-desired-approach"));
    }

    [Fact]
    public void Reimagining_work_has_a_section_for_each_of_the_toolkits_six_elements()
    {
        var t = Template("reimagining-work");
        t.Topics.Select(s => s.Elements.Single()).ShouldBe(OfKind("reimagining-work-toolkit", "element").Select(e => e.Ref));
        t.Topics.Count.ShouldBe(6);
    }

    [Fact]
    public void The_levelling_up_tests_are_six_checklist_questions_and_the_community_question_is_answered_in_words()
    {
        var t = Template("levelling-up-tests");
        var tests = OfKind("levelling-up-tests", "test").ToList();
        tests.Count.ShouldBe(6);
        var scored = t.Questions.Where(q => !q.InWords).ToList();
        scored.Select(q => q.Elements.Single()).ShouldBe(tests.Select(e => e.Ref));
        // Each question keeps the source's own wording of its test as guidance.
        scored.Select(q => q.Guidance).ShouldBe(tests.Select(e => e.Description));
        t.Questions.Single(q => q.InWords).Elements.Single().ElementId.ShouldBe("what-does-levelling-up-mean-for-your-community");
    }

    [Fact]
    public void Digital_identity_has_a_section_for_each_of_the_four_design_principles()
    {
        var t = Template("digital-identity-principles");
        t.Topics.Select(s => s.Elements.Single()).ShouldBe(OfKind("digital-identity-principles", "principle").Select(e => e.Ref));
    }

    [Fact]
    public void Planting_the_flag_has_the_eight_areas_of_activity_with_one_question_per_practice()
    {
        var t = Template("planting-the-flag");
        var areas = OfKind("planting-the-flag", "area-of-activity").ToList();
        areas.Count.ShouldBe(8);
        t.Topics.Select(s => s.Elements.Single()).ShouldBe(areas.Select(a => a.Ref));
        t.Topics.Select(s => s.Questions.Count()).ShouldBe(areas.Select(a => a.Lists.Single(l => l.Key == "practices").Items.Count));
        t.Topics.Zip(areas).ShouldAllBe(pair => pair.First.Questions.Select(q => q.Guidance).SequenceEqual(pair.Second.Lists.Single(l => l.Key == "practices").Items.Select(p => $"The practice: {p}.")));
    }

    [Fact]
    public void The_covid_survey_has_the_five_themes_each_with_three_statements_to_agree_with_and_one_question_in_words()
    {
        var t = Template("covid-impact-survey");
        t.LevelNames.ShouldBe(AssessmentTemplate.AgreementLevels);
        t.Topics.Select(s => s.Elements[0]).ShouldBe(OfKind("covid-impact-survey", "theme").Select(e => e.Ref));
        t.Topics.ShouldAllBe(s => s.Questions.Count(q => !q.InWords) == 3 && s.Questions.Count(q => q.InWords) == 1);
        // Every objective of the survey is asked about somewhere, bar the evidence base for Planting the flag, which the survey itself is.
        var objectives = OfKind("covid-impact-survey", "objective").Select(e => e.Ref).Where(r => r.ElementId != "evidence-base-for-planting-the-flag");
        objectives.ShouldAllBe(o => t.Questions.Any(q => q.Elements.Contains(o)));
    }
}
