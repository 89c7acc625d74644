#nullable enable
// Compiled by RoslynCodeTaskFactory from Directory.Build.targets (see docs/decisions/0001-weak-glibcxx-version-need.md).
// It targets the reference set that factory compiles against (netstandard), so it avoids newer BCL APIs.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks TorchSharp's need for GLIBCXX_3.4.32 as weak in the build output's copy of libLibTorchSharp.so, so the
/// library loads against an older libstdc++ (Debian 12 stops at GLIBCXX_3.4.30).
/// </summary>
/// <remarks>
/// GCC 13's &lt;iostream&gt; makes every object that includes it reference the marker symbol
/// std::ios_base_library_init(), versioned GLIBCXX_3.4.32, so that the linker pulls in a libstdc++ new enough
/// to initialise the standard streams itself. No relocation uses the symbol, so the dynamic loader never
/// looks it up; the only thing that fails on an older libstdc++ is the version check, and glibc skips a
/// missing version whose Vernaux entry carries VER_FLG_WEAK. The task refuses to patch when any other symbol
/// carries that version, because then a weak need would only move the failure to the first call.
/// </remarks>
public sealed class WeakenGlibcxxMarkerNeed : Task
{
    private const string Library = "libstdc++.so.6";
    private const string Version = "GLIBCXX_3.4.32";
    private const string Marker = "_ZSt21ios_base_library_initv";
    private const uint ShtDynsym = 11;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlgWeak = 0x2;

    /// <summary>
    /// Output copies of libLibTorchSharp.so (never the NuGet cache's files), each with metadata Shipped: the file it
    /// was copied from.
    /// </summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>Patch even when this machine's libstdc++ defines the version (building for an older target).</summary>
    public bool Always { get; set; }

    public override bool Execute()
    {
        if (!Always)
        {
            string? system = FindSystemLibstdcxx();
            if (system != null && Defines(File.ReadAllBytes(system), Version))
            {
                Log.LogMessage(MessageImportance.Low, "{0} defines {1}: libLibTorchSharp.so left as shipped.", system, Version);
                return true;
            }
        }

        foreach (ITaskItem item in Files)
        {
            string path = item.ItemSpec;
            if (File.Exists(path))
            {
                string shipped = item.GetMetadata("Shipped");
                Patch(path, shipped.Length > 0 && File.Exists(shipped) ? shipped : path);
            }
        }

        return !Log.HasLoggedErrors;
    }

    private void Patch(string path, string shippedFile)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (!IsElf64LittleEndian(elf))
        {
            Log.LogMessage(MessageImportance.Low, "{0} is not a little-endian ELF64 file: left alone.", path);
            return;
        }

        Section[] sections = ReadSections(elf);
        Section? verneed = Find(sections, ShtGnuVerneed);
        if (verneed == null)
        {
            Log.LogMessage(MessageImportance.Low, "{0} has no version needs: left alone.", path);
            return;
        }

        int flagsOffset = -1;
        ushort flags = 0;
        ushort index = 0;
        long strings = sections[verneed.Link].Offset;
        long need = verneed.Offset;
        for (uint n = 0; n < verneed.Info; n++)
        {
            ushort count = U16(elf, need + 2);
            string file = CString(elf, strings + U32(elf, need + 4));
            long aux = need + U32(elf, need + 8);
            for (int a = 0; a < count; a++)
            {
                if (file == Library && CString(elf, strings + U32(elf, aux + 8)) == Version)
                {
                    flagsOffset = checked((int)(aux + 4));
                    flags = U16(elf, aux + 4);
                    index = U16(elf, aux + 6);
                }

                aux += U32(elf, aux + 12);
            }

            uint next = U32(elf, need + 12);
            if (next == 0)
            {
                break;
            }

            need += next;
        }

