using System.Text.RegularExpressions;
using Clickcast.Pipeline.Jobs;
using Clickcast.Server.Hosting;
using Clickcast.Storage;
using Microsoft.Extensions.Configuration;

namespace Clickcast.Tests.Deploy;

/// <summary>
/// The deployment files (deploy/: systemd, Docker, compose, Kubernetes, Yandex Cloud) say only what the code does:
/// they parse, every CLICKCAST_ variable they set is a setting the code reads, probes ask the real health routes, and
/// the autoscaler counts with the queue's own query.
/// </summary>
public sealed partial class DeployFilesTests
{
    public static TheoryData<string> YamlFiles() => new(DeployFiles.Yaml());

    public static TheoryData<string> FilesAndGuide() => new(DeployFiles.All().Append("docs/deploy.md"));

    [Fact]
    public void DeployFolder_HasEachWayToRun()
    {
        var files = DeployFiles.All();

        foreach (var expected in new[]
        {
            "deploy/systemd/clickcast-serve.service", "deploy/systemd/clickcast-worker@.service", "deploy/systemd/clickcast.env",
            "deploy/docker/Dockerfile", "deploy/compose/compose.yaml",
            "deploy/kubernetes/serve.yaml", "deploy/kubernetes/workers.yaml", "deploy/kubernetes/workers-scaledobject.yaml", "deploy/kubernetes/secrets.yaml",
            "deploy/yandex/setup.sh", "deploy/yandex/notify-function/index.py",
        })
        {
            Assert.Contains(expected, files);
        }
    }

    [Theory]
    [MemberData(nameof(YamlFiles))]
    public void YamlFile_Parses(string file)
    {
        var documents = DeployFiles.Documents(file);

        Assert.NotEmpty(documents);
        Assert.All(documents, d => Assert.NotEmpty(d.Children));
    }

    [Theory]
    [MemberData(nameof(FilesAndGuide))]
    public void EveryClickcastVariable_IsASettingTheCodeReads(string file)
    {
        var unknown = new List<string>();
        foreach (var name in ClickcastVariable().Matches(DeployFiles.Text(file)).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            try
            {
                // The code's own mapping: prefix, '__' to ':', aliases, variables that are not settings (CLICKCAST_KEY).
                var configuration = ClickcastSettings.Build(null, Path.GetTempPath(), environment: new Dictionary<string, string?> { [name] = "x" });
                unknown.AddRange(configuration.AsEnumerable().Where(p => p.Value is not null && !SettingPaths.Exists(p.Key)).Select(p => $"{name} ({p.Key})"));
            }
            catch (SettingsException ex)
            {
                unknown.Add($"{name} ({ex.Message})");
            }
        }

        Assert.True(unknown.Count == 0, $"{file} sets variables no settings type has: {string.Join("; ", unknown)}");
    }

    [Fact]
    public void SettingPaths_CoversEveryTopLevelKey()
    {
        var unmapped = ClickcastSettings.Sections
            .Where(s => !SettingPaths.Sections.ContainsKey(s) && !SettingPaths.FreeForm.Contains(s) && typeof(ClickcastOptions).GetProperty(s) is null)
            .ToList();

        Assert.Empty(unmapped);
        Assert.True(SettingPaths.Exists("KeyRingPath"));
        Assert.True(SettingPaths.Exists("S3:SecretKey"));
        Assert.False(SettingPaths.Exists("S3:Secret"));
        Assert.False(SettingPaths.Exists("Jobs:DefaultRetryPolicy"));
        Assert.True(SettingPaths.Exists("Export:Http:AllowedNetworks:0"));
        Assert.False(SettingPaths.Exists("Export:Http:AllowedNetworks"));
    }

    [Fact]
    public void KubernetesProbes_AskTheServersHealthRoutes()
    {
        var probes = DeployFiles.Yaml().SelectMany(DeployFiles.Documents).SelectMany(DeployFiles.Mappings)
            .SelectMany(m => new[] { "livenessProbe", "readinessProbe", "startupProbe" }.Select(kind => (Kind: kind, Probe: DeployFiles.Map(m, kind))))
            .Where(p => p.Probe is not null)
            .Select(p => (p.Kind, Path: DeployFiles.Map(p.Probe!, "httpGet") is { } get ? DeployFiles.Scalar(get, "path") : null))
            .ToList();

        Assert.Contains(("livenessProbe", HealthRoutes.Live), probes);
        Assert.Contains(("readinessProbe", HealthRoutes.Ready), probes);
        Assert.All(probes, p => Assert.Equal(p.Kind == "readinessProbe" ? HealthRoutes.Ready : HealthRoutes.Live, p.Path));
    }

    [Fact]
    public void KedaTrigger_CountsWithTheQueuesWorkerDemandQuery()
    {
        var triggers = DeployFiles.Documents("deploy/kubernetes/workers-scaledobject.yaml")
            .Where(d => DeployFiles.Scalar(d, "kind") == "ScaledObject")
            .SelectMany(DeployFiles.Mappings)
            .Where(m => DeployFiles.Scalar(m, "type") == "postgresql")
            .ToList();

        var trigger = Assert.Single(triggers);
        var metadata = DeployFiles.Map(trigger, "metadata")!;
        Assert.Equal(Normalize(JobQueue.PostgreSqlWorkerDemandQuery), Normalize(DeployFiles.Scalar(metadata, "query")!));
        Assert.NotNull(DeployFiles.Map(trigger, "authenticationRef"));
    }

    [Fact]
    public void Kustomization_ListsEveryManifest()
    {
        var kustomization = DeployFiles.Documents("deploy/kubernetes/kustomization.yaml").Single();
        var listed = ((YamlDotNet.RepresentationModel.YamlSequenceNode)kustomization.Children[new YamlDotNet.RepresentationModel.YamlScalarNode("resources")])
            .Children.Select(n => "deploy/kubernetes/" + ((YamlDotNet.RepresentationModel.YamlScalarNode)n).Value).Order(StringComparer.Ordinal);
        var present = DeployFiles.Yaml().Where(f => f.StartsWith("deploy/kubernetes/", StringComparison.Ordinal) && !f.EndsWith("/kustomization.yaml", StringComparison.Ordinal));

        Assert.Equal(present, listed);
    }

    [GeneratedRegex(@"\bCLICKCAST_[A-Za-z0-9_]+")]
    private static partial Regex ClickcastVariable();

    private static string Normalize(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
