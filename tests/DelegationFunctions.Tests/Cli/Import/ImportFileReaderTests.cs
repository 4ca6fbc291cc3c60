using Delegation.Cli.Import;

namespace Delegation.Tests.Cli.Import;

public sealed class ImportFileReaderTests
{
    [Fact]
    public async Task ReadAsync_FileOverTheLimit_IsRefusedBeforeAnyOfItIsRead()
    {
        using var file = TempFile.Empty(".jsonl");
        await using (var stream = File.Create(file.Path))
        {
            stream.SetLength(50L * 1024 * 1024);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = ImportFileReader.ReadAsync(file.Path, null, TestContext.Current.CancellationToken);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(read.IsCompleted, "refused on this thread without waiting, so the allocations counted are all it made");
        var error = await Assert.ThrowsAsync<ImportFileException>(() => read);
        Assert.Contains("is 50.0 MiB; the limit is 32 MiB", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 1024 * 1024, $"allocated {allocated} bytes");
    }
}
