namespace Observatory.Rendering.Components.GovUk;

/// <summary>
/// GOV.UK Design System components (GOV.UK Frontend 6.6.0), one method per component, each producing the markup
/// of that component's Nunjucks macro for the same options. Text options are HTML-encoded; <c>Html</c> options are
/// written as they are, so they must only ever hold markup built by our own code, never user input.
/// </summary>
/// <remarks>
/// The markup is checked against GOV.UK Frontend's own fixtures by the tests, so when upgrading GOV.UK Frontend,
/// run them and follow the template changes they reveal.
/// </remarks>
public static partial class GovUk;
