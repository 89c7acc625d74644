using System.Globalization;

namespace Clickcast.Storage;

public static partial class TenantLayout
{
    /// <summary>Where the tenant's pretrained sequence encoders live, one folder per sequences generation.</summary>
    public static string Encoders(string tenant) => Root(tenant) + "encoders/";

    /// <summary>The folder of the encoder pretrained on the sequences of <paramref name="generation"/>.</summary>
    public static string Encoder(string tenant, long generation)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        return Encoders(tenant) + generation.ToString("D6", CultureInfo.InvariantCulture) + "/";
    }
}
