using System.Text.Json.Serialization;

namespace Clickcast.Training.Evaluation;

/// <summary>
/// A monotone map from a model's probability to a calibrated one, fitted on validation data and stored with the
/// model. Serialized as <c>{"kind":"Identity"}</c>, <c>{"kind":"Platt","slope":…,"intercept":…}</c> or
/// <c>{"kind":"Isotonic","inputs":[…],"outputs":[…]}</c>. Fit on data the model was not trained on, and evaluate
/// the calibrated model on yet other data.
/// </summary>
public sealed partial record ProbabilityCalibrator
{
    /// <summary>Default clip of isotonic outputs: a calibrated probability is never exactly 0 or 1.</summary>
    public const double DefaultIsotonicEpsilon = 1e-6;

    private readonly double[] _inputs;
    private readonly double[] _outputs;

    [JsonConstructor]
    private ProbabilityCalibrator(
        CalibratorKind kind, double? slope, double? intercept, IReadOnlyList<double>? inputs, IReadOnlyList<double>? outputs)
    {
        Kind = kind;
        _inputs = [];
        _outputs = [];
        switch (kind)
        {
            case CalibratorKind.Identity:
                break;
            case CalibratorKind.Platt:
                if (slope is not { } s || intercept is not { } b || !double.IsFinite(s) || !double.IsFinite(b))
                {
                    throw new ArgumentException("A Platt calibrator needs a finite slope and intercept.", nameof(slope));
                }

                Slope = s;
                Intercept = b;
                break;
            case CalibratorKind.Isotonic:
                _inputs = [.. inputs ?? []];
                _outputs = [.. outputs ?? []];
                CheckBreakpoints(_inputs, _outputs);
                Inputs = Array.AsReadOnly(_inputs);
                Outputs = Array.AsReadOnly(_outputs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown calibrator kind.");
        }
    }

    /// <summary>Which map.</summary>
    public CalibratorKind Kind { get; }

    /// <summary>Platt only: a in p' = σ(a·logit(p) + b). Positive for a model that ranks the right way round.</summary>
    public double? Slope { get; }

    /// <summary>Platt only: b in p' = σ(a·logit(p) + b).</summary>
    public double? Intercept { get; }

    /// <summary>Isotonic only: breakpoint probabilities, strictly increasing.</summary>
    public IReadOnlyList<double>? Inputs { get; }

    /// <summary>Isotonic only: calibrated probabilities at <see cref="Inputs"/>, non-decreasing.</summary>
    public IReadOnlyList<double>? Outputs { get; }

    /// <summary>Passes probabilities through unchanged.</summary>
    public static ProbabilityCalibrator Identity { get; } = new(CalibratorKind.Identity, null, null, null, null);

    /// <summary>A Platt calibrator with known parameters.</summary>
    public static ProbabilityCalibrator Platt(double slope, double intercept) =>
        new(CalibratorKind.Platt, slope, intercept, null, null);

    /// <summary>An isotonic calibrator with known breakpoints.</summary>
    public static ProbabilityCalibrator Isotonic(IReadOnlyList<double> inputs, IReadOnlyList<double> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        return new(CalibratorKind.Isotonic, null, null, inputs, outputs);
    }

    /// <summary>
    /// The calibrated probability. Platt: σ(a·logit(p) + b), with p clipped to [1e-15, 1 − 1e-15] first.
    /// Isotonic: linear interpolation between breakpoints, flat beyond the first and last.
    /// </summary>
    public double Apply(double probability) => Kind switch
    {
        CalibratorKind.Platt => Probability.Sigmoid(Slope.GetValueOrDefault() * Probability.Logit(probability) + Intercept.GetValueOrDefault()),
        CalibratorKind.Isotonic => Interpolate(probability),
        _ => probability,
    };

    /// <summary>Calibrates many probabilities at once.</summary>
    public void Apply(ReadOnlySpan<double> probabilities, Span<double> destination)
    {
        if (destination.Length < probabilities.Length)
        {
            throw new ArgumentException("The destination is shorter than the input.", nameof(destination));
        }

        for (var i = 0; i < probabilities.Length; i++)
        {
            destination[i] = Apply(probabilities[i]);
        }
    }

    /// <summary>Same kind and the same parameters or breakpoints.</summary>
    public bool Equals(ProbabilityCalibrator? other) =>
        other is not null
        && Kind == other.Kind
        && Slope == other.Slope
        && Intercept == other.Intercept
        && _inputs.AsSpan().SequenceEqual(other._inputs)
        && _outputs.AsSpan().SequenceEqual(other._outputs);

    public override int GetHashCode() => HashCode.Combine(Kind, Slope, Intercept, _inputs.Length);

    private double Interpolate(double probability)
    {
        if (probability <= _inputs[0])
        {
            return _outputs[0];
        }

        var last = _inputs.Length - 1;
        if (probability >= _inputs[last])
        {
            return _outputs[last];
        }

        var index = Array.BinarySearch(_inputs, probability);
        if (index >= 0)
        {
            return _outputs[index];
        }

        var above = ~index;
        var below = above - 1;
        var share = (probability - _inputs[below]) / (_inputs[above] - _inputs[below]);
        return _outputs[below] + share * (_outputs[above] - _outputs[below]);
    }

    private static void CheckBreakpoints(double[] inputs, double[] outputs)
    {
        if (inputs.Length == 0 || inputs.Length != outputs.Length)
        {
            throw new ArgumentException("An isotonic calibrator needs the same, non-zero number of inputs and outputs.", nameof(inputs));
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            if (!double.IsFinite(inputs[i]) || !(outputs[i] is >= 0 and <= 1))
            {
                throw new ArgumentException($"Breakpoint {i} is not a finite input with an output in [0, 1].", nameof(inputs));
            }

            if (i > 0 && (inputs[i] <= inputs[i - 1] || outputs[i] < outputs[i - 1]))
            {
                throw new ArgumentException(
                    $"Breakpoint {i}: inputs must strictly increase and outputs must not decrease.", nameof(inputs));
            }
        }
    }
}
