using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence;

public sealed class ShippedEvidenceTests
{
    private static readonly DataFolder Data = DataFolder.Locate();
    private static readonly FrameworkCatalogue Frameworks = FrameworkCatalogue.LoadShipped(Data);
    private static readonly PlaceRegistry Places = PlaceRegistry.LoadShipped(Data);
    private static readonly ShippedEvidence Shipped = ShippedEvidence.LoadShipped(Data, Frameworks, Places);

    [Fact]
    public void Every_area_of_focus_in_table_1_has_its_six_councils()
    {
        var areas = Frameworks.Find("place-making")!.AllElements().Where(e => e.Kind == "area-of-focus").ToList();
        areas.Count.ShouldBe(16);
        var table1 = Shipped.Collections.Single(c => c.Id == "rr-table-1").Items;
        foreach (var area in areas)
        {
            var councils = table1.Where(i => i.Elements.Contains(area.Ref)).SelectMany(i => i.Places).Distinct().ToList();
            // The briefing lists six places for every area but one: "Equality in diversity" names five.
            var listed = area.Id == "equality-in-diversity" ? 5 : 6;
            table1.Count(i => i.Elements.Contains(area.Ref)).ShouldBe(listed, area.Name);
            councils.Count.ShouldBeGreaterThanOrEqualTo(listed, area.Name);
        }
    }

    [Fact]
    public void Planting_the_flag_has_an_item_for_each_of_its_eight_areas_with_example_places()
    {
        var areas = Frameworks.Find("planting-the-flag")!.AllElements().Where(e => e.Kind == "area-of-activity").ToList();
        areas.Count.ShouldBe(8);
        var items = Shipped.Collections.Single(c => c.Id == "planting-the-flag").Items;
        foreach (var area in areas)
        {
            items.ShouldContain(i => i.Elements.Contains(area.Ref) && i.Places.Count > 0, area.Name);
        }
    }

    [Fact]
    public void The_consultations_named_examples_are_loaded_on_their_places()
    {
        var items = Shipped.Collections.Single(c => c.Id == "consultation-2022").Items;
        items.ShouldContain(i => i.Title.Contains("BeWigan") && i.Places.Contains("E08000010"));
        items.ShouldContain(i => i.Title.Contains("Bristol") && i.Places.Contains("E06000023"));
        items.ShouldContain(i => i.Title.Contains("Amsterdam") && i.Places.Contains("NLD"));
    }

    [Fact]
    public void Every_item_cites_its_source_and_has_a_valid_strength()
    {
        Shipped.Items.Count.ShouldBeGreaterThan(100);
        Shipped.Items.Select(i => i.Id).ShouldBeUnique();
        Shipped.Items.ShouldAllBe(i => i.Source != null && i.Source.File.Length > 0 && i.Source.Section.Length > 0);
        Shipped.Items.ShouldAllBe(i => i.Strength >= 1 && i.Strength <= 5 && i.Elements.Count > 0);
    }

    [Fact]
    public void A_broken_item_is_refused_with_its_line_and_field()
    {
        const string text = """
            id: broken
            name: Broken
            description: A test collection.
            items:
              - id: one
                title: One
                kind: case-study
                summary: Something was done.
                places: [E99999999]
                elements: [place-making/no-such-element]
                strength: 7
                status: promising
            """;
        var (collection, problems) = EvidenceReader.Read("broken.yaml", text, "broken", Frameworks.Contains, c => Places.Find(c) is not null);
        collection.ShouldBeNull();
        problems.ShouldContain(p => p.Line == 9 && p.Field == "items[0].places[0]" && p.Message.Contains("E99999999"));
        problems.ShouldContain(p => p.Line == 10 && p.Field == "items[0].elements[0]" && p.Message.Contains("place-making/no-such-element"));
        problems.ShouldContain(p => p.Line == 11 && p.Field == "items[0].strength");
        problems.ShouldContain(p => p.Field == "items[0].source" && p.Message.Contains("required"));
    }

    [Fact]
    public void An_item_survives_the_trip_through_its_stored_document()
    {
        foreach (var item in Shipped.Items)
        {
            var record = EvidenceRecord.From(item, DateTime.UtcNow);
            var back = record.Item;
            back.Id.ShouldBe(item.Id);
            back.Elements.ShouldBe(item.Elements);
            back.Places.ShouldBe(item.Places);
            back.Links.ShouldBe(item.Links);
            back.Source.ShouldBe(item.Source);
            back.Kind.ShouldBe(item.Kind);
            back.Status.ShouldBe(item.Status);
            EvidenceRecord.Serialise(back).ShouldBe(record.Document);
        }
    }
}
