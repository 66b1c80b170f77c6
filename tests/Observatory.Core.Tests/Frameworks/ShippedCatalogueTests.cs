using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Frameworks;

/// <summary>The shipped catalogue holds every model of the source documents with all the elements they give.</summary>
public sealed class ShippedCatalogueTests
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadShipped(DataFolder.Locate());

    private static int Count(string framework, string kind) =>
        Catalogue.Find(framework).ShouldNotBeNull($"framework {framework}").AllElements().Count(e => e.Kind == kind);

    [Theory]
    [InlineData("four-rs", "pillar", 4)]
    [InlineData("place-making", "outcome", 4)]
    [InlineData("place-making", "area-of-focus", 16)]
    [InlineData("place-making", "principle", 4)]
    [InlineData("policy-themes-2021", "theme", 5)]
    [InlineData("policy-themes-2022-25", "theme", 5)]
    [InlineData("ethical-attributes", "attribute", 5)]
    [InlineData("digitalisation-outcomes", "outcome", 12)]
    [InlineData("local-digital-capital", "component", 8)]
    [InlineData("planting-the-flag", "area-of-activity", 8)]
    [InlineData("connected-places-briefings", "area", 8)]
    [InlineData("covid-long-term-impact", "impact-area", 9)]
    [InlineData("social-value-model", "theme", 5)]
    [InlineData("social-value-model", "policy-outcome", 8)]
    public void Each_model_has_every_element_the_sources_give(string framework, string kind, int expected) =>
        Count(framework, kind).ShouldBe(expected);

    [Fact]
    public void The_doughnut_has_twelve_social_and_nine_ecological_dimensions()
    {
        var doughnut = Catalogue.Find("doughnut").ShouldNotBeNull();
        doughnut.FindElement("social-foundation")!.Children.Count.ShouldBe(12);
        doughnut.FindElement("ecological-ceiling")!.Children.Count.ShouldBe(9);
        doughnut.FindElement("networks")!.Labels["doughnut-3"].ShouldBe("connectivity");
    }

    [Fact]
    public void Each_area_of_focus_sits_under_its_outcome_with_six_example_councils()
    {
        var placeMaking = Catalogue.Find("place-making")!;
        foreach (var outcome in placeMaking.AllElements().Where(e => e.Kind == "outcome"))
        {
            outcome.Children.Count(c => c.Kind == "area-of-focus").ShouldBe(4, outcome.Name);
        }
        foreach (var area in placeMaking.AllElements().Where(e => e.Kind == "area-of-focus"))
        {
            area.Lists.Single(l => l.Key == "examples").Items.Count.ShouldBeInRange(5, 6, area.Name);
        }
    }

    [Fact]
    public void The_social_value_model_gives_each_theme_its_published_policy_outcomes_each_with_award_criteria()
    {
        var model = Catalogue.Find("social-value-model").ShouldNotBeNull();
        // The Social Value Model (edition 1.1): themes 2, 4 and 5 have two policy outcomes each, themes 1 and 3 one.
        model.Elements.Select(t => (t.Name, t.Children.Count(c => c.Kind == "policy-outcome"))).ShouldBe(
        [
            ("COVID-19 recovery", 1),
            ("Tackling economic inequality", 2),
            ("Fighting climate change", 1),
            ("Equal opportunity", 2),
            ("Wellbeing", 2),
        ]);
        foreach (var outcome in model.AllElements().Where(e => e.Kind == "policy-outcome"))
        {
            outcome.Children.ShouldNotBeEmpty(outcome.Name);
            outcome.Children.ShouldAllBe(c => c.Kind == "award-criterion" && c.Name.StartsWith("MAC "), outcome.Name);
        }
        model.FindElement("mac-4-1")!.Parent!.Name.ShouldBe("Effective stewardship of the environment");
    }

    [Fact]
    public void The_social_value_model_cites_the_published_procurement_policy_note()
    {
        var model = Catalogue.Find("social-value-model")!;
        model.Sources.ShouldAllBe(s => s.File == "social-value-model-ppn-06-20");
        SourceDocuments.Find("social-value-model-ppn-06-20")!.Url.ShouldStartWith("https://www.gov.uk/government/publications/");
        Catalogue.Related(new ElementRef("social-value-model", "fighting-climate-change"))
            .Select(r => r.Element.Ref.ToString()).ShouldContain("social-value/environmental");
    }

    [Fact]
    public void Every_ethical_attribute_has_key_themes_and_scrutiny_considerations()
    {
        foreach (var attribute in Catalogue.Find("ethical-attributes")!.AllElements().Where(e => e.Kind == "attribute"))
        {
            attribute.Lists.ShouldContain(l => l.Key == "key-themes" && l.Items.Count > 0, attribute.Name);
            attribute.Lists.ShouldContain(l => l.Key == "scrutiny-considerations" && l.Items.Count > 0, attribute.Name);
        }
    }

    [Fact]
    public void Every_framework_and_element_cites_a_source_section()
    {
        foreach (var framework in Catalogue.Frameworks)
        {
            framework.Sources.ShouldNotBeEmpty(framework.Id);
            framework.Sources.ShouldAllBe(s => s.Section.Length > 0);
            framework.AllElements().ShouldAllBe(e => e.Description.Length > 0);
        }
    }

    [Fact]
    public void Connectivity_is_linked_across_place_making_digitalisation_and_local_digital_capital()
    {
        var related = Catalogue.Related(new ElementRef("place-making", "connectivity")).Select(r => r.Element.Ref.ToString()).ToList();

        related.ShouldContain("digitalisation-outcomes/connectivity");
        related.ShouldContain("local-digital-capital/digital-infrastructure");
    }

    [Theory]
    [InlineData("doughnut/food", "place-making/food")]
    [InlineData("planting-the-flag/task-reset", "four-rs/reset")]
    [InlineData("doughnut/networks", "place-making/connectivity")]
    public void Crosswalks_link_the_models_the_issue_names(string from, string to)
    {
        ElementRef.TryParse(from, out var source).ShouldBeTrue();
        Catalogue.Related(source).Select(r => r.Element.Ref.ToString()).ShouldContain(to);
    }

    [Fact]
    public void Every_policy_theme_of_2021_has_a_successor_in_2022_25()
    {
        foreach (var theme in Catalogue.Find("policy-themes-2021")!.AllElements())
        {
            Catalogue.Related(theme.Ref).ShouldContain(r => r.Framework.Id == "policy-themes-2022-25", theme.Name);
        }
    }

    [Fact]
    public void Search_ranks_an_element_named_by_the_query_first()
    {
        var hits = Catalogue.Search("explicability");

        hits.ShouldNotBeEmpty();
        hits[0].Element.Name.ShouldBe("Explicability");
    }
}
