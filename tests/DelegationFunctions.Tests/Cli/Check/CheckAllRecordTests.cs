using System.Text.Json;
using Delegation.Table;
using Delegation.Tests.Checks;

namespace Delegation.Tests.Cli.Check;

/// <summary>
/// <c>check --all --record</c> against crafted scenario servers behind rows in Azurite, then <c>list</c> and
/// <c>checks</c> reading what was recorded.
/// </summary>
public sealed class CheckAllRecordTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CheckAllRecord_ThenList_ShowsEachDomainsCheck()
    {
        await using var setup = await SetupAsync();

        var check = await CliRun.InvokeAsync(["check", "--all", "--record", .. setup.Table, .. setup.Network.Arguments()]);
        var list = await CliRun.InvokeAsync(["list", .. setup.Table]);

        output.WriteLine("$ delegation check --all --record");
        output.WriteLine(check.Output + check.Error);
        output.WriteLine("$ delegation list");
        output.WriteLine(list.Output);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("recorded 3 results (1 ok, 1 warning, 1 fail)", check.Error, StringComparison.Ordinal);
        Assert.Equal(0, list.ExitCode);
        var lines = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.EndsWith("STATUS   CHECK", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            [("*.wild.test", "never"), ("broken.test", "FAIL"), ("good.test", "ok"), ("portless.test", "warn")],
            lines.Skip(1).Select(l => (l.Split(' ')[0], l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])));
    }

    [Fact]
    public async Task CheckAllRecord_CertificateWarningSetting_GradesAsTheWatchWould()
    {
        await using var setup = await SetupAsync();
        var watchSettings = new Dictionary<string, string> { ["DelegationChecks__CertificateWarningDays"] = "36500" };

        var check = await DelegationProcess.RunAsync(["check", "--all", "--record", .. setup.Table, .. setup.Network.Arguments()], watchSettings);
        var json = await CliRun.InvokeAsync(["checks", "--json", "--status", "warning", .. setup.Table]);

        output.WriteLine(check.AllOutput);
        Assert.Contains("recorded 3 results (0 ok, 2 warning, 1 fail)", check.Error, StringComparison.Ordinal);
        var good = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).Single(r => r.GetProperty("domain").GetString() == "good.test");
        Assert.Equal("federation", good.GetProperty("step").GetString());
        Assert.EndsWith("but its certificate expires within 36500 days", good.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_StatusFilterAndJson_ShowRecordedResults()
    {
        await using var setup = await SetupAsync();
        await CliRun.InvokeAsync(["check", "--all", "--record", .. setup.Table, .. setup.Network.Arguments()]);

        var failing = await CliRun.InvokeAsync(["checks", "--status", "fail", .. setup.Table]);
        var json = await CliRun.InvokeAsync(["checks", "--json", .. setup.Table]);
        var listJson = await CliRun.InvokeAsync(["list", "--json", .. setup.Table]);

        output.WriteLine(failing.Output);
        Assert.Equal(0, failing.ExitCode);
        var failingLines = failing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, failingLines.Length);
        Assert.StartsWith("broken.test  fail", failingLines[1], StringComparison.Ordinal);
        Assert.Contains("federation  hs.broken.test:8448: TLS: the certificate is not valid for 'hs.broken.test'", failingLines[1], StringComparison.Ordinal);
        var results = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["broken.test", "good.test", "portless.test"], results.Select(r => r.GetProperty("domain").GetString()));
        Assert.Equal(["fail", "ok", "warning"], results.Select(r => r.GetProperty("result").GetString()));
        Assert.Equal("server well-known", results[2].GetProperty("step").GetString());
        var rows = listJson.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("never", rows[0].GetProperty("Check").GetString());
        Assert.False(rows[0].TryGetProperty("CheckedAt", out _));
        Assert.Equal("fail", rows[1].GetProperty("Check").GetString());
        Assert.Equal("federation", rows[1].GetProperty("CheckStep").GetString());
        Assert.True(rows[2].TryGetProperty("CertificateExpires", out _));
    }

    [Fact]
    public async Task CheckAll_Progress_CountsEachDomainOnceInOrder()
    {
        await using var setup = await SetupAsync();

        var check = await CliRun.InvokeAsync(["check", "--all", "--concurrency", "3", .. setup.Table, .. setup.Network.Arguments()]);

        var progress = check.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(["[1/3]", "[2/3]", "[3/3]"], progress.Select(l => l.Split(' ')[0]));
        Assert.Equal(["broken.test:", "good.test:", "portless.test:"], progress.Select(l => l.Split(' ')[1]).Order());
    }

    [Fact]
    public async Task CheckAllRecord_ResultsTableUnreachable_ExitsThreeAndKeepsDelegations()
    {
        await using var setup = await SetupAsync();
        var before = await setup.Store.ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);

        // Every write to the results table loses its connection; the delegations table is read through the same proxy.
        await using var proxy = await TableWriteProxy.StartAsync(setup.ConnectionString, setup.ChecksTable, writesBeforeFailure: 0);

        var check = await CliRun.InvokeAsync(["check", "--all", "--record", "--connection-string", proxy.ConnectionString, "--table", setup.TableName, "--checks-table", setup.ChecksTable, .. setup.Network.Arguments()]);

        Assert.Equal(3, check.ExitCode);
        var line = check.Error.Split('\n').Single(l => l.StartsWith("Storage error: ", StringComparison.Ordinal));
        Assert.StartsWith("Storage error: 3 of 3 results could not be recorded (0 were); the delegations table is unchanged. First: ", line, StringComparison.Ordinal);
        Assert.Contains(": the table service cannot be reached", line, StringComparison.Ordinal);
        var after = await setup.Store.ListAsync(TestContext.Current.CancellationToken).ToListAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(before.Count, after.Count);
        Assert.All(before.Zip(after), pair => Assert.True(pair.First.HasSameValues(pair.Second)));
    }

    [Fact]
    public async Task CheckAllRecord_DomainWhoseCheckWouldThrow_RecordsEveryRowWithoutStackTrace()
    {
        await using var setup = await SetupAsync();
        await setup.Store.TryAddAsync(new DelegationRow("zwj.test") { Server = "hs.good.test:8448" }, TestContext.Current.CancellationToken);
        setup.Network.Pin("zwj.test", 443).Server.ValidFor("zwj.test")
            .Json("zwj.test", Scenario.ClientWellKnown, "{\"m.homeserver\":{\"base_url\":\"https://a\u200d.crash.test\"}}", 200, Scenario.Cors);

        var check = await CliRun.InvokeAsync(["check", "--all", "--record", .. setup.Table, .. setup.Network.Arguments()]);
        var failing = await CliRun.InvokeAsync(["checks", "--status", "fail", .. setup.Table]);

        output.WriteLine(check.Output + check.Error);
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("recorded 4 results (1 ok, 1 warning, 2 fail)", check.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", check.Output + check.Error, StringComparison.Ordinal);
        Assert.Contains(failing.Output.Split('\n'), l => l.StartsWith("zwj.test", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAllRecord_DomainPastItsDeadline_RecordsItFailedNamingTheDeadlineAndChecksTheOthers()
    {
        await using var setup = await SetupAsync();
        using var silent = new LoopbackListener(holdOpen: true);
        await setup.Store.TryAddAsync(new DelegationRow("hang.test") { Server = "hs.hang.test:8448" }, TestContext.Current.CancellationToken);
        // No well-known (404), then 40 SRV targets that accept TCP and never answer: 8 tried, 5 s each without the deadline.
        setup.Network.AllowingPrivateAddresses().Pin("hang.test", 443).Server.ValidFor("hang.test");
        setup.Network.Timeout = TimeSpan.FromSeconds(5);
        for (var i = 0; i < 40; i++)
        {
            setup.Network.Dns.Srv("_matrix-fed._tcp.hang.test", $"t{i}.hang.test", silent.Port, priority: i).A($"t{i}.hang.test", System.Net.IPAddress.Loopback);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var check = await CliRun.InvokeAsync(["check", "--all", "--record", "--domain-timeout", "12", .. setup.Table, .. setup.Network.Arguments()]);
        clock.Stop();
        var json = await CliRun.InvokeAsync(["checks", "--json", .. setup.Table]);

        output.WriteLine(check.Output + check.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(35), $"took {clock.Elapsed}");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("recorded 4 results (1 ok, 1 warning, 2 fail)", check.Error, StringComparison.Ordinal);
        var results = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["broken.test", "good.test", "hang.test", "portless.test"], results.Select(r => r.GetProperty("domain").GetString()));
        Assert.Equal("deadline", results[2].GetProperty("step").GetString());
        Assert.StartsWith("the check did not finish within the domain deadline of 12 s; still in progress: federation: GET /_matrix/federation/v1/version on t", results[2].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DomainWithTable_ComparesWhatItServesWithItsRow()
    {
        await using var setup = await SetupAsync();
        await setup.Store.TryAddAsync(new DelegationRow("drift.test") { Server = "matrix.example.com:443" }, TestContext.Current.CancellationToken);
        setup.Network.Pin("drift.test", 443).Server.ValidFor("drift.test").Json("drift.test", Scenario.ServerWellKnown, """{"m.server":"hs.good.test:8448"}""", 200, Scenario.Cors);
        string[] table = ["--connection-string", setup.ConnectionString, "--table", setup.TableName];

        var drifted = await CliRun.InvokeAsync(["check", "drift.test", .. table, .. setup.Network.Arguments()]);
        var good = await CliRun.InvokeAsync(["check", "good.test", .. table, .. setup.Network.Arguments()]);
        var noRow = await CliRun.InvokeAsync(["check", "nothing.test", .. table, .. setup.Network.Arguments()]);

        output.WriteLine(drifted.Output);
        Assert.Equal(1, drifted.ExitCode);
        Assert.Contains("[FAIL] drift: serves m.server hs.good.test:8448; its row says matrix.example.com:443", drifted.Output, StringComparison.Ordinal);
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("[ok]   drift: serves m.server hs.good.test:8448, as its row says", good.Output, StringComparison.Ordinal);
        Assert.Contains("nothing.test has no row in the table: what it serves is not compared with a row.", noRow.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checks_RecordedMessageWithControlCharacters_PrintsThemEscaped()
    {
        await using var setup = await SetupAsync();
        var results = new Delegation.Checks.TableCheckResultStore(new Azure.Data.Tables.TableClient(setup.ConnectionString, setup.ChecksTable));
        await results.EnsureTableAsync(TestContext.Current.CancellationToken);
        await results.RecordAsync(new Delegation.Checks.CheckResult("good.test", DateTimeOffset.UtcNow, Delegation.Checks.CheckStatus.Fail, "server well-known", "m.server '\u001b]0;owned\u0007\u001b[2J' is invalid", null), TestContext.Current.CancellationToken);

        var checks = await CliRun.InvokeAsync(["checks", .. setup.Table]);

        Assert.DoesNotContain(checks.Output, c => char.IsControl(c) && c is not '\n' and not '\r');
        Assert.Contains("m.server '\\x1b]0;owned\\x07\\x1b[2J' is invalid", checks.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RecordWithoutAll_IsUsageError()
    {
        var check = await CliRun.InvokeAsync(["check", "example.test", "--record"]);

        Assert.Equal(2, check.ExitCode);
        Assert.Contains("--record needs --all", check.Error, StringComparison.Ordinal);
    }


    private static async Task<Setup> SetupAsync()
    {
        var azurite = await Azurite.Shared;
        var table = await azurite.CreateTableAsync("rows");
        var store = new TableDelegationStore(table);
        await store.TryAddAsync(new DelegationRow("good.test") { Server = "hs.good.test:8448", ClientBaseUrl = "https://hs.good.test" });
        await store.TryAddAsync(new DelegationRow("portless.test") { Server = "hs.portless.test" });
        await store.TryAddAsync(new DelegationRow("broken.test") { Server = "hs.broken.test:8448" });
        await store.TryAddAsync(new DelegationRow("*.wild.test") { Server = "hs.good.test:8448" });

        var network = (await CheckNetwork.StartAsync()).Good("good.test").Broken("broken.test");
        network.Pin("portless.test", 443).Pin("hs.portless.test", 8448);
        network.Server.ValidFor("portless.test", "hs.portless.test")
            .Json("portless.test", Scenario.ServerWellKnown, """{"m.server":"hs.portless.test"}""", 200, Scenario.Cors)
            .Homeserver("hs.portless.test");
        var checksTable = "checks" + Guid.NewGuid().ToString("N")[..12];
        return new Setup(azurite.ConnectionString, table.Name, checksTable, store, network);
    }

    private sealed record Setup(string ConnectionString, string TableName, string ChecksTable, TableDelegationStore Store, CheckNetwork Network) : IAsyncDisposable
    {
        public string[] Table => ["--connection-string", ConnectionString, "--table", TableName, "--checks-table", ChecksTable];

        public ValueTask DisposeAsync() => Network.DisposeAsync();
    }
}
