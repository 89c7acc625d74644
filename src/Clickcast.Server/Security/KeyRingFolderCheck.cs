using Clickcast.Server.Hosting;

namespace Clickcast.Server.Security;

/// <summary>
/// The key ring folder must exist (it is created) and be writable before the server starts: Data Protection would
/// otherwise only log an error and fail later, on the first secret a task definition holds.
/// </summary>
internal static class KeyRingFolderCheck
{
    /// <exception cref="SettingsException">The folder cannot be created or written, naming the folder and why.</exception>
    public static void Ensure(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        try
        {
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"KeyRingPath: the key ring folder {folder} cannot be created or written ({ex.Message}); point KeyRingPath (or DataPath) at a writable folder.", ex);
        }
    }
}
