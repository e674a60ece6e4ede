using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;
using IConfiguration = Microsoft.Extensions.Configuration.IConfiguration;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.FollowUp.Statistics;

/// <summary>The period and filters as typed in the page, the exports and the API; French messages for bad input.</summary>
public sealed class StatisticsInput
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public Guid? SiteId { get; set; }
    public Guid? TeamId { get; set; }

    public static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToParis().DateTime);

    /// <summary>The filter, the current calendar year by default; or the errors (field → French message).</summary>
    public (StatisticsFilter? Filter, Dictionary<string, string> Errors) Resolve()
    {
        var errors = new Dictionary<string, string>();
        var year = Today.Year;
        var from = From ?? new DateOnly(year, 1, 1);
        var to = To ?? new DateOnly(year, 12, 31);
        if (from > to) errors[nameof(To)] = "La date de fin doit être postérieure ou égale à la date de début.";
        else if (to.DayNumber - from.DayNumber > 366 * 10) errors[nameof(To)] = "La période ne peut pas dépasser dix ans.";
        return errors.Count > 0 ? (null, errors) : (new StatisticsFilter(from, to, SiteId, TeamId), errors);
    }

    public string QueryString() =>
        $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}" + (SiteId is { } s ? $"&siteId={s}" : "") + (TeamId is { } t ? $"&teamId={t}" : "");
}

public static class StatisticsExports
{
    public static int SeniorAge(IConfiguration config) => config.GetValue("Statistics:SeniorAge", 62);

    public static async Task<StatisticsReport> ReportAsync(AppDbContext db, ContextLeases leases, IConfiguration config, Actor actor, StatisticsFilter filter,
        CancellationToken ct)
    {
        // A reader limited to some sites sees only those: another site, or the whole organisation, becomes their site.
        if (AccessRules.StatisticsSites(actor) is { } sites && (filter.SiteId is not { } asked || !sites.Contains(asked)))
            filter = filter with { SiteId = sites.Order().FirstOrDefault() };
        return await StatisticsQuery.RunAsync(db, filter, SeniorAge(config), AccessRules.MustMaskSmallCells(actor), ct, leases);
    }

    public static string Describe(StatisticsReport r) =>
        $"Statistiques du {r.Filter.From:dd/MM/yyyy} au {r.Filter.To:dd/MM/yyyy}"
        + (r.SiteName is { } s ? $", site {s}" : "") + (r.TeamName is { } t ? $", équipe {t}" : "")
        + (r.SmallCellsMasked ? " (petits effectifs masqués)" : "");

