using System.Runtime.InteropServices;

namespace Clickcast.Training.Baselines;

/// <summary>
/// The few calls of LightGBM's C API (c_api.h of 4.7.0) the family uses. The library is the LightGBM NuGet package's
/// <c>lib_lightgbm</c>, copied under runtimes/&lt;rid&gt;/native by the SDK (see docs/decisions/0005).
/// </summary>
internal static partial class LightGbmNative
{
    private const string Library = "lib_lightgbm";

    internal const int Float32 = 0;
    internal const int Float64 = 1;
    internal const int PredictNormal = 0;

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetCreateFromMat(float[] data, int dataType, int rows, int columns, int isRowMajor, string parameters, IntPtr reference, out IntPtr dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_DatasetSetField(IntPtr dataset, string field, float[] data, int count, int type);

    [LibraryImport(Library)]
    internal static partial int LGBM_DatasetFree(IntPtr dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_BoosterCreate(IntPtr train, string parameters, out IntPtr booster);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterAddValidData(IntPtr booster, IntPtr validation);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterUpdateOneIter(IntPtr booster, out int finished);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterGetEval(IntPtr booster, int dataIndex, out int count, [Out] double[] results);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterSaveModelToString(IntPtr booster, int startIteration, int iterations, int importanceType, long bufferLength, out long length, [Out] byte[] buffer);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterLoadModelFromString(byte[] model, out int iterations, out IntPtr booster);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int LGBM_BoosterPredictForMat(IntPtr booster, float[] data, int dataType, int rows, int columns, int isRowMajor, int predictType, int startIteration, int iterations, string parameters, out long length, [Out] double[] results);

    [LibraryImport(Library)]
    internal static partial int LGBM_BoosterFree(IntPtr booster);

    [LibraryImport(Library)]
    internal static partial IntPtr LGBM_GetLastError();

    /// <summary>Throws LightGBM's last error when <paramref name="status"/> is not 0.</summary>
    internal static void Check(int status, string call)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"LightGBM {call} failed: {Marshal.PtrToStringUTF8(LGBM_GetLastError())}");
        }
    }
}
