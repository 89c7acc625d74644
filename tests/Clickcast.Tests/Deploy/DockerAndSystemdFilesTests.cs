using Clickcast.Server.Hosting;

namespace Clickcast.Tests.Deploy;

/// <summary>
/// The Dockerfile and the systemd units, checked as text (no Docker daemon in the tests): a multi-stage build to a
/// non-root runtime with the libtorch natives and a health check on the real route; units that read one environment file.
/// </summary>
public sealed class DockerAndSystemdFilesTests
{
    private static readonly string[] Dockerfile = DeployFiles.Text("deploy/docker/Dockerfile").Split('\n');

    [Fact]
    public void Dockerfile_BuildsWithTheSdkAndRunsOnTheAspNetRuntime()
    {
        var stages = Dockerfile.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[0], StringComparison.Ordinal);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", stages[1], StringComparison.Ordinal);
        Assert.Contains(Dockerfile, l => l.Contains("COPY --from=build /app /app", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_PublishesTheLibTorchNatives()
    {
        var publish = string.Join(' ', Dockerfile.SkipWhile(l => !l.StartsWith("RUN dotnet publish", StringComparison.Ordinal)).Take(3));

        Assert.Contains("-r linux-x64", publish, StringComparison.Ordinal);
        Assert.Contains("test -f /app/libtorch_cpu.so", publish, StringComparison.Ordinal);
        Assert.Contains("test -f /app/libLibTorchSharp.so", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_RunsAsNonRoot_WithAHealthCheckOnTheLiveRoute()
    {
        var runtime = Dockerfile.SkipWhile(l => !l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet", StringComparison.Ordinal)).ToList();
        var user = Assert.Single(runtime, l => l.StartsWith("USER ", StringComparison.Ordinal));
        var check = string.Join(' ', runtime.SkipWhile(l => !l.StartsWith("HEALTHCHECK", StringComparison.Ordinal)).Take(2));

        Assert.DoesNotContain("root", user, StringComparison.Ordinal);
        Assert.NotEqual("USER 0", user.Trim());
        Assert.Contains("http://localhost:8080" + HealthRoutes.Live, check, StringComparison.Ordinal);
        Assert.Contains(runtime, l => l.Contains("ASPNETCORE_URLS=http://+:8080", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_CopiesWhatTheBuildPropsAndTargetsRead()
    {
        var read = new[] { "Directory.Build.props", "Directory.Build.targets" }
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(DeployFiles.Text(f), @"\$\(MSBuildThisFileDirectory\)(?<path>[A-Za-z0-9_.]+)(?<folder>/)?"))
            .Select(m => m.Groups["path"].Value + m.Groups["folder"].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var copied = Dockerfile.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(read);
        Assert.All(read, path => Assert.Contains(path, copied));
    }

    [Theory]
    [InlineData("deploy/systemd/clickcast-serve.service", " serve ")]
    [InlineData("deploy/systemd/clickcast-worker@.service", " worker")]
    public void SystemdUnit_ReadsTheEnvironmentFile_AndRunsItsVerb(string unit, string verb)
    {
        var lines = DeployFiles.Text(unit).Split('\n');

        Assert.Contains("EnvironmentFile=/etc/clickcast/clickcast.env", lines);
        Assert.Contains(lines, l => l.StartsWith("ExecStart=/opt/clickcast/Clickcast.Cli", StringComparison.Ordinal) && l.Contains(verb, StringComparison.Ordinal));
        Assert.Contains("[Install]", lines);
    }
}
