using System.ComponentModel.DataAnnotations;
using Clickcast.Storage;

namespace Clickcast.Tests.Storage;

public sealed class S3StorageOptionsTests
{
    private static S3StorageOptions Valid() => new()
    {
        ServiceUrl = "https://storage.yandexcloud.net",
        Region = "ru-central1",
        Bucket = "clickcast",
        AccessKey = "key",
        SecretKey = "secret",
    };

    [Fact]
    public void Constructor_ValidOptions_SendsNothingAndNormalizesThePrefix()
    {
        var options = Valid();
        options.KeyPrefix = "/prod/eu/";

        using var store = new S3ObjectStore(options, TimeProvider.System);

        Assert.Equal("prod/eu/", store.KeyPrefix);
        Assert.Equal("clickcast", store.Bucket);
    }

    [Theory]
    [InlineData(nameof(S3StorageOptions.ServiceUrl), "")]
    [InlineData(nameof(S3StorageOptions.ServiceUrl), "not a url")]
    [InlineData(nameof(S3StorageOptions.Bucket), "")]
    [InlineData(nameof(S3StorageOptions.Bucket), "Upper_Case")]
    [InlineData(nameof(S3StorageOptions.AccessKey), "")]
    [InlineData(nameof(S3StorageOptions.SecretKey), "")]
    [InlineData(nameof(S3StorageOptions.KeyPrefix), "a//b")]
    [InlineData(nameof(S3StorageOptions.KeyPrefix), "../up")]
    public void Constructor_InvalidOption_ThrowsValidationException(string property, string value)
    {
        var options = Valid();
        typeof(S3StorageOptions).GetProperty(property)!.SetValue(options, value);

        Assert.Throws<ValidationException>(() => new S3ObjectStore(options, TimeProvider.System));
    }

    [Fact]
    public void Constructor_TimeoutOutOfRange_ThrowsValidationException()
    {
        var options = Valid();
        options.RequestTimeout = TimeSpan.Zero;

        Assert.Throws<ValidationException>(() => new S3ObjectStore(options, TimeProvider.System));
    }
}