    /// <summary>One section per table: its caption, the header line, the rows and the total; fr-FR, semicolons, UTF-8 with BOM.</summary>
    public static byte[] Csv(StatisticsReport report)
    {
        var culture = OpenCcasApp.French;
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(culture) { Delimiter = ";" }))
        {
            csv.WriteField(Describe(report));
            csv.NextRecord();
            foreach (var table in report.Tables)
            {
                csv.NextRecord();
                csv.WriteField(table.Caption);
                csv.NextRecord();
                csv.WriteField(table.RowHeader);
                foreach (var c in table.Columns) csv.WriteField(c);
                csv.NextRecord();
                foreach (var row in table.Total is null ? table.Rows : table.Rows.Append(table.Total))
                {
                    csv.WriteField(row.Label);
                    foreach (var cell in row.Cells) csv.WriteField(cell.Text(culture));
                    csv.NextRecord();
                }
                if (table.Definition is { } d)
                {
                    csv.WriteField(d);
                    csv.NextRecord();
                }
            }
        }
        return buffer.ToArray();
    }

    /// <summary>One sheet per table; counts and percentages as numbers, masked cells as the text "&lt; 5".</summary>
    public static byte[] Xlsx(StatisticsReport report)
    {
        var sheets = new Dictionary<string, object>();
        var names = new HashSet<string>();
        foreach (var table in report.Tables)
        {
            var rows = new List<Dictionary<string, object?>>();
            foreach (var row in table.Total is null ? table.Rows : table.Rows.Append(table.Total))
            {
                var line = new Dictionary<string, object?> { [table.RowHeader] = row.Label };
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var cell = row.Cells[i];
                    line[table.Columns[i]] = cell.Masked ? SmallCells.MaskedText : cell.Count is { } n ? n : cell.Percent;
                }
                rows.Add(line);
            }
            var name = SheetName(table.Caption, names);
            sheets[name] = rows;
        }
        using var buffer = new MemoryStream();
        buffer.SaveAs(sheets);
        return buffer.ToArray();
    }

    private static string SheetName(string caption, HashSet<string> taken)
    {
        var clean = new string(caption.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var i = 2; !taken.Add(name); i++) name = (clean.Length > 28 ? clean[..28] : clean) + " " + i;
        return name;
    }

    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        var policy = PermissionPolicies.For(Permission.ViewStatistics);
        app.MapGet("/statistiques/export.csv", ([AsParameters] StatisticsQueryArgs args, AppDbContext db, ContextLeases leases, IConfiguration config, CurrentUser current, AuditLog audit, CancellationToken ct) =>
            ExportAsync(args, db, leases, config, current, audit, "CSV", Csv, "text/csv; charset=utf-8", "csv", ct)).RequireAuthorization(policy);
        app.MapGet("/statistiques/export.xlsx", ([AsParameters] StatisticsQueryArgs args, AppDbContext db, ContextLeases leases, IConfiguration config, CurrentUser current, AuditLog audit, CancellationToken ct) =>
            ExportAsync(args, db, leases, config, current, audit, "XLSX", Xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", ct)).RequireAuthorization(policy);
        api.MapGet("/statistics", async Task<IResult> ([AsParameters] StatisticsQueryArgs args, AppDbContext db, ContextLeases leases, IConfiguration config, CurrentUser current, CancellationToken ct) =>
        {
            var (filter, errors) = args.ToInput().Resolve();
            if (filter is null) return Results.ValidationProblem(errors.ToDictionary(e => Camel(e.Key), e => new[] { e.Value }), title: "Période invalide");
            var report = await ReportAsync(db, leases, config, await current.RequireActorAsync(ct), filter, ct);
            return Results.Ok(Dto(report));
        }).RequireAuthorization(policy).WithTags("Statistiques");
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    /// <summary>Query string of the exports and the API: from, to (yyyy-MM-dd), siteId, teamId.</summary>
    public sealed class StatisticsQueryArgs
    {
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public Guid? SiteId { get; set; }
        public Guid? TeamId { get; set; }
        public StatisticsInput ToInput() => new() { From = From, To = To, SiteId = SiteId, TeamId = TeamId };
    }

    private static async Task<IResult> ExportAsync(StatisticsQueryArgs args, AppDbContext db, ContextLeases leases, IConfiguration config, CurrentUser current,
        AuditLog audit, string format, Func<StatisticsReport, byte[]> write, string contentType, string extension, CancellationToken ct)
    {
        var (filter, errors) = args.ToInput().Resolve();
        if (filter is null) return Results.BadRequest(string.Join(" ", errors.Values));
        var report = await ReportAsync(db, leases, config, await current.RequireActorAsync(ct), filter, ct);
        var bytes = write(report);
        await audit.RecordAsync(AuditAction.Export, "Statistics", null, $"{Describe(report)} — export {format}", ct);
        return Results.File(bytes, contentType, $"statistiques-{filter.From:yyyy-MM-dd}-{filter.To:yyyy-MM-dd}.{extension}");
    }

    public sealed record CellDto(decimal? Value, bool Masked, string Text);
    public sealed record RowDto(string Label, IReadOnlyList<CellDto> Cells);
    public sealed record TableDto(string Id, string Caption, string RowHeader, IReadOnlyList<string> Columns, IReadOnlyList<RowDto> Rows, RowDto? Total, string? Definition);
    public sealed record ReportDto(DateOnly From, DateOnly To, Guid? SiteId, string? SiteName, Guid? TeamId, string? TeamName, int SeniorAge,
        bool SmallCellsMasked, IReadOnlyList<TableDto> Tables);

    public static ReportDto Dto(StatisticsReport r)
    {
        RowDto Row(StatRow row) => new(row.Label, row.Cells.Select(c =>
            new CellDto(c.Masked ? null : c.Count is { } n ? n : c.Percent, c.Masked, c.Text(OpenCcasApp.French))).ToList());
        return new ReportDto(r.Filter.From, r.Filter.To, r.Filter.SiteId, r.SiteName, r.Filter.TeamId, r.TeamName, r.SeniorAge, r.SmallCellsMasked,
            r.Tables.Select(t => new TableDto(t.Id, t.Caption, t.RowHeader, t.Columns, t.Rows.Select(Row).ToList(),
                t.Total is null ? null : Row(t.Total), t.Definition)).ToList());
    }
}
