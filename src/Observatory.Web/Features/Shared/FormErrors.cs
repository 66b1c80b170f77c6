using Observatory.Rendering.Components.GovUk;

namespace Observatory.Web.Features.Shared;

/// <summary>
/// The errors of one form submission, in the order fields appear, for the GOV.UK error summary and the message
/// beside each field. A page with errors answers 400.
/// </summary>
public sealed class FormErrors
{
    private readonly List<(string Field, string Message)> _errors = [];

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message) => _errors.Add((field, message));

    public ErrorMessageOptions? For(string field) =>
        _errors.FirstOrDefault(e => e.Field == field) is { Message: { } m } ? new ErrorMessageOptions { Text = m } : null;

    public ErrorSummaryOptions Summary() => new()
    {
        TitleText = "There is a problem",
        ErrorList = [.. _errors.Select(e => new ErrorSummaryItem { Text = e.Message, Href = "#" + e.Field })],
    };
}
