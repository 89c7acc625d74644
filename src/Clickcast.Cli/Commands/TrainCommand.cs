using System.CommandLine;
using System.Globalization;
using Clickcast.Ingestion.Urls;
using Clickcast.Labels;
using Clickcast.Pipeline;
using Clickcast.Sequences;
using Clickcast.Storage;
using Clickcast.Tenants;
using Clickcast.Training;
using Clickcast.Training.Memory;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Clickcast.Cli.Commands;

/// <summary><c>clickcast train</c> and <c>clickcast evaluate</c>: a model from sequences, and its report.</summary>
internal static class TrainCommand
{
    private static readonly Option<FileInfo?> TaskFile = new("--task-file") { Description = "JSON task definition (target, labeling, model, ...): replaces the stored task. Flags below override single fields." };
    private static readonly Option<string?> Task = new("--task") { Description = "Task id: the tenant's stored task of that id is the default definition (default: the tenant's only task, else the task file's id, else 'task')." };
    private static readonly Option<string?> Target = new("--target") { Description = "URL pattern of the target action (e.g. shop.example.com/checkout)." };
    private static readonly Option<UrlMatchKind?> Match = new("--match") { Description = "How the pattern matches: Exact, Prefix, Glob or Regex (default Prefix)." };
    private static readonly Option<string?> EventType = new("--event-type") { Description = "Event type of the target action (e.g. purchase)." };
    private static readonly Option<string?> Horizon = new("--horizon") { Description = "Outcome window after the cutoff, e.g. 7d (time mode)." };
    private static readonly Option<DateTimeOffset?> Cutoff = new("--cutoff") { Description = "Observation cutoff T (UTC); default: one horizon before the latest event." };
    private static readonly Option<LabelingMode?> Mode = new("--mode") { Description = "Time (windows by time) or Position (order-only data: observe the first k events)." };
    private static readonly Option<int?> Observed = new("--observed") { Description = "Position mode: events observed per client (k)." };
    private static readonly Option<ModelFamilyChoice?> Family = new("--family") { Description = "BestOf (default: GRU, LightGBM and logistic regression, the best on validation kept), Gru, LightGbm or LogisticRegression." };
    private static readonly Option<int?> Epochs = new("--epochs") { Description = "GRU: most epochs." };
    private static readonly Option<int?> Threads = new("--threads") { Description = "GRU: libtorch threads (default 1; 0 = all cores)." };
    private static readonly Option<int?> MinPositives = new("--min-positives") { Description = "Positives needed before training (default 100)." };
    private static readonly Option<bool> ShuffleLabels = new("--shuffle-labels") { Description = "Leakage check: train on randomly permuted labels; a sound pipeline then scores test AUC 0.5 ± noise." };
    private static readonly Option<bool> LeakageCheckOption = new("--leakage-check") { Description = "Leakage check as a verdict: retrain on model.statistics.leakagePermutations label permutations; each test AUC must fall in the pass band around 0.5. Prints the verdict; exit code 4 when it fails." };
    private static readonly Option<DirectoryInfo?> Output = new("--out", "-o") { Description = "Model folder to write (default: <data>/models/<tenant>/<task>/<time>)." };
    private static readonly Option<DirectoryInfo> Model = new("--model", "-m") { Description = "A model folder written by 'clickcast train'.", Required = true };

    public static Command CreateTrain()
    {
        var command = new Command("train", """
            Trains a task's model from the tenant's sequences: labels from an observation cutoff and an outcome window
            (or positions, for order-only data) without leakage, a vocabulary from the training split, the GRU, LightGBM
            and logistic regression on the same client-hash split, calibration and threshold on validation, metrics on
            test; the family kept by the selection rule (the simplest unless another leads by more than the noise,
            docs/evaluation.md) goes into a model folder; prints the model report.
            Settings: the task of the tenant's stored definition ('tenants apply'), as the pipeline trains it; --task-file
            replaces it and each flag given overrides one field; the first line says which were used. Progress (each
            family, each GRU epoch) goes to standard error.
            """)
        {
            GlobalOptions.Tenant, GlobalOptions.Config, TaskFile, Task, Target, Match, EventType, Horizon, Cutoff, Mode, Observed, Family, Epochs, Threads, MinPositives, ShuffleLabels, LeakageCheckOption, Output,
        };
        command.SetAction((parse, token) => CliAction.RunAsync(parse, (services, ct) => TrainAsync(parse, services, ct), token));
        return command;
    }

