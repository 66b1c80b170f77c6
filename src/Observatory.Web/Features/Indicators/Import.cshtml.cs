using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Observatory.Content;
using Observatory.Indicators;
using Observatory.Indicators.Importing;

namespace Observatory.Web.Features.Indicators;

/// <summary>
/// Uploads a file of indicator values (ONS Explore Local Statistics, Open SDG or tidy CSV) and imports it whole or
/// not at all. Indicator data is published statistics, so any contributor of any organisation (or a site
/// administrator) may import it; the import is recorded with who did it.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
[ImportModel.RefuseOversizeUpload]
public sealed class ImportModel(ObservationImporter importer, Observatory.Accounts.CurrentActor current) : PageModel
{
    public const long MaxUploadBytes = 100L * 1024 * 1024;

    /// <summary>The file plus room for the form's other fields and multipart boundaries.</summary>
    public const long MaxRequestBytes = MaxUploadBytes + 1024 * 1024;

    public const int MaxSourceLength = 200;
    public const string TooLargeMessage = "The selected file must be smaller than 100 MB";

    public const string Detect = "detect";

    /// <summary>The format radios' values; <see cref="Detect"/> means tell from the header row.</summary>
    public static readonly IReadOnlyDictionary<string, DataFormat?> Formats = new Dictionary<string, DataFormat?>
    {
        [Detect] = null,
        ["els"] = DataFormat.Els,
        ["opensdg"] = DataFormat.OpenSdg,
        ["tidy"] = DataFormat.Tidy,
    };

    public sealed record Problem(string Text, string Href);

    [BindProperty]
    public string? Format { get; set; }

    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public string? OpenSdgIndicator { get; set; }

    public List<Problem> Problems { get; } = [];
    public string? FileError { get; private set; }
    public string? SourceError { get; private set; }
    public string? FormatError { get; private set; }
    public ImportOutcome? Outcome { get; private set; }

    public IActionResult OnGet([FromQuery(Name = "too-large")] bool tooLarge = false)
    {
        if (!Observatory.Accounts.AccessPolicy.CanImportIndicatorData(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (tooLarge)
        {
            Refuse("file", TooLargeMessage);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!Observatory.Accounts.AccessPolicy.CanImportIndicatorData(current.Actor))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        Format = string.IsNullOrWhiteSpace(Format) ? Detect : Format.Trim();
        if (file is null || file.Length == 0)
        {
            Refuse("file", "Select a file of indicator data");
        }
        else if (file.Length > MaxUploadBytes)
        {
            Refuse("file", TooLargeMessage);
        }
        else if (!string.Equals(Path.GetExtension(file.FileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            Refuse("file", "The selected file must be a CSV file (.csv)");
        }
        if (!Formats.TryGetValue(Format, out var format))
        {
            Refuse("format", "Select the file's format, or ‘Tell from the header row’");
        }
        Source = Source?.Trim();
        if (string.IsNullOrEmpty(Source))
        {
            Refuse("source", "Enter where the data comes from");
        }
        else if (Source.Length > MaxSourceLength)
        {
            Refuse("source", $"Where the data comes from must be {MaxSourceLength} characters or fewer");
        }
        if (Problems.Count > 0)
        {
            return Refused();
        }
        var fileName = Path.GetFileName(file!.FileName);
        await using var stream = file.OpenReadStream();
        var openSdg = string.IsNullOrWhiteSpace(OpenSdgIndicator) ? null : OpenSdgIndicator.Trim();
        var imported = await importer.ImportAsync(stream, new ImportRequest(fileName, Source!, current.Actor.Name, format, openSdg), cancellationToken: cancellationToken);
        if (imported.Succeeded(out var outcome, out var refusal))
        {
            Outcome = outcome;
            return Page();
        }
        // Every problem in the error summary, each linking to the file field, which says how many there are.
        var problems = refusal.Problems;
        foreach (var problem in problems)
        {
            Problems.Add(new Problem(Describe(problem), "#file"));
        }
        FileError = problems.Count == 1 ? Problems[0].Text : $"The file has {(problems.Count >= ObservationReader.MaxProblemsReported ? "at least " : "")}{problems.Count} problems, listed above";
        ModelState.AddModelError("file", FileError);
        return Refused();
    }

    /// <summary>"claimant.csv line 12, column 3: value: is not a number" — where to look first, then what is wrong.</summary>
    public static string Describe(ContentProblem problem)
    {
        var where = problem.Line > 0 ? $"{problem.File} line {problem.Line}{(problem.Column > 0 ? $", column {problem.Column}" : "")}" : problem.File;
        return string.IsNullOrEmpty(problem.Field) ? $"{where}: {problem.Message}" : $"{where}: {problem.Field}: {problem.Message}";
    }

    private void Refuse(string field, string message)
    {
        switch (field)
        {
            case "file":
                FileError = message;
                break;
            case "source":
                SourceError = message;
                break;
            default:
                FormatError = message;
                break;
        }
        Problems.Add(new Problem(message, field == "format" ? "#format" : "#" + field));
        ModelState.AddModelError(field, message);
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>
    /// Turns away a body larger than the limit before anything reads it. Without this the anti-forgery check,
    /// which reads the form first, would fail on the oversized body and the reader would see a bare "Bad request"
    /// rather than why. Sending them back to the form keeps the message where they can act on it.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    public sealed class RefuseOversizeUploadAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
    {
        public int Order => int.MinValue;

        public void OnAuthorization(AuthorizationFilterContext context)
        {
            if (HttpMethods.IsPost(context.HttpContext.Request.Method) && context.HttpContext.Request.ContentLength > MaxRequestBytes)
            {
                context.Result = new RedirectResult("/indicators/import?too-large=true");
            }
        }
    }
}
