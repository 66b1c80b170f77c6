using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Accounts;
using Observatory.Content;
using Observatory.Storage;

namespace Observatory.Bench.Serving;

/// <summary>How long after a write a node first served it, and whether it served the old page again after that.</summary>
/// <remarks>
/// <see cref="FirstShownSentSeconds"/> is when the first request whose answer showed it was sent, and
/// <see cref="FirstShownSeconds"/> when that answer came back: under load the page's own time is the difference.
/// </remarks>
internal sealed record Freshness(string Node, double? FirstShownSentSeconds, double? FirstShownSeconds, int Polls, int StaleAfterShown, double PollP50Ms);

/// <summary>
/// An officer at a node's pages: signs in, imports a file through the Import page (the form a person uses, so the
/// write goes through that node), and watches a page until it shows what was imported.
/// </summary>
internal sealed partial class SiteClient : IDisposable
{
    private readonly HttpClient _client;

    private SiteClient(Uri baseAddress)
    {
        var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        _client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>A site administrator made directly in the database, as <c>observatory users create-admin</c> does.</summary>
    public static async Task CreateAdministratorAsync(string database, string email, string password)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddObservatoryCore(DataFolder.Locate(), DatabaseSettings.Resolve(database));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var made = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateSiteAdministratorAsync(email, "Serving benchmark", password);
        if (!made.Succeeded(out _, out var refusal))
        {
            throw new InvalidOperationException($"could not create the benchmark's administrator: {refusal.Message}");
        }
    }

    public static async Task<SiteClient> SignInAsync(Uri baseAddress, string email, string password)
    {
        var site = new SiteClient(baseAddress);
        var token = await site.FormTokenAsync("/sign-in");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await site._client.PostAsync("/sign-in", form);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"signing in at {baseAddress} answered {(int)response.StatusCode}, not a redirect");
        }
        return site;
    }

    /// <summary>Imports <paramref name="csv"/> through the Import page; the seconds until its answer came back.</summary>
    public async Task<double> ImportAsync(string csv, string source)
    {
        var token = await FormTokenAsync("/indicators/import");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", Path.GetFileName(csv));
        form.Add(new StringContent("tidy"), "format");
        form.Add(new StringContent(source), "source");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var clock = Stopwatch.StartNew();
        using var response = await _client.PostAsync("/indicators/import", form);
        var body = await response.Content.ReadAsStringAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (response.StatusCode != HttpStatusCode.OK || body.Contains("There is a problem", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the import through {_client.BaseAddress} answered {(int)response.StatusCode}: {Excerpt(body)}");
        }
        return seconds;
    }

    /// <summary>
    /// Requests <paramref name="path"/> every 50 ms (start to start, or at once when an answer took longer) until it
    /// holds <paramref name="marker"/>, then for <paramref name="after"/> more, counting any answer without it.
    /// </summary>
    public static async Task<Freshness> WatchAsync(HttpClient client, string node, Uri url, string marker, TimeSpan limit, TimeSpan after)
    {
        var since = Stopwatch.StartNew();
        double? shown = null;
        double? sent = null;
        var polls = 0;
        var stale = 0;
        var times = new List<double>();
        while (since.Elapsed < limit && (shown is null || since.Elapsed.TotalSeconds < shown + after.TotalSeconds))
        {
            var started = since.Elapsed;
            string body;
            try
            {
                body = await client.GetStringAsync(url);
            }
            catch (HttpRequestException)
            {
                body = "";
            }
            polls++;
            times.Add((since.Elapsed - started).TotalMilliseconds);
            var has = body.Contains(marker, StringComparison.Ordinal);
            if (has && shown is null)
            {
                shown = since.Elapsed.TotalSeconds;
                sent = started.TotalSeconds;
            }
            else if (!has && shown is not null)
            {
                stale++;
            }
            var wait = TimeSpan.FromMilliseconds(50) - (since.Elapsed - started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
        }
        times.Sort();
        return new Freshness(node, sent, shown, polls, stale, times.Count == 0 ? double.NaN : times[times.Count / 2]);
    }

    /// <summary>
    /// The indicator's data as the node gives it (the tidy CSV the API offers for editing), with a new year for every
    /// area that has the latest one — the same values, except <paramref name="area"/>'s, which is
    /// <paramref name="value"/> — as an officer adds a year to a whole indicator.
    /// </summary>
    public static async Task<(string Path, string Period)> WriteNewYearAsync(HttpClient client, string indicator, string area, double value, string file)
    {
        var text = await client.GetStringAsync($"/api/indicators/{indicator}/data.csv");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var header = lines[0].Split(',');
        int Column(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidOperationException($"no {name} column in {indicator}'s CSV");
        var (areaColumn, periodColumn, valueColumn) = (Column("area"), Column("period"), Column("value"));
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(r => r.Length == header.Length).ToList();
        var latest = rows.Select(r => r[periodColumn]).Where(p => YearPeriod().IsMatch(p)).Max(StringComparer.Ordinal)
            ?? throw new InvalidOperationException($"{indicator} has no yearly periods");
        var year = int.Parse(latest[..4], CultureInfo.InvariantCulture) + 1;
        var period = $"{year}-01-01/P1Y";
        var output = new StringBuilder(text.Length + 64 * 1024);
        output.Append(text.TrimEnd('\n', '\r')).Append('\n');
        foreach (var row in rows.Where(r => r[periodColumn] == latest && r[valueColumn].Length > 0))
        {
            var added = (string[])row.Clone();
            added[periodColumn] = period;
            if (added[areaColumn] == area)
            {
                added[valueColumn] = value.ToString(CultureInfo.InvariantCulture);
            }
            output.Append(string.Join(',', added)).Append('\n');
        }
        await File.WriteAllTextAsync(file, output.ToString());
        return (file, period);
    }

    public void Dispose() => _client.Dispose();

    private async Task<string> FormTokenAsync(string path)
    {
        var page = await _client.GetStringAsync(path);
        var match = AntiforgeryField().Match(page);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"no anti-forgery token on {path}");
    }

    private static string Excerpt(string body)
    {
        var text = Regex.Replace(body, "<[^>]+>", " ");
        text = Regex.Replace(text, @"\s+", " ");
        var at = text.IndexOf("There is a problem", StringComparison.Ordinal);
        return text.Substring(Math.Max(0, at), Math.Min(400, text.Length - Math.Max(0, at)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"^\d{4}-01-01/P1Y$")]
    private static partial Regex YearPeriod();
}
