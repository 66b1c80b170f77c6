using Observatory.Outcomes;

namespace Observatory.Accounts;

/// <summary>
/// The address people reach the Observatory at, from which every link it mails (invitations, password resets) is
/// built. It is configured, never taken from a request: a request names whatever host its sender likes, and a reset
/// link built from it would carry the secret to that host.
/// </summary>
public sealed class PublicAddress
{
    /// <summary>The embedded default, where the Observatory serves only the machine it runs on.</summary>
    public static readonly PublicAddress Local = new(new Uri("http://localhost/"));

    private PublicAddress(Uri baseUrl) => BaseUrl = baseUrl;

    /// <summary>Scheme, host, port and path prefix, always ending in '/'.</summary>
    public Uri BaseUrl { get; }

    public string Host => BaseUrl.Host;

    public bool IsHttps => BaseUrl.Scheme == Uri.UriSchemeHttps;

    /// <summary>An absolute http or https address with no query or fragment, such as https://observatory.example.gov.uk.</summary>
    public static Outcome<PublicAddress> Parse(string text)
    {
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            return Refusal.Invalid("PublicBaseUrl",
                $"The public address '{text}' must be an absolute http or https address with no query, such as https://observatory.example.gov.uk");
        }
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new PublicAddress(new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri);
    }

    /// <summary>The absolute link to <paramref name="path"/> (relative to the Observatory's root).</summary>
    public string Link(string path) => new Uri(BaseUrl, path.TrimStart('/')).AbsoluteUri;

    public override string ToString() => BaseUrl.AbsoluteUri;
}