        if (flagsOffset < 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0} does not need {1}: left alone.", path, Version);
            return;
        }

        if ((flags & VerFlgWeak) != 0)
        {
            Log.LogMessage(MessageImportance.Low, "{0}: {1} is already a weak need.", path, Version);
            return;
        }

        string? other = OtherSymbolWithVersion(elf, sections, index);
        if (other != null)
        {
            Log.LogWarning(
                "{0} uses {1} for {2}, not only for the marker {3}: left as shipped, it will not load on a libstdc++ without {1}.",
                path, Version, other, Marker);
            return;
        }

        // Write a new file and rename it over the output copy: the copy may be a hard link into the NuGet cache,
        // which must stay byte-identical to the package. The shipped timestamp is kept so that the SDK's
        // copy-if-changed (size and time) leaves the patched copy in place on the next build. The time is read from
        // the shipped file itself because the output copy may be a symbolic link, whose own time differs.
        DateTime shipped = File.GetLastWriteTimeUtc(shippedFile);
        string temporary = path + ".weak-glibcxx.tmp";
        File.Copy(path, temporary, overwrite: true);
        using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
        {
            stream.Position = flagsOffset;
            ushort patched = (ushort)(flags | VerFlgWeak);
            stream.WriteByte((byte)(patched & 0xff));
            stream.WriteByte((byte)(patched >> 8));
        }

        File.SetLastWriteTimeUtc(temporary, shipped);
        File.Replace(temporary, path, null);
        Log.LogMessage(MessageImportance.Normal, "{0}: marked the {1} need of {2} weak (only the {3} marker uses it).", path, Library, Version, Marker);
    }

    // Name of a dynamic symbol, other than the undefined marker, whose version index is the given one.
    private static string? OtherSymbolWithVersion(byte[] elf, Section[] sections, ushort index)
    {
        Section? dynsym = Find(sections, ShtDynsym);
        Section? versym = Find(sections, ShtGnuVersym);
        if (dynsym == null || versym == null || dynsym.EntrySize == 0)
        {
            return "(no dynamic symbol table)";
        }

        long strings = sections[dynsym.Link].Offset;
        long count = dynsym.Size / dynsym.EntrySize;
        for (long i = 0; i < count; i++)
        {
            if ((U16(elf, versym.Offset + (i * 2)) & 0x7fff) != index)
            {
                continue;
            }

            long symbol = dynsym.Offset + (i * dynsym.EntrySize);
            string name = CString(elf, strings + U32(elf, symbol));
            bool undefined = U16(elf, symbol + 6) == 0;
            if (name != Marker || !undefined)
            {
                return name;
            }
        }

        return null;
    }

    private static bool Defines(byte[] elf, string version)
    {
        if (!IsElf64LittleEndian(elf))
        {
            return false;
        }

        Section[] sections = ReadSections(elf);
        Section? verdef = Find(sections, ShtGnuVerdef);
        if (verdef == null)
        {
            return false;
        }

        long strings = sections[verdef.Link].Offset;
        long def = verdef.Offset;
        for (uint n = 0; n < verdef.Info; n++)
        {
            long aux = def + U32(elf, def + 12);
            if (CString(elf, strings + U32(elf, aux)) == version)
            {
                return true;
            }

            uint next = U32(elf, def + 16);
            if (next == 0)
            {
                break;
            }

            def += next;
        }

        return false;
    }

    // The loader's own search order is not reproducible here; the distribution's library directories are what
    // a process started without LD_LIBRARY_PATH gets.
    private static string? FindSystemLibstdcxx()
    {
        string triplet = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
        string[] directories =
        {
            "/lib/" + triplet, "/usr/lib/" + triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        };
        foreach (string directory in directories)
        {
            string candidate = Path.Combine(directory, Library);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsElf64LittleEndian(byte[] elf) =>
        BitConverter.IsLittleEndian && elf.Length > 64 && elf[0] == 0x7f && elf[1] == (byte)'E' && elf[2] == (byte)'L'
        && elf[3] == (byte)'F' && elf[4] == 2 && elf[5] == 1;

    private static Section[] ReadSections(byte[] elf)
    {
        long offset = (long)U64(elf, 0x28);
        ushort entrySize = U16(elf, 0x3a);
        ushort count = U16(elf, 0x3c);
        var sections = new Section[count];
        for (int i = 0; i < count; i++)
        {
            long header = offset + ((long)i * entrySize);
            sections[i] = new Section(
                U32(elf, header + 4), (long)U64(elf, header + 24), (long)U64(elf, header + 32),
                (int)U32(elf, header + 40), U32(elf, header + 44), (long)U64(elf, header + 56));
        }

        return sections;
    }

    private static Section? Find(Section[] sections, uint type)
    {
        foreach (Section section in sections)
        {
            if (section.Type == type)
            {
                return section;
            }
        }

        return null;
    }

    private static ushort U16(byte[] elf, long offset) => BitConverter.ToUInt16(elf, checked((int)offset));

    private static uint U32(byte[] elf, long offset) => BitConverter.ToUInt32(elf, checked((int)offset));

    private static ulong U64(byte[] elf, long offset) => BitConverter.ToUInt64(elf, checked((int)offset));

    private static string CString(byte[] elf, long offset)
    {
        int start = checked((int)offset);
        int end = Array.IndexOf(elf, (byte)0, start);
        return Encoding.ASCII.GetString(elf, start, end - start);
    }

    private sealed class Section
    {
        public Section(uint type, long offset, long size, int link, uint info, long entrySize)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
            EntrySize = entrySize;
        }

        public uint Type { get; }
        public long Offset { get; }
        public long Size { get; }
        public int Link { get; }
        public uint Info { get; }
        public long EntrySize { get; }
    }
}
