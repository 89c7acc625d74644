using System.Globalization;
using System.Text;
using Clickcast.Training.Evaluation;

namespace Clickcast.Training;

/// <summary>The model card's Warnings section: what a client must know before trusting the model.</summary>
public static class ModelCardWarnings
{
    /// <summary>Appends "## Warnings" with one bullet per warning; nothing when there are none.</summary>
    public static void Append(StringBuilder text, IReadOnlyList<ModelWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(warnings);
        if (warnings.Count == 0)
        {
            return;
        }

        text.AppendLine();
        text.AppendLine("## Warnings");
        text.AppendLine();
        foreach (var warning in warnings)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- **{warning.Kind}:** {warning.Message}");
        }
    }
}
