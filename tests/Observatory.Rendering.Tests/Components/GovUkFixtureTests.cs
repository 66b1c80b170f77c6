namespace Observatory.Rendering.Tests.Components;

/// <summary>
/// Each GOV.UK component, rendered from the options of every GOV.UK Frontend fixture, must produce the same
/// page structure as the fixture's reference HTML (compared through <see cref="HtmlNormaliser"/>).
/// </summary>
public sealed class GovUkFixtureTests
{
    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "skip-link", MemberType = typeof(GovUkFixtures))]
    public void SkipLink(string fixture) => AssertMatchesFixture("skip-link", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "service-navigation", MemberType = typeof(GovUkFixtures))]
    public void ServiceNavigation(string fixture) => AssertMatchesFixture("service-navigation", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "generic-header", MemberType = typeof(GovUkFixtures))]
    public void GenericHeader(string fixture) => AssertMatchesFixture("generic-header", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "phase-banner", MemberType = typeof(GovUkFixtures))]
    public void PhaseBanner(string fixture) => AssertMatchesFixture("phase-banner", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "footer", MemberType = typeof(GovUkFixtures))]
    public void Footer(string fixture) => AssertMatchesFixture("footer", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "breadcrumbs", MemberType = typeof(GovUkFixtures))]
    public void Breadcrumbs(string fixture) => AssertMatchesFixture("breadcrumbs", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "back-link", MemberType = typeof(GovUkFixtures))]
    public void BackLink(string fixture) => AssertMatchesFixture("back-link", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "summary-list", MemberType = typeof(GovUkFixtures))]
    public void SummaryList(string fixture) => AssertMatchesFixture("summary-list", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "table", MemberType = typeof(GovUkFixtures))]
    public void Table(string fixture) => AssertMatchesFixture("table", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "tag", MemberType = typeof(GovUkFixtures))]
    public void Tag(string fixture) => AssertMatchesFixture("tag", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "inset-text", MemberType = typeof(GovUkFixtures))]
    public void InsetText(string fixture) => AssertMatchesFixture("inset-text", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "details", MemberType = typeof(GovUkFixtures))]
    public void Details(string fixture) => AssertMatchesFixture("details", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "warning-text", MemberType = typeof(GovUkFixtures))]
    public void WarningText(string fixture) => AssertMatchesFixture("warning-text", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "notification-banner", MemberType = typeof(GovUkFixtures))]
    public void NotificationBanner(string fixture) => AssertMatchesFixture("notification-banner", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "panel", MemberType = typeof(GovUkFixtures))]
    public void Panel(string fixture) => AssertMatchesFixture("panel", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "error-summary", MemberType = typeof(GovUkFixtures))]
    public void ErrorSummary(string fixture) => AssertMatchesFixture("error-summary", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "error-message", MemberType = typeof(GovUkFixtures))]
    public void ErrorMessage(string fixture) => AssertMatchesFixture("error-message", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "hint", MemberType = typeof(GovUkFixtures))]
    public void Hint(string fixture) => AssertMatchesFixture("hint", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "label", MemberType = typeof(GovUkFixtures))]
    public void Label(string fixture) => AssertMatchesFixture("label", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "fieldset", MemberType = typeof(GovUkFixtures))]
    public void Fieldset(string fixture) => AssertMatchesFixture("fieldset", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "input", MemberType = typeof(GovUkFixtures))]
    public void Input(string fixture) => AssertMatchesFixture("input", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "textarea", MemberType = typeof(GovUkFixtures))]
    public void Textarea(string fixture) => AssertMatchesFixture("textarea", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "select", MemberType = typeof(GovUkFixtures))]
    public void Select(string fixture) => AssertMatchesFixture("select", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "radios", MemberType = typeof(GovUkFixtures))]
    public void Radios(string fixture) => AssertMatchesFixture("radios", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "checkboxes", MemberType = typeof(GovUkFixtures))]
    public void Checkboxes(string fixture) => AssertMatchesFixture("checkboxes", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "date-input", MemberType = typeof(GovUkFixtures))]
    public void DateInput(string fixture) => AssertMatchesFixture("date-input", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "file-upload", MemberType = typeof(GovUkFixtures))]
    public void FileUpload(string fixture) => AssertMatchesFixture("file-upload", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "pagination", MemberType = typeof(GovUkFixtures))]
    public void Pagination(string fixture) => AssertMatchesFixture("pagination", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "button", MemberType = typeof(GovUkFixtures))]
    public void Button(string fixture) => AssertMatchesFixture("button", fixture);

    [Theory]
    [MemberData(nameof(GovUkFixtures.Compared), "character-count", MemberType = typeof(GovUkFixtures))]
    public void CharacterCount(string fixture) => AssertMatchesFixture("character-count", fixture);

    private static void AssertMatchesFixture(string component, string fixtureName)
    {
        var fixture = GovUkFixtures.Load(component).Single(f => f.Name == fixtureName);
        var expected = HtmlNormaliser.Normalise(fixture.Html);
        var actual = HtmlNormaliser.Normalise(GovUkFixtures.Render(component, fixture));
        if (actual != expected)
        {
            Assert.Fail(
                $"{component} fixture '{fixtureName}' differs from GOV.UK Frontend's reference.\n" +
                $"Options: {fixture.Options.ToJsonString()}\n\n" +
                $"Expected (GOV.UK Frontend):\n{expected}\nActual (ours):\n{actual}");
        }
    }
}
