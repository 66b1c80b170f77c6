using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Observatory.Assessments.Surveys;

namespace Observatory.Web.Features.Surveys;

/// <summary>
/// "Surveys waiting for your answer" on an organisation's self-assessments page: each open survey sent to it that
/// it has not submitted, with its close date and a link to answer. Nothing when there is none.
/// </summary>
public sealed class SurveysWaitingViewComponent(SectorSurveys surveys) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string slug)
    {
        var waiting = await surveys.WaitingAsync(slug, HttpContext.RequestAborted);
        if (waiting.Count == 0)
        {
            return new HtmlContentViewComponentResult(HtmlString.Empty);
        }
        var html = new StringBuilder();
        html.Append("<h2 class=\"govuk-heading-l\" id=\"surveys-waiting\">Surveys waiting for your answer</h2><ul class=\"govuk-list\">");
        foreach (var w in waiting)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<li><a class=\"govuk-link\" href=\"/surveys/{w.Survey.Id}\">{WebUtility.HtmlEncode(w.Survey.Title)}</a> – {WebUtility.HtmlEncode(w.TemplateTitle)}. {(w.Response is null ? "Not started" : "Started, not submitted")}; closes on {SurveyWindow.Date(w.Survey.ClosesOn)}.</li>");
        }
        html.Append("</ul>");
        return new HtmlContentViewComponentResult(new HtmlString(html.ToString()));
    }
}