    public static Command CreateEvaluate()
    {
        var command = new Command("evaluate", "Prints the report of a model folder: data, metrics of every candidate side by side, threshold, the URL tokens that move the score.")
        {
            Model,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(Model)!;
            if (!File.Exists(Path.Combine(folder.FullName, ModelFiles.Manifest)))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {folder.FullName} is not a model folder (no {ModelFiles.Manifest})");
                return 2;
            }

            Console.WriteLine(ModelReport.Render(folder.FullName, $"Model {folder.Name}"));
            return 0;
        });
        return command;
    }

    private static async Task<int> TrainAsync(ParseResult parse, IServiceProvider services, CancellationToken cancellationToken)
    {
        var tenant = parse.GetValue(GlobalOptions.Tenant)!;
        TenantLayout.ValidateTenant(tenant);
        var stored = await StoredDefinition.LoadAsync(services, tenant, cancellationToken).ConfigureAwait(false);
        var (task, basis, overrides) = BuildTask(parse, stored.Definition);
        stored.Say(overrides, basis);
        if (DefinitionValidator.Validate(task) is { Count: > 0 } problems)
        {
            throw new CliException("the task definition is not valid:\n  " + string.Join("\n  ", problems));
        }

        var ingest = stored.IngestWith(DataPlaneSettings.Load(parse.GetValue(GlobalOptions.Config)));
        if (TargetGranularity.Check(task.Target, ingest.Urls, task.Urls) is { } coarse)
        {
            throw new CliException(coarse);
        }

        var sequences = services.GetRequiredService<SequenceStore>();
        var manifest = await sequences.GetManifestAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"tenant '{tenant}' has no sequences yet: run 'clickcast ingest' and 'clickcast sequences' first");
        var cutter = task.TokenCutter();
        // The pipeline's sample (model.maxTrainingClients, lowered by model.trainingMemoryMiB), then its memory handed back.
        var size = TrainingFootprint.SampleSize(task.Model, manifest);
        var clients = size.Clients;
        if (size.Lowered)
        {
            await Console.Error.WriteLineAsync($"model.trainingMemoryMiB {task.Model.TrainingMemoryMiB}: reading {clients:N0} of {size.Available:N0} clients at {size.BytesPerClient:N0} bytes each after {size.FixedMiB:N0} MiB held once").ConfigureAwait(false);
        }

        var dataset = await DatasetBuilder.BuildAsync(TrainingSample.ReadAsync(sequences, manifest, clients, cancellationToken), task.Target, task.Labeling, manifest.LatestEventMicros, cutter is null ? null : cutter.Cut, cancellationToken).ConfigureAwait(false);
        Pipeline.Jobs.MemoryRelease.Collect();
        if (parse.GetValue(ShuffleLabels))
        {
            dataset = dataset.WithShuffledLabels(seed: 1);
            AnsiConsole.MarkupLine("[yellow]Leakage check: labels are permuted; expect test AUC ≈ 0.5.[/]");
        }

        var time = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var folder = parse.GetValue(Output)?.FullName
            ?? Path.Combine(services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ClickcastOptions>>().Value.DataPath, "models", tenant, task.Id, time.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new CliException($"{folder} already exists and is not empty: model folders are immutable");
        }

        var trainer = services.GetRequiredService<ModelTrainer>();
        if (parse.GetValue(LeakageCheckOption))
        {
            return await CheckLeakageAsync(trainer, dataset, task, folder, cancellationToken).ConfigureAwait(false);
        }

        AnsiConsole.MarkupLineInterpolated($"Training {task.Id} of tenant {tenant}: {dataset.Summary.TotalExamples:N0} examples, {dataset.Summary.PositiveRate * 100:0.0} % positive; families: {string.Join(", ", trainer.Available)}");
        var encoderFolder = ScratchSpace.Process.CreateFolder("encoder");
        try
        {
            // Trained from scratch, so model.pretraining applies as in the pipeline's training job (docs/models.md).
            var encoder = dataset.CheckSufficiency(task.Labeling) is null
                ? await services.GetRequiredService<TaskEncoders>().PrepareAsync(tenant, task, dataset, manifest, encoderFolder, cancellationToken).ConfigureAwait(false)
                : null;
            if (encoder is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"The GRU starts from the pretrained encoder {encoder.Key}");
            }

            await System.Threading.Tasks.Task.Run(() => trainer.Train(dataset, task.Labeling, task.Model, folder, encoder: encoder, cancellationToken: cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (TrainingException ex)
        {
            // "Not enough data" is rarely about the amount: name the likely cause (target, URL level, windows).
            var cause = dataset.CheckSufficiency(task.Labeling) is null ? string.Empty
                : await TrainingDiagnosis.ExplainAsync(TrainingSample.ReadAsync(sequences, manifest, clients, cancellationToken), task, dataset.Summary, manifest.LatestEventMicros, cutter is null ? null : cutter.Cut, cancellationToken).ConfigureAwait(false);
            throw new CliException(ex.Message + cause, ex);
        }
        finally
        {
            Directory.Delete(encoderFolder, recursive: true);
        }

        var report = ModelReport.Render(folder, $"{tenant} / {task.Id}");
        await File.WriteAllTextAsync(Path.Combine(folder, "report.md"), report, cancellationToken).ConfigureAwait(false);
        Console.WriteLine(report);
        AnsiConsole.MarkupLineInterpolated($"Model folder: [blue]{folder}[/]");
        return 0;
    }

    /// <summary>Exit code of <c>train --leakage-check</c> when the check fails.</summary>
    public const int LeakageCheckFailed = 4;

    private static async Task<int> CheckLeakageAsync(ModelTrainer trainer, LabeledDataset dataset, TaskDefinition task, string folder, CancellationToken cancellationToken)
    {
        AnsiConsole.MarkupLineInterpolated($"Leakage check of {task.Id}: {task.Model.Statistics.LeakagePermutations} label permutation(s), models under {folder}");
        var verdict = await System.Threading.Tasks.Task.Run(() => LeakageCheck.Run(trainer, dataset, task.Labeling, task.Model, folder, cancellationToken), cancellationToken).ConfigureAwait(false);
        Console.WriteLine(verdict.Summary);
        return verdict.Passed ? 0 : LeakageCheckFailed;
    }

    /// <summary>
    /// The task to train: the stored definition's task named by --task (or the tenant's only task), else --task-file,
    /// else defaults; --task-file replaces the stored task, and each flag given overrides one field.
    /// </summary>
    private static (TaskDefinition Task, string Basis, List<string> Overrides) BuildTask(ParseResult parse, TenantDefinition? tenant)
    {
        var overrides = new List<string>();
        var id = parse.GetValue(Task);
        var storedTask = tenant?.Tasks.FirstOrDefault(t => t.Id == id) ?? (id is null && tenant?.Tasks.Count == 1 ? tenant.Tasks[0] : null);
        TaskDefinition task;
        string basis;
        if (parse.GetValue(TaskFile) is { } file)
        {
            task = TaskFiles.LoadTask(file);
            basis = storedTask is null ? "no stored task" : $"task {storedTask.Id}";
            overrides.Add(storedTask is null ? $"task from --task-file {file.Name}" : $"--task-file replaces task {storedTask.Id}");
        }
        else if (storedTask is not null)
        {
            task = storedTask;
            basis = $"task {storedTask.Id}";
        }
        else
        {
            task = new TaskDefinition { Id = "task", Attribute = "propensity" };
            basis = id is null ? "no task chosen: pass --task" : $"no task '{id}'";
            overrides.Add("task settings are the defaults");
        }

        task.Id = id ?? task.Id;
        if (parse.GetValue(Target) is { } target)
        {
            task.Target.UrlPattern = target;
            overrides.Add("--target overrides target.urlPattern");
        }

        Override(parse, Match, v => task.Target.Match = v, "target.match", overrides);
        Override(parse, EventType, v => task.Target.EventType = v, "target.eventType", overrides);
        if (parse.GetValue(Horizon) is { } horizon)
        {
            task.Labeling.Horizon = DurationParser.Parse(horizon);
            overrides.Add("--horizon overrides labeling.horizon");
        }

        Override(parse, Cutoff, v => task.Labeling.Cutoff = v, "labeling.cutoff", overrides);
        Override(parse, Mode, v => task.Labeling.Mode = v, "labeling.mode", overrides);
        Override(parse, Observed, v => task.Labeling.ObservedEvents = v, "labeling.observedEvents", overrides);
        Override(parse, MinPositives, v => task.Labeling.MinPositives = v, "labeling.minPositives", overrides);
        Override(parse, Family, v => task.Model.Family = v, "model.family", overrides);
        Override(parse, Epochs, v => task.Model.Gru.MaxEpochs = v, "model.gru.maxEpochs", overrides);
        Override(parse, Threads, v => task.Model.Gru.Threads = v, "model.gru.threads", overrides);
        return (task, basis, overrides);
    }

    private static void Override<T>(ParseResult parse, Option<T?> option, Action<T> apply, string field, List<string> overrides)
        where T : struct
    {
        if (parse.GetValue(option) is { } value)
        {
            apply(value);
            overrides.Add($"{option.Name} overrides {field}");
        }
    }

    private static void Override(ParseResult parse, Option<string?> option, Action<string> apply, string field, List<string> overrides)
    {
        if (parse.GetValue(option) is { } value)
        {
            apply(value);
            overrides.Add($"{option.Name} overrides {field}");
        }
    }
}
