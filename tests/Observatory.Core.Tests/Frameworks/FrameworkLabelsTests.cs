using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Frameworks;

/// <summary>The plain words every page and the API use for a framework: never the catalogue's shorthand.</summary>
public sealed class FrameworkLabelsTests
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadShipped(DataFolder.Locate());

    [Fact]
    public void A_shorthand_short_name_gives_way_to_the_full_name_without_its_aside()
    {
        var labels = Catalogue.Frameworks.ToDictionary(f => f.Id, f => f.DisplayShortName);

        labels["local-digital-capital"].ShouldBe("Local Digital Capital");
        labels["four-rs"].ShouldBe("Recovery and Resilience model");
        labels["place-making"].ShouldBe("Place-making");
        labels.Values.ShouldAllBe(l => !FrameworkLabels.IsShorthand(l));
    }

    [Theory]
    [InlineData("LDC", true)]
    [InlineData("4Rs", true)]
    [InlineData("N2N", true)]
    [InlineData("Covid-19 impact survey", false)]
    [InlineData("Policy themes 2022–25", false)]
    [InlineData("Place-making", false)]
    public void Initialisms_and_numbers_run_into_letters_are_shorthand(string name, bool shorthand) =>
        FrameworkLabels.IsShorthand(name).ShouldBe(shorthand);

    [Fact]
    public void An_element_is_named_with_its_framework_in_words()
    {
        var ldc = Catalogue.Find("local-digital-capital")!;

        FrameworkLabels.ElementLabel(ldc.FindElement("digital-skills")!, ldc).ShouldBe("Digital skills (Local Digital Capital)");
        FrameworkLabels.ElementLabel(ldc.FindElement("digital-skills")!, null).ShouldBe("Digital skills");
    }
}
