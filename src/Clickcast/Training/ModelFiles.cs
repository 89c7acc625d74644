using System.Text.Json;
using Clickcast.Storage;

namespace Clickcast.Training;

/// <summary>
/// The files of a model folder. Each version is a folder of immutable files: <c>manifest.json</c>,
/// <c>vocabulary.json</c>, <c>calibration.json</c>, <c>metrics.json</c>, <c>explanation.json</c>, and the family's
/// own weights; a challenger also has <c>comparison.json</c> (the champion of the time on its test clients).
/// </summary>
public static class ModelFiles
{
    public const string Manifest = "manifest.json";
    public const string Vocabulary = "vocabulary.json";
    public const string Calibration = "calibration.json";
    public const string Metrics = "metrics.json";
    public const string Explanation = "explanation.json";
    public const string Comparison = "comparison.json";

    /// <summary>Every file name the domain writes; families add their own.</summary>
    public static readonly IReadOnlyList<string> Common = [Manifest, Vocabulary, Calibration, Metrics, Explanation];

    public static void Write<T>(string folder, string name, T value) =>
        File.WriteAllBytes(Path.Combine(folder, name), JsonSerializer.SerializeToUtf8Bytes(value, ClickcastJson.Indented));

    public static T Read<T>(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), ClickcastJson.Options)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }

    public static void WriteVocabulary(string folder, Training.Vocabulary vocabulary) => Write(folder, Vocabulary, vocabulary.Tokens);

    public static Training.Vocabulary ReadVocabulary(string folder) => Training.Vocabulary.FromTokens(Read<string[]>(folder, Vocabulary));
}
