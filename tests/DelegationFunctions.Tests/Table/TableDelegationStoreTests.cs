using Azure;
using Azure.Data.Tables;
using Delegation.Table;

namespace Delegation.Tests.Table;

/// <summary>The table store against a real table (Azurite): what each call answers, and what it leaves in the table.</summary>
public sealed class TableDelegationStoreTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TryAdd_NewDomain_StoresEveryColumnAndReadsBackWithAnETag()
    {
        var (table, store) = await NewStoreAsync();
        var row = new DelegationRow("example.com")
        {
            Server = "matrix.example.com:443",
            ClientBaseUrl = "https://matrix.example.com",
            IdentityServerBaseUrl = "https://id.example.com",
            ClientExtra = "{\"org.example.x\":1}",
            Support = "{\"contacts\":[]}",
        };

        Assert.True(await store.TryAddAsync(row, Cancellation));

        var read = await store.GetAsync("example.com", Cancellation);
        Assert.NotNull(read);
        Assert.True(read.HasSameValues(row));
        Assert.NotNull(read.ETag);
        var entity = (await table.GetEntityAsync<TableEntity>("example.com", string.Empty, cancellationToken: Cancellation)).Value;
        Assert.Equal("matrix.example.com:443", entity.GetString("Server"));
    }

    [Fact]
    public async Task TryAdd_DomainExists_AnswersFalseAndKeepsTheStoredRow()
    {
        var (_, store) = await NewStoreAsync();
        await store.TryAddAsync(new DelegationRow("example.com") { Server = "first.example:443" }, Cancellation);

        var added = await store.TryAddAsync(new DelegationRow("example.com") { Server = "second.example:443" }, Cancellation);

        Assert.False(added);
        Assert.Equal("first.example:443", (await store.GetAsync("example.com", Cancellation))?.Server);
    }

    [Fact]
    public async Task TryReplace_AtTheETagRead_Replaces()
    {
        var (_, store) = await NewStoreAsync();
        await store.TryAddAsync(new DelegationRow("example.com") { Server = "old.example:443", ClientBaseUrl = "https://old.example" }, Cancellation);
        var read = (await store.GetAsync("example.com", Cancellation))!;

        var replaced = await store.TryReplaceAsync(new DelegationRow("example.com") { Server = "new.example:443" }, read.ETag!.Value, Cancellation);

        Assert.True(replaced);
        var now = (await store.GetAsync("example.com", Cancellation))!;
        Assert.Equal("new.example:443", now.Server);
        Assert.Null(now.ClientBaseUrl); // a replace, not a merge: a column left out is gone
        Assert.NotEqual(read.ETag, now.ETag);
    }

    [Fact]
    public async Task TryReplace_RowChangedSinceRead_AnswersFalseAndKeepsTheOtherEdit()
    {
        var (table, store) = await NewStoreAsync();
        await store.TryAddAsync(new DelegationRow("example.com") { Server = "old.example:443" }, Cancellation);
        var read = (await store.GetAsync("example.com", Cancellation))!;
        await table.UpsertEntityAsync(new TableEntity("example.com", string.Empty) { ["Server"] = "theirs.example:443" }, TableUpdateMode.Replace, Cancellation);

        var replaced = await store.TryReplaceAsync(new DelegationRow("example.com") { Server = "mine.example:443" }, read.ETag!.Value, Cancellation);

        Assert.False(replaced);
        Assert.Equal("theirs.example:443", (await store.GetAsync("example.com", Cancellation))?.Server);
    }

    [Fact]
    public async Task TryReplace_RowDeletedSinceRead_AnswersFalseAndDoesNotRecreateIt()
    {
        var (table, store) = await NewStoreAsync();
        await store.TryAddAsync(new DelegationRow("example.com") { Server = "old.example:443" }, Cancellation);
        var read = (await store.GetAsync("example.com", Cancellation))!;
        await table.DeleteEntityAsync("example.com", string.Empty, ETag.All, Cancellation);

        var replaced = await store.TryReplaceAsync(new DelegationRow("example.com") { Server = "mine.example:443" }, read.ETag!.Value, Cancellation);

        Assert.False(replaced);
        Assert.Null(await store.GetAsync("example.com", Cancellation));
    }

    [Fact]
    public async Task TryDelete_RowChangedSinceRead_AnswersFalseAndKeepsIt()
    {
        var (table, store) = await NewStoreAsync();
        await store.TryAddAsync(new DelegationRow("example.com") { Server = "old.example:443" }, Cancellation);
        var read = (await store.GetAsync("example.com", Cancellation))!;
        await table.UpsertEntityAsync(new TableEntity("example.com", string.Empty) { ["Server"] = "theirs.example:443" }, TableUpdateMode.Replace, Cancellation);

        Assert.False(await store.TryDeleteAsync("example.com", read.ETag!.Value, Cancellation));
        Assert.NotNull(await store.GetAsync("example.com", Cancellation));

        var current = (await store.GetAsync("example.com", Cancellation))!;
        Assert.True(await store.TryDeleteAsync("example.com", current.ETag!.Value, Cancellation));
        Assert.Null(await store.GetAsync("example.com", Cancellation));
    }

    [Fact]
    public async Task Get_ColumnsEditedByHand_EmptyIsUnsetAndAWrongTypeIsAColumnErrorNamingTheValue()
    {
        var (table, store) = await NewStoreAsync();
        await table.AddEntityAsync(new TableEntity("example.com", string.Empty) { ["Server"] = 8448, ["ClientBaseUrl"] = string.Empty, ["Note"] = "ignored" }, Cancellation);

        var row = (await store.GetAsync("example.com", Cancellation))!;

        Assert.Null(row.Server);
        Assert.Null(row.ClientBaseUrl);
        var error = Assert.Single(row.ColumnErrors);
        Assert.Equal("Server", error.Field);
        Assert.Equal("8448", error.Value);
        Assert.Contains("must be a string", error.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_MoreRowsThanOnePage_ReturnsEveryRowInPartitionKeyOrder()
    {
        var (table, store) = await NewStoreAsync();
        var domains = Enumerable.Range(0, 1_050).Select(i => $"d{i:D4}.example").ToList();
        foreach (var batch in domains.Chunk(100))
        {
            await table.SubmitTransactionAsync(batch.Select(d => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(d, string.Empty) { ["Server"] = $"m.{d}:443" })), Cancellation);
        }

        var listed = new List<string>();
        await foreach (var row in store.ListAsync(Cancellation))
        {
            listed.Add(row.Domain);
        }

        Assert.Equal(domains, listed);
    }

    [Fact]
    public async Task Get_TableMissing_FailsWithTheStorageErrorInsteadOfAnsweringNoRow()
    {
        var azurite = await Azurite.Shared;
        var store = new TableDelegationStore(new TableServiceClient(azurite.ConnectionString).GetTableClient("missing" + Guid.NewGuid().ToString("N")[..12]));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => store.GetAsync("example.com", Cancellation));

        Assert.Equal(404, failure.Status);
        Assert.Equal("TableNotFound", failure.ErrorCode);
    }

    private static async Task<(TableClient Table, TableDelegationStore Store)> NewStoreAsync()
    {
        var table = await (await Azurite.Shared).CreateTableAsync();
        return (table, new TableDelegationStore(table));
    }
}
