using Observatory.Assessments;

namespace Observatory.Core.Tests.Assessments;

/// <summary>A broken template names its file, line and field, so the person fixing it can go straight there.</summary>
public sealed class AssessmentTemplateReaderTests
{
    private static void ShouldRefuse(string yaml, string expected, IReadOnlyDictionary<string, string>? banks = null)
    {
        var (template, problems) = TemplateFiles.Read(yaml, banks);
        template.ShouldBeNull();
        problems.Select(p => p.ToString()).ShouldContain(p => p.Contains(expected), string.Join("\n", problems));
    }

    [Fact]
    public void A_valid_template_keeps_its_hierarchy_and_inherits_elements()
    {
        var t = TemplateFiles.Worked;
        t.Structure.ShouldBe(TemplateStructure.Topics);
        t.Topics.Select(x => x.Id).ShouldBe(["a", "b"]);
        t.Topics[0].Themes.Select(x => x.Id).ShouldBe(["a1", "a2"]);
        t.Questions.Select(q => q.Id).ShouldBe(["q1", "q2", "q3", "q4", "q5"]);
        t.Questions.ShouldAllBe(q => q.Elements.Single().ToString() == "digitalisation-outcomes/data" && q.Statements.Count == 5);
        t.LevelNames[2].ShouldBe("Learning");
    }

    [Fact]
    public void A_statement_off_the_scale_is_refused_at_its_line() =>
        ShouldRefuse(TemplateFiles.Head + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1").Replace("level: 5", "level: 6"),
            "data/assessments/t.yaml:23:21: sections[0].questions[0].statements[4].level");

    [Fact]
    public void A_statement_off_the_scale_names_its_field() =>
        ShouldRefuse(TemplateFiles.Head + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1").Replace("level: 5", "level: 6"),
            "sections[0].questions[0].statements[4].level: '6' must be a whole number from 1 to 5");

    [Fact]
    public void A_maturity_question_without_every_level_is_refused() =>
        ShouldRefuse(TemplateFiles.Head + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1").Replace("level: 4", "level: 3"),
            "data/assessments/t.yaml:19:11: sections[0].questions[0].statements: needs exactly one statement for each level 1 to 5; missing level 4; level 3 given twice");

    [Fact]
    public void An_element_the_catalogue_lacks_is_refused() =>
        ShouldRefuse(TemplateFiles.Head.Replace("digitalisation-outcomes/data", "digitalisation-outcomes/nothing") + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1"),
            "data/assessments/t.yaml:11:12: elements[0]: 'digitalisation-outcomes/nothing' names no element of the framework catalogue");

    [Fact]
    public void A_question_tied_to_no_element_is_refused() =>
        ShouldRefuse(TemplateFiles.Head.Replace("elements: [digitalisation-outcomes/data]\n", "") + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1"),
            "sections[0].questions[0].elements: is required");

    [Fact]
    public void A_question_id_used_twice_is_refused_naming_the_first() =>
        ShouldRefuse(TemplateFiles.Head + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1") + TemplateFiles.Question("q1"),
            "sections[0].questions[1].id: 'q1' is used twice (first at line 16)");

    [Fact]
    public void Checklist_questions_take_no_statements() =>
        ShouldRefuse(TemplateFiles.Head.Replace("scale: maturity\nlevels: [Beginning, Emerging, Learning, Developing, Mastering]\n", "scale: checklist\n") + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1"),
            "statements: only questions on the maturity scale have level statements (this template's scale is checklist)");

    [Fact]
    public void An_unknown_scale_and_key_are_refused()
    {
        var yaml = TemplateFiles.Head.Replace("scale: maturity", "scale: stars\nsize: big") + "sections:\n  - id: s\n    title: S\n    questions:\n" + TemplateFiles.Question("q1");
        ShouldRefuse(yaml, "data/assessments/t.yaml:9:8: scale: 'stars' is not one of: maturity, checklist, agreement, free-text");
        ShouldRefuse(yaml, "data/assessments/t.yaml:10:1: size: unknown key 'size'");
    }

    [Fact]
    public void The_id_must_be_the_file_name_and_not_a_framework_checklist_s()
    {
        ShouldRefuse(TemplateFiles.Head.Replace("id: t", "id: other") + "sections: []\n", "data/assessments/t.yaml:1:5: id: 'other' must equal the file name 't'");
        var (template, problems) = AssessmentTemplateReader.Read("data/assessments/framework-x.yaml", TemplateFiles.Head.Replace("id: t", "id: framework-x"), "framework-x", TemplateFiles.Frameworks.Contains, _ => null);
        template.ShouldBeNull();
        problems.ShouldContain(p => p.Field == "id" && p.Message.Contains("must not start with 'framework-'"));
    }

    [Fact]
    public void A_question_bank_must_exist_beside_the_template() =>
        ShouldRefuse(TemplateFiles.Head + "questions-from:\n  file: missing.json\n  format: odi-maturity\n",
            "data/assessments/t.yaml:13:9: questions-from.file: 'missing.json' does not exist beside the template");

    [Fact]
    public void A_broken_question_bank_is_refused_at_its_own_file_and_line()
    {
        const string bank = """
            {
              "title": "Test",
              "levels": ["One", "Two", "Three", "Four", "Five"],
              "dimensions": [
                {"name": "Topic", "activities": [
                  {"title": "Theme", "questions": [
                    {"text": "Q?", "statements": [
                      {"text": "a", "associatedLevel": 1},
                      {"text": "b", "associatedLevel": 2},
                      {"text": "c", "associatedLevel": 3},
                      {"text": "d", "associatedLevel": 4},
                      {"text": "e", "associatedLevel": 7}
                    ]}
                  ]}
                ]}
              ]
            }
            """;
        ShouldRefuse(TemplateFiles.Head.Replace("levels: [Beginning, Emerging, Learning, Developing, Mastering]\n", "") + "questions-from:\n  file: bank.json\n  format: odi-maturity\n",
            "data/assessments/bank.json:12:44: dimensions[0].activities[0].questions[0].statements[4].associatedLevel: '7' must be a whole number from 1 to 5",
            new Dictionary<string, string> { ["bank.json"] = bank });
    }

    [Fact]
    public void A_question_bank_gives_topics_themes_questions_and_the_level_names()
    {
        const string bank = """
            {"title": "Test", "owner": "someone", "levels": ["One", "Two", "Three", "Four", "Five"],
             "dimensions": [{"name": "Knowing the data you have", "activities": [{"title": "Culture", "questions": [
               {"text": "Q?", "context": "Why it matters", "statements": [
                 {"text": "e", "associatedLevel": 5}, {"text": "a", "associatedLevel": 1}, {"text": "b", "associatedLevel": 2},
                 {"text": "c", "associatedLevel": 3}, {"text": "d", "associatedLevel": 4}]}]}]}]}
            """;
        var (template, problems) = TemplateFiles.Read(TemplateFiles.Head.Replace("levels: [Beginning, Emerging, Learning, Developing, Mastering]\n", "") + "questions-from:\n  file: bank.json\n  format: odi-maturity\n",
            new Dictionary<string, string> { ["bank.json"] = bank });
        problems.ShouldBeEmpty();
        var question = template.ShouldNotBeNull().Questions.Single();
        question.Id.ShouldBe("knowing-the-data-you-have-culture-1");
        question.Guidance.ShouldBe("Why it matters");
        question.Statements.Select(s => s.Text).ShouldBe(["a", "b", "c", "d", "e"]);
        template.LevelNames.ShouldBe(["One", "Two", "Three", "Four", "Five"]);
    }
}
