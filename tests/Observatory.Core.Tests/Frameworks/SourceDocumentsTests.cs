using Observatory.Content;
using Observatory.Frameworks;

namespace Observatory.Core.Tests.Frameworks;

/// <summary>Every document the catalogue cites can be opened: a link to the document itself, never a site's home page.</summary>
public sealed class SourceDocumentsTests
{
    private static readonly FrameworkCatalogue Catalogue = FrameworkCatalogue.LoadShipped(DataFolder.Locate());

    [Fact]
    public void Every_source_link_in_the_catalogue_is_an_https_address_of_the_document_not_a_home_page()
    {
        var citations = Catalogue.Frameworks.SelectMany(f => f.Sources
                .Concat(f.AllElements().Select(e => e.Source).OfType<SourceCitation>())
                .Concat(f.AllElements().SelectMany(e => e.Notes).Select(n => n.Source).OfType<SourceCitation>()))
            .Concat(Catalogue.Crosswalks.SelectMany(c => c.Sources))
            .ToList();
        citations.Count.ShouldBeGreaterThan(100);

        foreach (var file in citations.Select(c => c.File).Distinct())
        {
            var url = new SourceCitation(file, "").DocumentUrl.ShouldNotBeNull($"{file} has no address");
            var uri = new Uri(url);
            uri.Scheme.ShouldBe("https", url);
            uri.AbsolutePath.Trim('/').ShouldNotBeEmpty($"{url} is a home page");
        }
        SourceDocuments.All.ShouldAllBe(d => SourceDocuments.IsReadableAddress(d.Url));
        SourceDocuments.All.Select(d => d.Url).ShouldNotContain("https://socitm.net/");
    }

    [Fact]
    public void A_home_page_or_plain_http_address_is_refused_with_its_line()
    {
        var (documents, problems) = SourceDocuments.Read("documents.yaml", """
            documents:
              - file: a.txt
                title: A
                url: https://socitm.net/
              - file: b.txt
                title: B
                url: http://example.org/b
              - file: c.txt
                title: C
                url: https://example.org/c
            """);

        documents.Select(d => d.File).ShouldBe(["c.txt"]);
        problems.Select(p => (p.Line, p.Field)).ShouldBe([(4, "documents[0].url"), (7, "documents[1].url")]);
    }
}
