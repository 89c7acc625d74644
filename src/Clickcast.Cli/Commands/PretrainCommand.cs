using System.CommandLine;
using System.Globalization;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Torch;
using Clickcast.Torch.Pretraining;
using Clickcast.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast pretrain</c>: the tenant's contrastive sequence encoder (docs/models.md).</summary>
internal static class PretrainCommand
{
    private static readonly Option<string?> Task = new("--task")
    {
        Description = "Task id whose model settings apply (default: the tenant's only task, else the defaults).",
    };

    public static Command Create()
    {
        var command = new Command("pretrain", """
            Pretrains the tenant's sequence encoder without labels (CoLES-style contrastive learning on sub-chains of
            every client's chain) and stores it under tenants/{tenant}/encoders/{generation}/ (the sequences'
            generation). Settings: model.pretraining and model.gru of the stored task named by --task (default: the
            tenant's only task, else the defaults).
            """)
        {
            GlobalOptions.Tenant,
            Task,
        };
        command.SetAction((parse, token) => CliAction.RunAsync(parse, (services, ct) => RunAsync(parse, services, ct), token));
        return command;
    }

    /// <summary>The encoder's folder in the object store.</summary>
    public static string Key(string tenant, long generation) => TenantLayout.Encoder(tenant, generation);

    private static async Task<int> RunAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenant = parse.GetValue(GlobalOptions.Tenant)!;
        TenantLayout.ValidateTenant(tenant);
        var stored = await StoredDefinition.LoadAsync(services, tenant, cancellationToken).ConfigureAwait(false);
        var id = parse.GetValue(Task);
        var tasks = stored.Definition?.Tasks ?? [];
        var task = tasks.FirstOrDefault(t => t.Id == id) ?? (id is null && tasks.Count == 1 ? tasks[0] : null);
        if (id is not null && task is null)
        {
            throw new CliException($"tenant '{tenant}' has no task '{id}'");
        }

        var model = task?.Model ?? new ModelSettings();
        var sequences = services.GetRequiredService<SequenceStore>();
        var manifest = await sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"tenant '{tenant}' has no sequences yet: run 'clickcast sequences' first");
        var chains = new List<ClientSequence>();
        await foreach (var chain in sequences.ReadAsync(manifest, cancellationToken).ConfigureAwait(false))
        {
            chains.Add(chain);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var url in chains.SelectMany(c => c.Urls))
        {
            counts[url] = counts.GetValueOrDefault(url) + 1;
        }

        var vocabulary = Vocabulary.Build(counts, model.VocabularyMinCount, model.VocabularyMaxSize);
        var shape = GruModelOptions.From(model);
        var types = shape.EventTypeEmbeddingSize > 0 ? EventTypeVocabulary.Build(chains.Select(c => c.EventTypes)) : null;
        var encoded = chains.Select(c => SequenceEncoder.Encode(c.Urls, c.TimestampsMicros, c.Length, vocabulary, shape.MaxSequenceLength, c.LastEventMicros, c.EventTypes, types)).ToList();
        var torch = new TorchOptions { Device = model.Gru.Device, Threads = model.Gru.Threads == 0 ? null : model.Gru.Threads };
        var time = services.GetRequiredService<TimeProvider>();
        var pretrainer = new ContrastivePretrainer(torch, time, services.GetRequiredService<ILogger<ContrastivePretrainer>>());
        using var encoder = pretrainer.Pretrain(encoded, vocabulary, shape, model.Pretraining, model.Gru.Seed, types, manifest.TotalEvents, cancellationToken);

        var folder = ScratchSpace.Process.CreateFolder("encoder");
        try
        {
            encoder.Save(folder);
            var key = Key(tenant, manifest.Generation);
            var store = services.GetRequiredService<IObjectStore>();
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                await store.PutFileAsync(key + Path.GetFileName(file), file, cancellationToken).ConfigureAwait(false);
            }

            AnsiConsole.MarkupLineInterpolated(
                $"Encoder of [bold]{tenant}[/]: {Ui.Count(encoder.Manifest.Clients)} client chain(s), vocabulary {vocabulary.Count}, loss {string.Join(" → ", encoder.Manifest.EpochLosses.Select(l => l.ToString("0.000", CultureInfo.InvariantCulture)))}; stored at {key}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        return 0;
    }
}
