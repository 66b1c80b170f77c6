using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Observatory.Web.Setup;

/// <summary>
/// How large a request body each kind of route takes. The API answers GETs and one stateless POST (scoring answers to a template, a few kilobytes), so it takes little; a form
/// page takes a form (the evidence form, the largest, holds at most 50,000 characters of body text); an upload page
/// declares its own limit with <c>[RequestSizeLimit]</c> (framework files 2 MB, indicator files 100 MB). A body past its
/// route's limit is refused with 413 before anything reads it, when its length is declared, or when reading reaches
/// the limit otherwise — never held whole, never a 500.
/// </summary>
public static class RequestLimits
{
    public const long ApiBodyBytes = 64 * 1024;

    public const long FormBodyBytes = 1024 * 1024;

    /// <summary>One form field's value; the evidence body (50,000 characters, each up to 9 bytes once URL-encoded) fits.</summary>
    public const int FormValueBytes = 512 * 1024;

    public static IServiceCollection AddObservatoryRequestLimits(this IServiceCollection services) =>
        // The multipart limit stays wide: the request body limit of each route already bounds it, uploads included.
        services.Configure<FormOptions>(options => options.ValueLengthLimit = FormValueBytes);

    /// <summary>After routing, so each request's limit is its endpoint's.</summary>
    public static IApplicationBuilder UseObservatoryRequestLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null)
            {
                // An upload page: routing has applied its own limit, and the page tells the person in its own words.
                await next(context);
                return;
            }
            var limit = context.Request.IsApiRequest() ? ApiBodyBytes : FormBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
            {
                // A body without a declared length that ran past the limit while being read.
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            }
            catch (InvalidDataException) when (context.Request.HasFormContentType && !context.Response.HasStarted)
            {
                // A form past the form reader's own limits (a field longer than FormValueBytes, too many fields).
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        });
}
