using System.Text;

namespace Delegation.Tests.Cli;

/// <summary>A real file in a temporary folder, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    private TempFile(string path) => Path = path;

    public string Path { get; }

    public static TempFile Create(string extension, string content, bool bom = false) =>
        Create(extension, [.. (bom ? Encoding.UTF8.Preamble : []), .. Encoding.UTF8.GetBytes(content)]);

    public static TempFile Create(string extension, byte[] content)
    {
        var file = Empty(extension);
        File.WriteAllBytes(file.Path, content);
        return file;
    }

    public static TempFile Empty(string extension) =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"delegation-{Guid.NewGuid():N}{extension}"));

    public string ReadAllText() => File.ReadAllText(Path);

    public void Dispose() => File.Delete(Path);
}
