namespace Clickcast.Metadata;

/// <summary>One schema change: <c>Migrations/NNNN_name.sql</c>, applied once, in version order.</summary>
/// <param name="Version">The number the file name starts with.</param>
/// <param name="Name">The rest of the file name, for people reading <c>schema_version</c>.</param>
/// <param name="Sql">Portable SQL; <c>{{identity}}</c> becomes the dialect's auto-numbered key.</param>
internal sealed record MetadataMigration(int Version, string Name, string Sql)
{
    private const string ResourcePrefix = "Clickcast.Metadata.Migrations.";

    /// <summary>Every migration embedded in this assembly, in version order.</summary>
    public static IReadOnlyList<MetadataMigration> All { get; } = Load();

    private static MetadataMigration[] Load()
    {
        var assembly = typeof(MetadataMigration).Assembly;
        var migrations = new List<MetadataMigration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var fileName = resource[ResourcePrefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration '{fileName}.sql' must be named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new MetadataMigration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two migrations share version {migrations[i].Version}: '{migrations[i - 1].Name}' and '{migrations[i].Name}'.");
            }
        }

        return [.. migrations];
    }
}
