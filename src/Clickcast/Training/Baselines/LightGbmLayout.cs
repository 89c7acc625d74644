namespace Clickcast.Training.Baselines;

/// <summary>The columns of a LightGBM model: the baseline dense features and aggregates, then one count per top token.</summary>
public sealed record LightGbmLayout
{
    /// <summary>The aggregate columns (no hashed pairs: trees split on dense columns).</summary>
    public required AggregateLayout Aggregates { get; init; }

    /// <summary>URL tokens with a column each, most frequent in training first.</summary>
    public required IReadOnlyList<string> TopTokens { get; init; }

    /// <summary>Columns of a row.</summary>
    public int Columns => BaselineFeatures.DenseNames.Count + Aggregates.Names.Count + TopTokens.Count;

    /// <summary>Column names, in order.</summary>
    public IReadOnlyList<string> Names => [.. BaselineFeatures.DenseNames, .. Aggregates.Names, .. TopTokens.Select(t => $"log_count[{t}]")];

    /// <summary>Writes the rows of <paramref name="inputs"/> into a row-major matrix.</summary>
    public float[] Rows(IReadOnlyList<ModelInput> inputs, Vocabulary vocabulary, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var columns = Columns;
        var tokenColumns = new Dictionary<int, int>();
        for (var i = 0; i < TopTokens.Count; i++)
        {
            tokenColumns.TryAdd(vocabulary.IdOf(TopTokens[i]), columns - TopTokens.Count + i);
        }

        var rows = new float[inputs.Count * columns];
        var features = new BaselineFeatureBuffer(vocabulary, Aggregates, maxLength);
        for (var r = 0; r < inputs.Count; r++)
        {
            features.Compute(inputs[r]);
            var row = rows.AsSpan(r * columns, columns);
            features.Dense.CopyTo(row);
            var ids = features.TokenIds;
            var values = features.TokenValues;
            for (var k = 0; k < ids.Length; k++)
            {
                if (tokenColumns.TryGetValue(ids[k], out var column))
                {
                    row[column] = values[k];
                }
            }
        }

        return rows;
    }
}
