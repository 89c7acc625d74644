using System.Text.Json.Serialization;

namespace Clickcast.Training.Evaluation;

/// <summary>
/// How to turn scores into yes/no decisions. A client is flagged when its score is at least the chosen threshold.
/// Serialized as <c>{"kind":"TargetPrecision","target":0.8}</c>; <c>default</c> is <see cref="MaxF1"/>.
/// </summary>
public readonly record struct ThresholdRule
{
    [JsonConstructor]
    private ThresholdRule(ThresholdRuleKind kind, double target)
    {
        switch (kind)
        {
            case ThresholdRuleKind.MaxF1:
                break;
            case ThresholdRuleKind.TargetPrecision or ThresholdRuleKind.TargetRecall:
                if (!(target is > 0 and <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(target), target, $"A {kind} target must be in (0, 1].");
                }

                break;
            case ThresholdRuleKind.TopPercent:
                if (!(target is > 0 and <= 100))
                {
                    throw new ArgumentOutOfRangeException(nameof(target), target, "A top-percent target must be in (0, 100].");
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown threshold rule.");
        }

        Kind = kind;
        Target = kind == ThresholdRuleKind.MaxF1 ? 0 : target;
    }

    /// <summary>Which rule.</summary>
    public ThresholdRuleKind Kind { get; }

    /// <summary>Precision or recall in (0, 1], or a percentage in (0, 100] for <see cref="ThresholdRuleKind.TopPercent"/>; 0 for <see cref="ThresholdRuleKind.MaxF1"/>.</summary>
    public double Target { get; }

    /// <summary>Highest F1 = 2·precision·recall / (precision + recall); among equal F1 the highest threshold.</summary>
    public static ThresholdRule MaxF1 => default;

    /// <summary>
    /// The lowest threshold (most clients flagged) whose precision is at least <paramref name="precision"/>. When
    /// no threshold reaches it, the one with the best precision is returned and marked as missing the target.
    /// </summary>
    public static ThresholdRule AtPrecision(double precision) => new(ThresholdRuleKind.TargetPrecision, precision);

    /// <summary>The highest threshold (fewest clients flagged) whose recall is at least <paramref name="recall"/>.</summary>
    public static ThresholdRule AtRecall(double recall) => new(ThresholdRuleKind.TargetRecall, recall);

    /// <summary>
    /// The score of the client at rank ⌈<paramref name="percent"/>/100 × n⌉ from the top. Clients tied with it are
    /// flagged too, so the flagged share can exceed the target; it is reported in <see cref="ThresholdChoice.FlaggedRate"/>.
    /// </summary>
    public static ThresholdRule TopPercent(double percent) => new(ThresholdRuleKind.TopPercent, percent);
}
