using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Observatory.Indicators;
using Observatory.Places;

namespace Observatory.Cli.Commands;

/// <summary>observatory export &lt;indicator&gt;: an indicator's data as ELS CSV, Open SDG CSV or CSVW metadata.</summary>
public static class ExportCommand
{
    public static Command Create(CliConsole console)
    {
        var indicator = new Argument<string>("indicator") { Description = "The indicator's id, e.g. claimant-count." };
        var format = new Option<string>("--format") { Description = "els (default), opensdg or csvw (metadata for the ELS CSV).", DefaultValueFactory = _ => "els" };
        format.AcceptOnlyFromAmong("els", "opensdg", "csvw");
        var output = new Option<string?>("--out") { Description = "File to write; standard output without it." };
        var command = new Command("export", "Export an indicator's observations.") { indicator, format, output };
        command.SetAction((parse, ct) => console.Run(async () =>
        {
            await using var services = CliServices.Build(parse);
            await using var scope = services.CreateAsyncScope();
            var catalogue = services.GetRequiredService<IndicatorCatalogue>();
            var id = parse.GetValue(indicator)!;
            var definition = catalogue.Find(id) ?? throw new CommandException($"There is no indicator '{id}'. Run 'observatory import --help' or see /indicators for the catalogue.", ExitCodes.Usage);
            var queries = scope.ServiceProvider.GetRequiredService<ObservationQueries>();
            var chosen = parse.GetValue(format)!;
            var text = chosen switch
            {
                "csvw" => ObservationExport.ToCsvwMetadata(definition, catalogue.FindDataset(definition.DatasetId)!, $"{definition.Id}.csv"),
                "opensdg" => ObservationExport.ToOpenSdgCsv(definition, await queries.ForIndicatorAsync(definition.Id, allBreakdowns: true, cancellationToken: ct)),
                _ => ObservationExport.ToElsCsv(definition, await queries.ForIndicatorAsync(definition.Id, cancellationToken: ct), services.GetRequiredService<PlaceRegistry>()),
            };
            return await console.WriteOutputAsync(text, parse.GetValue(output), ct);
        }));
        return command;
    }
}
