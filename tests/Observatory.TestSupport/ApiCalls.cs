using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Observatory.Testing;

/// <summary>Calls to the JSON API as a script makes them, answering the status and the parsed body.</summary>
public static class ApiCalls
{
    /// <summary>
    /// Sends <paramref name="body"/> as JSON (none when null). The body comes back parsed when the answer is JSON and
    /// as <c>default</c> otherwise (an empty 204, or a refusal page), so a test can assert on the status first.
    /// </summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart();
        return (response.StatusCode, text.StartsWith('{') || text.StartsWith('[') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }
}
