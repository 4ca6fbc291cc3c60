namespace Delegation.Tests.Infra;

/// <summary>A temporary folder to use as the whole PATH: only the tools put in it exist for the script.</summary>
internal sealed class ToolFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("path-");

    public ToolFolder()
    {
        // The script needs dirname before it checks anything else.
        File.CreateSymbolicLink(System.IO.Path.Combine(_folder.FullName, "dirname"), "/usr/bin/dirname");
    }

    public string Path => _folder.FullName;

    public void AddFake(string name)
    {
        var file = System.IO.Path.Combine(_folder.FullName, name);
        File.WriteAllText(file, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
