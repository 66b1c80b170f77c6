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
    public void Every_item_says_why_it_sits_at_its_strength_and_why_it_has_each_pillar_and_area_of_focus()
    {
        bool IsA(ElementRef e, string framework, string kind) => e.FrameworkId == framework && Frameworks.FindElement(e)?.Kind == kind;
        foreach (var item in Shipped.Items)
        {
            item.StrengthReason.ShouldNotBeNullOrWhiteSpace(item.Id);
            var pillars = item.Elements.Where(e => IsA(e, "four-rs", "pillar")).ToList();
            var areas = item.Elements.Where(e => IsA(e, "place-making", "area-of-focus")).ToList();
            pillars.ShouldNotBeEmpty(item.Id);
            (areas.Count > 0 || item.NoAreaOfFocus is not null).ShouldBeTrue(item.Id);
            foreach (var tag in pillars.Concat(areas))
            {
                item.BecauseOf(tag).ShouldNotBeNullOrWhiteSpace($"{item.Id} {tag}");
            }
        }
        // The few whose source names no area of focus say so; they are not the rule.
        Shipped.Items.Count(i => i.NoAreaOfFocus is not null).ShouldBeLessThan(Shipped.Items.Count / 20);
    }

    [Fact]
    public void No_two_items_share_a_summary_or_the_opening_sentence_a_list_shows()
    {
        static string Normal(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
        static string Opening(string summary) => Normal(summary.Split(". ", 2)[0]);
        var sameSummary = Shipped.Items.GroupBy(i => Normal(i.Summary)).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(i => i.Id))).ToList();
        sameSummary.ShouldBeEmpty();
        var sameOpening = Shipped.Items.GroupBy(i => Opening(i.Summary)).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(i => i.Id))).ToList();
        sameOpening.ShouldBeEmpty();
    }

    [Fact]
    public void Table_1_items_of_one_area_of_focus_share_their_pillars_by_one_rule()
    {
        var table1 = Shipped.Collections.Single(c => c.Id == "rr-table-1").Items;
        foreach (var area in Frameworks.Find("place-making")!.AllElements().Where(e => e.Kind == "area-of-focus"))
        {
            var pillarSets = table1.Where(i => i.Elements.Contains(area.Ref))
                .Select(i => string.Join(",", i.Elements.Where(e => e.FrameworkId == "four-rs").Select(e => e.ElementId).Order(StringComparer.Ordinal)))
                .Distinct().ToList();
            pillarSets.Count.ShouldBe(1, area.Name);
            pillarSets[0].ShouldNotBeEmpty(area.Name);
        }
        // The briefing presents Table 1's links as coming from local recovery and resilience plans.
        table1.ShouldAllBe(i => i.Kind == EvidenceKind.PolicyPaper);
    }

    private const string OneItem = """
        id: one
        name: One
        description: A test collection.
        items:
          - id: plan
            title: A plan
            kind: policy-paper
            summary: A council's plan.
            places: []
            elements:
        {0}
            strength: 1
        {1}
            status: promising
            source:
              file: recovery-and-resilience-policy-briefing.txt
              section: Table 1
        """;

    private static (EvidenceCollection? Collection, IReadOnlyList<ContentProblem> Problems) ReadShipped(string elements, string extra) =>
        EvidenceReader.Read("data/evidence/one.yaml", string.Format(System.Globalization.CultureInfo.InvariantCulture, OneItem, elements, extra), "one",
            Frameworks.Contains, c => Places.Find(c) is not null, elementKind: e => Frameworks.FindElement(e)?.Kind);

    private const string Justified = """
              - element: four-rs/reform
                because: It sets a standard for public services.
              - element: place-making/water
                because: Table 1 cites it for water.
        """;

    [Fact]
    public void A_shipped_item_with_its_reasons_is_read_with_them()
    {
        var (collection, problems) = ReadShipped(Justified, "    strength-reason: A plan with no measured result.");
        problems.ShouldBeEmpty();
        var item = collection!.Items.Single();
        item.StrengthReason.ShouldBe("A plan with no measured result.");
        item.BecauseOf(new ElementRef("four-rs", "reform")).ShouldBe("It sets a standard for public services.");
        item.Elements.ShouldBe([new ElementRef("four-rs", "reform"), new ElementRef("place-making", "water")]);
    }

    [Fact]
    public void A_shipped_item_without_a_strength_reason_is_refused_naming_the_file_the_item_and_the_field()
    {
        var (collection, problems) = ReadShipped(Justified, "");
        collection.ShouldBeNull();
        var problem = problems.ShouldHaveSingleItem();
        problem.File.ShouldBe("data/evidence/one.yaml");
        problem.Field.ShouldBe("items[0].strength-reason");
        problem.Line.ShouldBe(5);
        problem.Message.ShouldContain("'plan'");
    }

    [Fact]
    public void A_shipped_item_needs_a_pillar_and_an_area_of_focus_each_with_because()
    {
        const string reason = "    strength-reason: A plan.";
        var (_, noPillar) = ReadShipped("      - element: place-making/water\n        because: Table 1 cites it for water.", reason);
        noPillar.ShouldContain(p => p.Field == "items[0].elements" && p.Message.Contains("4Rs pillar") && p.Message.Contains("'plan'"));

        var (_, noArea) = ReadShipped("      - element: four-rs/reform\n        because: Public services.", reason);
        noArea.ShouldContain(p => p.Field == "items[0].elements" && p.Message.Contains("area of focus"));

        var (_, bare) = ReadShipped("      - four-rs/reform\n      - place-making/water", reason);
        bare.Count.ShouldBe(2);
        bare.ShouldContain(p => p.Message.Contains("'four-rs/reform'") && p.Message.Contains("needs because"));
        bare.ShouldContain(p => p.Message.Contains("'place-making/water'") && p.Message.Contains("needs because"));

        var (_, emptyBecause) = ReadShipped("      - element: four-rs/reform\n        because: ''\n      - element: place-making/water\n        because: Water.", reason);
        emptyBecause.ShouldContain(p => p.Field == "items[0].elements[0].because");
    }

    [Fact]
    public void An_item_whose_source_names_no_area_of_focus_says_why_and_cannot_also_claim_one()
    {
        var (collection, problems) = ReadShipped("      - element: four-rs/reform\n        because: Public services.",
            "    strength-reason: A plan.\n    no-area-of-focus: The source names no area.");
        problems.ShouldBeEmpty();
        collection!.Items.Single().NoAreaOfFocus.ShouldBe("The source names no area.");

        var (_, both) = ReadShipped(Justified, "    strength-reason: A plan.\n    no-area-of-focus: The source names no area.");
        both.ShouldContain(p => p.Field == "items[0].no-area-of-focus");
    }

    [Fact]
    public void A_contribution_needs_no_reasons_but_keeps_those_it_gives_through_the_writer()
    {
        var item = new EvidenceItem
        {
            Id = "contributed",
            Title = "Contributed",
            Kind = EvidenceKind.CaseStudy,
            Summary = "Something was done.",
            Elements = [new("four-rs", "renew"), new("place-making", "community")],
            TagReasons = [new(new("four-rs", "renew"), "Neighbours ran it together.")],
            Strength = 2,
            StrengthReason = "Attendance rose, with no comparison.",
            Status = WhatWorksStatus.Promising,
        };
        var (back, problems) = EvidenceReader.CheckItem(item, Frameworks.Contains, c => Places.Find(c) is not null);
        problems.ShouldBeEmpty();
        back!.StrengthReason.ShouldBe(item.StrengthReason);
        back.TagReasons.ShouldBe(item.TagReasons);
        var (plain, plainProblems) = EvidenceReader.CheckItem(item with { StrengthReason = null, TagReasons = [] }, Frameworks.Contains, c => Places.Find(c) is not null);
        plainProblems.ShouldBeEmpty();
        plain!.TagReasons.ShouldBeEmpty();
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
