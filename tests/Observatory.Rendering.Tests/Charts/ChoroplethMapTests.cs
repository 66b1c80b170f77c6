using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Observatory.Rendering.Charts.Maps;

namespace Observatory.Rendering.Tests.Charts;

/// <summary>Choropleths shade every district by quantile class, say what the shades mean and stay accessible and small.</summary>
public sealed class ChoroplethMapTests
{
    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";
    private static readonly BoundarySet Uk = MapGeometry.Uk;

    /// <summary>
    /// A plausible indicator (a percentage rising from north to south, with noise) for every district, so the
    /// quantiles are tested over a realistic spread rather than evenly spaced numbers.
    /// </summary>
    private static List<ChoroplethValue> Values(Func<BoundaryArea, string?>? href = null, int everyNthMissing = 0)
    {
        var random = new Random(2024);
        return Uk.Areas.Select((a, i) =>
        {
            double? value = everyNthMissing > 0 && i % everyNthMissing == 0 ? null : Math.Round(40 + a.Centroid.Y / 25 + random.NextDouble() * 15, 1);
            var text = value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "";
            return new ChoroplethValue(a.Code, a.Name, value, text, href?.Invoke(a));
        }).ToList();
    }

    private static XElement Parse(Choropleth map) => XDocument.Parse(map.Svg).Root.ShouldNotBeNull();

    private static List<XElement> AreaPaths(XElement svg) => svg.Descendants(SvgNs + "path").ToList();

    [Fact]
    public void Five_quantile_classes_run_from_the_minimum_to_the_maximum()
    {
        var values = Values();
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values);
        var numbers = values.Select(v => v.Value!.Value).ToList();

