using System.ComponentModel.DataAnnotations;
using System.Net;
using Clickcast.Export;

namespace Clickcast.Tests.Export;

public sealed class ExportNetworkPolicyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.0.9", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.5.4", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("100.127.255.254", "shared (CGNAT)")]
    [InlineData("fc00::1", "unique-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("64:ff9b::a9fe:a9fe", "link-local")]
    [InlineData("::a9fe:a9fe", "link-local")]
    public void RestrictedKind_NonPublicAddress_IsNamed(string address, string kind)
    {
        Assert.Equal(kind, ExportNetworkPolicy.RestrictedKind(IPAddress.Parse(address)));
        Assert.False(new ExportNetworkPolicy([]).Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    public void RestrictedKind_PublicAddress_IsNullAndAllowed(string address)
    {
        Assert.Null(ExportNetworkPolicy.RestrictedKind(IPAddress.Parse(address)));
        Assert.True(new ExportNetworkPolicy([]).Allows(IPAddress.Parse(address)));
    }

    [Fact]
    public void Allows_AllowListedNetwork_AllowsThatNetworkOnly()
    {
        var policy = new ExportNetworkPolicy(["127.0.0.0/8", "fd00::/8"]);

        Assert.True(policy.Allows(IPAddress.Parse("127.0.0.1")));
        Assert.True(policy.Allows(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.True(policy.Allows(IPAddress.Parse("fd00::5")));
        Assert.False(policy.Allows(IPAddress.Parse("::1")));
        Assert.False(policy.Allows(IPAddress.Parse("10.0.0.1")));
        Assert.False(policy.Allows(IPAddress.Parse("169.254.169.254")));
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f.1/")]
    public async Task CheckUrlAsync_NonPublicHost_IsAProblem(string url)
    {
        var problem = await new ExportNetworkPolicy([]).CheckUrlAsync(url, Ct);

        Assert.NotNull(problem);
        Assert.Contains("Export:Http:AllowedNetworks", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckUrlAsync_AllowListedLoopback_IsFine()
    {
        var policy = new ExportNetworkPolicy(["127.0.0.0/8"]);

        Assert.Null(await policy.CheckUrlAsync("http://127.0.0.1:9/hook", Ct));
        Assert.Null(await policy.CheckUrlAsync("https://93.184.216.34/hook", Ct));
    }

    [Theory]
    [InlineData("300.0.0.0/8")]
    [InlineData("localhost")]
    [InlineData("10.0.0.0/33")]
    public void Validate_AllowedNetworkNotInCidrNotation_IsAProblem(string network)
    {
        var options = new ExportOptions { Http = { AllowedNetworks = { network } } };

        var results = new List<ValidationResult>();
        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains("AllowedNetworks", StringComparison.Ordinal));
    }
}
