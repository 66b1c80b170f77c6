using Observatory.Content;
using Observatory.Evidence;
using Observatory.Frameworks;
using Observatory.Places;
using Shouldly;
using Xunit;

namespace Observatory.Core.Tests.Evidence;

/// <summary>The data-file writer: what it writes, the reader reads back to the same items.</summary>
public sealed class EvidenceWriterTests
{
    private static readonly DataFolder Data = DataFolder.Locate();
    private static readonly FrameworkCatalogue Frameworks = FrameworkCatalogue.LoadShipped(Data);
    private static readonly PlaceRegistry Places = PlaceRegistry.LoadShipped(Data);
    private static readonly ShippedEvidence Shipped = ShippedEvidence.LoadShipped(Data, Frameworks, Places);

    [Fact]
    public void Every_shipped_collection_written_and_read_back_gives_the_same_items()
    {
        foreach (var collection in Shipped.Collections)
        {
            var text = EvidenceWriter.ToYaml(collection.Id, collection.Name, collection.Description, collection.Items);
            var (back, problems) = EvidenceReader.Read($"{collection.Id}.yaml", text, collection.Id, Frameworks.Contains, c => Places.Find(c) is not null);
            problems.ShouldBeEmpty(collection.Id);
            back!.Name.ShouldBe(collection.Name);
            back.Description.ShouldBe(collection.Description);
            back.Items.Select(EvidenceRecord.Serialise).ShouldBe(collection.Items.Select(EvidenceRecord.Serialise), collection.Id);
        }
    }

    [Fact]
    public void Text_that_looks_like_another_type_stays_text_and_a_body_is_a_literal_block()
    {
        var item = new EvidenceItem
        {
            Id = "odd",
            Title = "true",
            Kind = EvidenceKind.Briefing,
            Summary = "2021",
            Body = "First paragraph: with a colon.\n\n- a list\n- # not a comment\n",
            Organisations = ["null", "~", "'quoted'"],
            Links = [new("Yes", "https://example.org/?a=1&b=#x")],
            Elements = [new("four-rs", "renew")],
            Strength = 2,
            Status = WhatWorksStatus.Evidenced,
            Anonymous = true,
        };
        var text = EvidenceWriter.ToYaml("odd", "Odd", "Odd values.", [item]);
        text.ShouldContain("body: |");
        var (back, problems) = EvidenceReader.Read("odd.yaml", text, "odd", Frameworks.Contains, c => Places.Find(c) is not null, requireSource: false);
        problems.ShouldBeEmpty();
        EvidenceRecord.Serialise(back!.Items[0]).ShouldBe(EvidenceRecord.Serialise(item with { Body = item.Body!.Trim(), Collection = "odd" }));
    }

    [Fact]
    public void Checking_one_item_reports_its_own_fields_by_the_data_file_rules()
    {
        var item = new EvidenceItem
        {
            Id = "x",
            Title = new string('t', EvidenceItem.MaxTitleLength + 1),
            Kind = EvidenceKind.CaseStudy,
            Summary = " ",
            Places = ["E08000010", "E99999999"],
            Links = [new("Bad", "ftp://example.org")],
            Elements = [],
            Strength = 9,
            Status = WhatWorksStatus.Promising,
        };
        var (checkedItem, problems) = EvidenceReader.CheckItem(item, Frameworks.Contains, c => Places.Find(c) is not null);
        checkedItem.ShouldBeNull();
        problems.Select(p => p.Field).ShouldBe(["title", "summary", "places[1]", "links[0].url", "elements", "strength"], ignoreOrder: true);
        problems.ShouldAllBe(p => p.Line == 0 && p.File == "");
    }
}