        map.Classes.Count.ShouldBe(5);
        map.ClassFor(numbers.Min())!.Number.ShouldBe(1);
        map.ClassFor(numbers.Max())!.Number.ShouldBe(5);
        map.Classes.Sum(c => c.Count).ShouldBe(361);
        map.Classes.ShouldAllBe(c => c.Count >= 70 && c.Count <= 74);
        map.Classes.Select(c => c.Colour).Distinct().Count().ShouldBe(5);
        map.Classes[0].Label.ShouldStartWith(numbers.Min().ToString("0.0", CultureInfo.InvariantCulture) + " to ");
        map.Classes[^1].Label.ShouldEndWith(" to " + numbers.Max().ToString("0.0", CultureInfo.InvariantCulture));
        map.NoDataCount.ShouldBe(0);
    }

    [Fact]
    public void Key_labels_give_every_number_the_decimals_of_the_most_precise_value()
    {
        var values = Uk.Areas.Select((a, i) => new ChoroplethValue(a.Code, a.Name, i * 0.5 + 1000, "")).ToList();
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values);

        map.Classes[0].Label.ShouldBe("1,000.0 to 1,036.0");
        map.Classes.ShouldAllBe(c => Regex.IsMatch(c.Label, @"^1,[0-9]{3}\.[05] to 1,[0-9]{3}\.[05]$"));
    }

    [Fact]
    public void Each_area_is_filled_with_the_colour_of_its_class()
    {
        var values = Values().ToDictionary(v => v.Code);
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values.Values);

        foreach (var path in AreaPaths(Parse(map)))
        {
            var value = values[(string)path.Attribute("data-code")!].Value;
            ((string?)path.Attribute("fill")).ShouldBe(map.ClassFor(value)!.Colour);
        }
    }

    [Fact]
    public void Areas_without_a_value_are_hatched_grey_and_counted_as_no_data()
    {
        // Every tenth district has a null value, and Northern Ireland is left out altogether.
        var values = Values(everyNthMissing: 10).Where(v => !v.Code.StartsWith("N09", StringComparison.Ordinal)).ToList();
        var expected = values.Count(v => v.Value is null) + 11;
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values);
        var svg = Parse(map);

        map.NoDataCount.ShouldBe(expected);
        map.Classes.Sum(c => c.Count).ShouldBe(361 - expected);
        var hatched = AreaPaths(svg).Where(p => (string?)p.Attribute("fill") == "url(#map-no-data)").ToList();
        hatched.Count.ShouldBe(expected);
        hatched.ShouldAllBe(p => p.Element(SvgNs + "title")!.Value.EndsWith(": No data"));
        svg.Descendants(SvgNs + "pattern").Single().Attribute("id")!.Value.ShouldBe("map-no-data");
        svg.Descendants(SvgNs + "text").Select(t => t.Value).ShouldContain(ChoroplethMap.NoDataLabel);
        map.ClassFor(null).ShouldBeNull();
    }

    [Fact]
    public void The_map_is_an_accessible_image_with_one_titled_path_per_district()
    {
        var map = ChoroplethMap.Draw(Uk, "Share of homes with gigabit broadband", "By council, 2024.", Values());
        var svg = Parse(map);

        ((string?)svg.Attribute("role")).ShouldBe("img");
        var ids = svg.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();
        var labelledBy = ((string?)svg.Attribute("aria-labelledby")).ShouldNotBeNull().Split(' ');
        labelledBy.Length.ShouldBe(2);
        labelledBy.ShouldAllBe(id => ids.Contains(id));
        svg.Element(SvgNs + "title")!.Value.ShouldBe("Share of homes with gigabit broadband");
        svg.Element(SvgNs + "desc")!.Value.ShouldStartWith("By council, 2024. Darker = higher, in 5 shades: ");
        var paths = AreaPaths(svg);
        paths.Count.ShouldBe(361);
        paths.Select(p => (string?)p.Attribute("data-code")).ShouldBe(Uk.Areas.Select(a => a.Code), ignoreOrder: true);
        paths.ShouldAllBe(p => p.Element(SvgNs + "title") != null && ((string?)p.Attribute("d"))!.Length > 0);
        var hartlepool = paths.Single(p => (string?)p.Attribute("data-code") == "E06000001");
        hartlepool.Element(SvgNs + "title")!.Value.ShouldMatch(@"^Hartlepool: [0-9]+\.[0-9]%$");
        svg.Descendants(SvgNs + "a").ShouldBeEmpty();
    }

    [Fact]
    public void Names_are_escaped()
    {
        var values = Values().Select(v => v.Code == "E09000005" ? v with { Name = "Brent & <Harrow>", ValueText = "1 < 2" } : v);
        var map = ChoroplethMap.Draw(Uk, "Rock & roll <maps>", "Ampersands & angles.", values);

        map.Svg.ShouldContain("Brent &amp; &lt;Harrow&gt;: 1 &lt; 2");
        map.Svg.ShouldContain("Rock &amp; roll &lt;maps&gt;");
        map.Svg.ShouldNotContain("<Harrow>");
        var brent = AreaPaths(Parse(map)).Single(p => (string?)p.Attribute("data-code") == "E09000005");
        brent.Element(SvgNs + "title")!.Value.ShouldBe("Brent & <Harrow>: 1 < 2");
    }

    [Fact]
    public void Linked_areas_are_named_links_in_a_group()
    {
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", Values(a => $"/places/{a.Code}?view=map&year=2024"));
        var svg = Parse(map);

        // Links inside role="img" would be hidden from assistive technology.
        ((string?)svg.Attribute("role")).ShouldBe("group");
        var links = svg.Descendants(SvgNs + "a").ToList();
        links.Count.ShouldBe(361);
        links.ShouldAllBe(a => ((string?)a.Attribute("aria-label"))!.Length > 0 && a.Elements(SvgNs + "path").Count() == 1);
        var cardiff = links.Single(a => (string?)a.Element(SvgNs + "path")!.Attribute("data-code") == "W06000015");
        ((string?)cardiff.Attribute("href")).ShouldBe("/places/W06000015?view=map&year=2024");
        ((string?)cardiff.Attribute("aria-label")).ShouldStartWith("Cardiff: ");
        map.Svg.ShouldContain("view=map&amp;year=2024");
    }

    [Fact]
    public void A_highlighted_area_is_outlined_drawn_last_and_named_in_the_key()
    {
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", Values(), new ChoroplethOptions { Highlight = "E09000007" });
        var svg = Parse(map);

        var last = AreaPaths(svg)[^1];
        ((string?)last.Attribute("data-code")).ShouldBe("E09000007");
        double.Parse((string)last.Attribute("stroke-width")!, CultureInfo.InvariantCulture).ShouldBeGreaterThan(1);
        ((string?)last.Attribute("stroke")).ShouldBe("#0b0c0c");
        svg.Descendants(SvgNs + "text").Select(t => t.Value).ShouldContain("Outlined: Camden");
        svg.Element(SvgNs + "desc")!.Value.ShouldEndWith("Camden is outlined.");
    }

    [Fact]
    public void Explicit_breaks_replace_the_quantiles_and_a_boundary_value_falls_in_the_class_above()
    {
        var values = Uk.Areas.Select((a, i) => new ChoroplethValue(a.Code, a.Name, i % 30, $"{i % 30}")).ToList();
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values, new ChoroplethOptions { Breaks = [10, 20] });

        map.Classes.Select(c => c.Label).ShouldBe(["Under 10", "10 to under 20", "20 or more"]);
        map.ClassFor(9.99)!.Number.ShouldBe(1);
        map.ClassFor(10)!.Number.ShouldBe(2);
        map.ClassFor(20)!.Number.ShouldBe(3);
        map.Classes.Sum(c => c.Count).ShouldBe(361);
    }

    [Fact]
    public void Tied_values_never_leave_a_class_empty()
    {
        // Most districts share the lowest value, as with a rate that is zero in most places: the zeros make one
        // class and the other values are shared out among the other four.
        var values = Uk.Areas.Select((a, i) => new ChoroplethValue(a.Code, a.Name, i < 300 ? 0 : i, "")).ToList();
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values);

        map.Classes.Count.ShouldBe(5);
        map.Classes[0].Label.ShouldBe("0");
        map.Classes[0].Count.ShouldBe(300);
        map.Classes.Skip(1).ShouldAllBe(c => c.Count >= 15 && c.Count <= 16);
        map.ClassFor(360)!.Number.ShouldBe(5);
    }

    [Fact]
    public void Fewer_distinct_values_than_classes_give_one_class_each()
    {
        var values = Uk.Areas.Select((a, i) => new ChoroplethValue(a.Code, a.Name, i % 3, "")).ToList();
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values);

        map.Classes.Select(c => c.Label).ShouldBe(["0", "1", "2"]);
        map.Classes.Select(c => c.Colour).ShouldBe(["#deebf7", "#4f9aca", "#08519c"]);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 5, new double[] { 3, 5, 7, 9 })]
    [InlineData(new double[] { 5, 5, 5, 5 }, 5, new double[0])]
    [InlineData(new double[] { 1, 1, 1, 1, 1, 1, 2, 3 }, 2, new double[] { 2 })]
    [InlineData(new double[] { 1, 2, 2, 2, 2, 2, 2, 3 }, 2, new double[] { 2 })]
    public void Quantile_breaks_split_the_values_evenly_between_ties(double[] values, int classes, double[] expected) =>
        ChoroplethMap.QuantileBreaks(values, classes).ShouldBe(expected);

    [Theory]
    [InlineData(MapPolarity.HigherIsBetter, "Darker = higher (better)")]
    [InlineData(MapPolarity.LowerIsBetter, "Darker = higher (worse)")]
    [InlineData(MapPolarity.Neither, "Darker = higher")]
    public void The_key_says_which_way_is_better(MapPolarity polarity, string note)
    {
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", Values(), new ChoroplethOptions { Polarity = polarity });

        map.ShadingNote.ShouldBe(note);
        Parse(map).Descendants(SvgNs + "text").First().Value.ShouldBe(note);
    }

    [Fact]
    public void The_key_covers_no_area()
    {
        var longest = Uk.Areas.MaxBy(a => a.Name.Length)!;
        var maps = new[]
        {
            ChoroplethMap.Draw(Uk, "Test", "Test.", Values(everyNthMissing: 9), new ChoroplethOptions { Highlight = longest.Code, Polarity = MapPolarity.LowerIsBetter }),
            ChoroplethMap.Draw(Uk, "Test", "Test.", Values(everyNthMissing: 9), new ChoroplethOptions { Classes = 7 }),
        };
        var vertices = Uk.Areas.SelectMany(a => MapGeometry.Points(a.Path)).ToList();
        foreach (var map in maps)
        {
            var key = Parse(map).Descendants(SvgNs + "g").Single(g => (string?)g.Attribute("class") == "app-map__key");
            foreach (var box in KeyBoxes(key))
            {
                vertices.ShouldNotContain(p => p.X >= box.MinX && p.X <= box.MaxX && p.Y >= box.MinY && p.Y <= box.MaxY, $"key box {box}");
            }
        }
    }

    [Fact]
    public void The_whole_UK_map_with_links_and_a_highlight_is_under_250_KB()
    {
        var map = ChoroplethMap.Draw(Uk, "Share of homes with gigabit broadband", "By council, 2024.",
            Values(a => $"/places/{a.Code}"), new ChoroplethOptions { Highlight = "S12000036", Polarity = MapPolarity.HigherIsBetter });

        Encoding.UTF8.GetByteCount(map.Svg).ShouldBeLessThan(250 * 1024);
    }

    [Fact]
    public void Codes_outside_the_boundary_set_are_reported_not_drawn()
    {
        var values = Values().Append(new ChoroplethValue("E10000002", "Buckinghamshire (county)", 50, "50%")).ToList();
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", values);

        map.Unmapped.ShouldBe(["E10000002"]);
        AreaPaths(Parse(map)).Count.ShouldBe(361);
        map.Attribution.ShouldContain("Open Government Licence");
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var twice = Values().Take(2).Concat(Values().Take(1));
        Should.Throw<ArgumentException>(() => ChoroplethMap.Draw(Uk, "Test", "Test.", twice)).Message.ShouldContain("E06000001");
        Should.Throw<ArgumentException>(() => ChoroplethMap.Draw(Uk, "Test", "Test.", Values(), new ChoroplethOptions { Id = "bad id\"" }));
        Should.Throw<ArgumentException>(() => ChoroplethMap.Draw(Uk, "Test", "Test.", Values(), new ChoroplethOptions { Classes = 8 }));
        Should.Throw<ArgumentException>(() => ChoroplethMap.Draw(Uk, "Test", "Test.", Values(), new ChoroplethOptions { Breaks = [20, 10] }));
    }

    [Fact]
    public void Two_maps_on_one_page_use_their_own_ids()
    {
        var map = ChoroplethMap.Draw(Uk, "Test", "Test.", Values(everyNthMissing: 5), new ChoroplethOptions { Id = "broadband-map" });
        var svg = Parse(map);

        ((string?)svg.Attribute("aria-labelledby")).ShouldBe("broadband-map-title broadband-map-desc");
        AreaPaths(svg).ShouldContain(p => (string?)p.Attribute("fill") == "url(#broadband-map-no-data)");
    }

    /// <summary>The key's swatches, and its text at a generous 0.6 em a character, as boxes.</summary>
    private static IEnumerable<MapBounds> KeyBoxes(XElement key)
    {
        var fontSize = double.Parse((string)key.Attribute("font-size")!, CultureInfo.InvariantCulture);
        double Number(XElement e, string name) => double.Parse((string)e.Attribute(name)!, CultureInfo.InvariantCulture);
        foreach (var rect in key.Elements(SvgNs + "rect"))
        {
            yield return new MapBounds(Number(rect, "x"), Number(rect, "y"), Number(rect, "x") + Number(rect, "width"), Number(rect, "y") + Number(rect, "height"));
        }
        foreach (var text in key.Elements(SvgNs + "text"))
        {
            var (x, baseline) = (Number(text, "x"), Number(text, "y"));
            yield return new MapBounds(x, baseline - fontSize, x + text.Value.Length * fontSize * 0.6, baseline + fontSize * 0.3);
        }
    }
}
