using Observatory.Web.Features.Areas;
using Observatory.Web.Features.Assessments;
using Observatory.Web.Features.Decisions;
using Observatory.Web.Features.Evidence;
using Observatory.Web.Features.Frameworks;
using Observatory.Web.Features.Indicators;
using Observatory.Web.Features.Indices;
using Observatory.Web.Features.Plans;
using Observatory.Web.Features.Portraits;
using Observatory.Web.Features.Registers;
using Observatory.Web.Features.Surveys;

namespace Observatory.Web.Setup;

/// <summary>The JSON API under /api, described by the OpenAPI document at /openapi/v1.json.</summary>
public static class ApiSetup
{
    public static IServiceCollection AddObservatoryApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Connected Places Observatory API";
                document.Info.Description = "Frameworks, places, indicators, portraits, composite indices, similar areas, evidence and assessment templates for UK places, and organisations' own assessments (sign in, or send a personal access token as Authorization: Bearer; writing needs a token with the write scope). Errors are problem details (RFC 9457).";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static WebApplication MapObservatoryApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapFrameworksApi();
        app.MapAreasApi();
        app.MapIndicatorsApi();
        app.MapPortraitsApi();
        app.MapIndicesApi();
        app.MapEvidenceExportApi();
        app.MapEvidenceApi();
        app.MapAssessmentsApi();
        app.MapOrganisationAssessmentsApi();
        app.MapSurveysApi();
        app.MapBenchmarksApi();
        app.MapAlgorithmicImpactApi();
        app.MapImpactAssessmentsApi();
        app.MapPlansApi();
        app.MapAssessmentResultsPdf();
        app.MapDecisionsApi();
        app.MapRegistersApi();
        app.MapApplicationsApi();
        return app;
    }

    /// <summary>A 404 in problem-details form that says what was not found.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request was not valid", detail: detail);
}
