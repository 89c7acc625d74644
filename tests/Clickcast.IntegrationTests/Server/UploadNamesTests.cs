using System.Net;
using Clickcast.IntegrationTests.Support;
using Clickcast.Tenants;

namespace Clickcast.IntegrationTests.Server;

/// <summary>Upload names the file system cannot hold are a 400 with the reason, never a 500, and store nothing.</summary>
public sealed class UploadNamesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_NameTheFileSystemRejects_IsBadRequestWithTheReason()
    {
        await using var host = await ServerHost.StartAsync();
        await host.Get<TenantCatalog>().SaveAsync(DemoServer.OtherDefinition(), Token);
        using var admin = host.Client(ServerHost.AdminKey);

        var first = await PutAsync(admin, "day1/events.csv");
        var longSegment = await PutAsync(admin, new string('a', 256) + ".csv");
        var longUtf8 = await PutAsync(admin, Uri.EscapeDataString(new string('é', 130)) + ".csv");
        var fileOverFolder = await PutAsync(admin, "day1");
        var folderOverFile = await PutAsync(admin, "day1/events.csv/more.csv");
        var longestAllowed = await PutAsync(admin, new string('b', 251) + ".csv");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, longestAllowed.Status));
        foreach (var (status, body, reason) in new[] { (longSegment.Status, longSegment.Body, "255"), (longUtf8.Status, longUtf8.Body, "255"), (fileOverFolder.Status, fileOverFolder.Body, "folder"), (folderOverFile.Status, folderOverFile.Body, "is a file") })
        {
            Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
            Assert.Contains(reason, body, StringComparison.Ordinal);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> PutAsync(HttpClient client, string name)
    {
        using var response = await client.PutAsync(new Uri($"api/tenants/other/uploads/{name}", UriKind.Relative), new ByteArrayContent("client_id,ts,url\nc1,2026-10-01T00:00:00Z,https://other.example.com/a\n"u8.ToArray()), Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }
}
