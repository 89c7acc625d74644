using System.CommandLine;
using System.Security.Cryptography;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Uploads;
using Clickcast.Storage;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast uploads</c>: send clickstream files into a tenant's raw prefix (streamed, checksummed) and list them with their ingest runs.</summary>
internal static class UploadsCommand
{
    private static readonly Argument<FileInfo[]> Files = new("files") { Description = "Clickstream files to upload.", Arity = ArgumentArity.OneOrMore };

    public static Command Create()
    {
        var uploads = new Command("uploads", "Clickstream files of a tenant: upload (ingest starts at once, exactly once per version) and list with their ingest runs.");
        var put = new Command("put", "Uploads files into the tenant's raw prefix, with their SHA-256, and triggers their ingest.") { GlobalOptions.Tenant, Files };
        put.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var tenant = parse.GetValue(GlobalOptions.Tenant)!;
                var store = services.GetRequiredService<IObjectStore>();
                var sensor = services.GetRequiredService<ObjectSensor>();
                foreach (var file in parse.GetValue(Files)!)
                {
                    var stored = await store.PutFileAsync(TenantLayout.Raw(tenant) + file.Name, file.FullName, ct).ConfigureAwait(false);
                    var result = await sensor.NotifyObjectCreatedAsync(stored.Key, ct).ConfigureAwait(false);
                    AnsiConsole.MarkupLineInterpolated($"{stored.Key}: {Ui.Count(stored.Size)} bytes, {result}");
                }

                return 0;
            },
            async (api, ct) =>
            {
                var results = new List<UploadResult>();
                foreach (var file in parse.GetValue(Files)!)
                {
                    string sha;
                    await using (var stream = file.OpenRead())
                    {
                        sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
                    }

                    results.Add(await Ui.WithProgressAsync($"Uploading {file.Name}", update => api.PutFileAsync<UploadResult>(
                        $"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/uploads/{Uri.EscapeDataString(file.Name)}", file.FullName, sha,
                        new Progress<long>(sent => update(sent, file.Length, null)), ct)).ConfigureAwait(false));
                }

                Output.Write(parse.GetValue(GlobalOptions.Json), results, rows =>
                {
                    var table = Output.Table("Uploaded", "Key", "Bytes", "SHA-256", "Trigger", "Ingest run");
                    foreach (var r in rows)
                    {
                        table.Row(r.Key, r.Bytes, r.Sha256[..16] + "…", r.Notification, r.Run?.Id);
                    }

                    return table;
                });
                return 0;
            },
            token));
        uploads.Subcommands.Add(put);

        var list = new Command("list", "Lists the tenant's raw files and their ingest runs.") { GlobalOptions.Tenant };
        list.SetAction((parse, token) => CliAction.RunAsync(
            parse,
            async (services, ct) =>
            {
                var tenant = parse.GetValue(GlobalOptions.Tenant)!;
                var queue = services.GetRequiredService<JobQueue>();
                var files = new List<RawFile>();
                await foreach (var item in services.GetRequiredService<IObjectStore>().ListAsync(TenantLayout.Raw(tenant), cancellationToken: ct).ConfigureAwait(false))
                {
                    files.Add(new RawFile(item.Key, item.Size, item.LastModified, item.ETag, await queue.FindAsync(tenant, ObjectSensor.IdempotencyKey(tenant, item.Key, item.ETag), ct).ConfigureAwait(false)));
                }

                Print(parse, files);
                return 0;
            },
            async (api, ct) =>
            {
                Print(parse, await api.GetAsync<List<RawFile>>($"api/tenants/{parse.GetValue(GlobalOptions.Tenant)}/uploads", ct).ConfigureAwait(false));
                return 0;
            },
            token));
        uploads.Subcommands.Add(list);
        return uploads;
    }

    private static void Print(ParseResult parse, IReadOnlyList<RawFile> files) => Output.Write(parse.GetValue(GlobalOptions.Json), files, rows =>
    {
        var table = Output.Table("Raw files", "Key", "Bytes", "Arrived", "Ingest run", "Status");
        foreach (var f in rows)
        {
            table.Row(f.Key, f.Bytes, f.LastModified, f.Run?.Id, f.Run?.Status);
        }

        return table;
    });
}
