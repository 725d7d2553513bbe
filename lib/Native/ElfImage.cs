using System.Buffers.Binary;
using System.Text;

namespace Autoencoders.Native;

/// <summary>
/// A read-only view of the symbol-versioning tables of a 64-bit little-endian ELF shared library:
/// the versions it needs from other libraries, the versions it defines, and which dynamic symbols
/// use which version. Only what the libstdc++ compatibility check needs is parsed.
/// </summary>
internal sealed class ElfImage
{
    private const uint SectionTypeDynSym = 11;
    private const uint SectionTypeVersionDefinitions = 0x6ffffffd;
    private const uint SectionTypeVersionNeeds = 0x6ffffffe;
    private const uint SectionTypeVersionSymbols = 0x6fffffff;
    private const ushort VersionFlagWeak = 0x2;

    private readonly byte[] _bytes;
    private readonly List<Section> _sections;

    private ElfImage(string path, byte[] bytes)
    {
        Path = path;
        _bytes = bytes;
        _sections = ReadSections();
    }

    /// <summary>The file this image was read from.</summary>
    public string Path { get; }

    /// <summary>The raw bytes of the file; <see cref="VersionNeed.FlagsOffset"/> indexes into them.</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>Reads and validates an ELF file; throws <see cref="InvalidDataException"/> naming the file when it is not one.</summary>
    public static ElfImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
        {
            throw new InvalidDataException($"{path}: not an ELF file (bad magic number).");
        }

        if (bytes[4] != 2 || bytes[5] != 1)
        {
            throw new InvalidDataException($"{path}: only 64-bit little-endian ELF files are supported.");
        }

        return new ElfImage(path, bytes);
    }

    /// <summary>The versions this library requires from the libraries it links against (<c>.gnu.version_r</c>).</summary>
    public IReadOnlyList<VersionNeed> VersionNeeds()
    {
        var result = new List<VersionNeed>();
        foreach (var section in _sections.Where(s => s.Type == SectionTypeVersionNeeds))
        {
            var strings = _sections[(int)section.Link];
            var entry = section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                var file = ReadString(strings, U32(entry + 4));
                var aux = entry + I32(entry + 8);
                for (var j = 0; j < U16(entry + 2); j++)
                {
                    var flags = U16(aux + 4);
                    result.Add(new VersionNeed(
                        File: file,
                        Name: ReadString(strings, U32(aux + 8)),
                        Index: U16(aux + 6),
                        IsWeak: (flags & VersionFlagWeak) != 0,
                        FlagsOffset: aux + 4));
                    aux += I32(aux + 12);
                }

                entry += I32(entry + 12);
            }
        }

        return result;
    }

    /// <summary>The version names this library defines (<c>.gnu.version_d</c>), e.g. <c>GLIBCXX_3.4.30</c>.</summary>
    public IReadOnlySet<string> VersionDefinitions()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in _sections.Where(s => s.Type == SectionTypeVersionDefinitions))
        {
            var strings = _sections[(int)section.Link];
            var entry = section.Offset;
            for (var i = 0; i < section.Info; i++)
            {
                var aux = entry + I32(entry + 12);
                for (var j = 0; j < U16(entry + 6); j++)
                {
                    result.Add(ReadString(strings, U32(aux)));
                    aux += I32(aux + 4);
                }

                entry += I32(entry + 16);
            }
        }

        return result;
    }

    /// <summary>Names of the dynamic symbols bound to the given version index (the <c>vna_other</c> of a need).</summary>
    public IReadOnlyList<string> SymbolsWithVersion(int versionIndex)
    {
        var versions = _sections.FirstOrDefault(s => s.Type == SectionTypeVersionSymbols);
        var symbols = _sections.FirstOrDefault(s => s.Type == SectionTypeDynSym);
        if (versions is null || symbols is null)
        {
            return [];
        }

        var strings = _sections[(int)symbols.Link];
        var count = symbols.Size / 24;
        var result = new List<string>();
        for (var i = 0; i < count; i++)
        {
            if ((U16(versions.Offset + (2 * i)) & 0x7fff) == versionIndex)
            {
                result.Add(ReadString(strings, U32(symbols.Offset + (24 * i))));
            }
        }

        return result;
    }

    private List<Section> ReadSections()
    {
        var tableOffset = checked((int)U64(0x28));
        var entrySize = U16(0x3a);
        var count = U16(0x3c);
        if (tableOffset <= 0 || entrySize < 64 || tableOffset + ((long)entrySize * count) > _bytes.Length)
        {
            throw new InvalidDataException($"{Path}: the section header table is missing or truncated.");
        }

        var sections = new List<Section>(count);
        for (var i = 0; i < count; i++)
        {
            var header = tableOffset + (i * entrySize);
            var section = new Section(
                Type: U32(header + 4),
                Offset: checked((int)U64(header + 24)),
                Size: checked((int)U64(header + 32)),
                Link: U32(header + 40),
                Info: U32(header + 44));
            if (section.Type != 8 && (long)section.Offset + section.Size > _bytes.Length)
            {
                throw new InvalidDataException($"{Path}: section {i} lies outside the file (truncated download?).");
            }

            sections.Add(section);
        }

        return sections;
    }

    private string ReadString(Section table, uint offset)
    {
        var start = table.Offset + (int)offset;
        var end = Array.IndexOf(_bytes, (byte)0, start);
        return Encoding.ASCII.GetString(_bytes, start, end - start);
    }

    private ushort U16(int offset) => BinaryPrimitives.ReadUInt16LittleEndian(_bytes.AsSpan(offset));

    private uint U32(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(_bytes.AsSpan(offset));

    private int I32(int offset) => checked((int)U32(offset));

    private ulong U64(int offset) => BinaryPrimitives.ReadUInt64LittleEndian(_bytes.AsSpan(offset));

    private sealed record Section(uint Type, int Offset, int Size, uint Link, uint Info);
}

/// <summary>One entry of <c>.gnu.version_r</c>: "this library needs version <paramref name="Name"/> of <paramref name="File"/>".</summary>
/// <param name="File">The library that must provide the version, e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Name">The version name, e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Index">The version index that <c>.gnu.version</c> uses for symbols bound to this version.</param>
/// <param name="IsWeak">Whether the <c>VER_FLG_WEAK</c> flag is set: glibc then tolerates the version being absent.</param>
/// <param name="FlagsOffset">File offset of the 2-byte <c>vna_flags</c> field.</param>
internal sealed record VersionNeed(string File, string Name, int Index, bool IsWeak, int FlagsOffset);
