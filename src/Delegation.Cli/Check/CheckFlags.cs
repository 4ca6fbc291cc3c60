using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Delegation.Checks;
using Delegation.Cli.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Delegation.Cli.Check;

/// <summary>
/// The flags of <c>delegation check</c>, read into the engine's <see cref="CheckSettings"/>: those the function app has
/// as settings are laid over the environment's <c>DelegationChecks__*</c>, the operator's own (pins, DNS server, origin,
/// extra trust) are set directly. Each flag is checked first, so its line names the flag.
/// </summary>
internal sealed class CheckFlags
{
    public Option<string[]> Resolve { get; } = new("--resolve")
    {
        Description = "Pin host:port to an address, as curl does: host:port:address. A fourth part, host:port:address:connect-port, connects to another port (for test servers). Repeatable.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> Via { get; } = new("--via")
    {
        Description = "Fetch the three well-known documents from this origin (http://127.0.0.1:8080, https://staging.example.net) with the domain as Host, instead of from the domain's address: checks a service before DNS points at it. http:// skips TLS for that hop; https:// checks the certificate for the domain. Homeserver checks still go where the documents say.",
    };

    public Option<string?> Dns { get; } = new("--dns") { Description = "Ask this DNS server (address[:port], IPv6 as [::1]:53) for SRV, A and AAAA records instead of the system's." };

    public Option<string[]> CaCert { get; } = new("--ca-cert") { Description = "Also trust the certificate authorities in this PEM file. Repeatable." };

    public Option<double> Timeout { get; } = new("--timeout") { Description = "Seconds to wait for each connection, DNS answer and response: the request timeout the report names (default 30, as gomatrixserverlib).", DefaultValueFactory = _ => CheckSettings.DefaultRequestTimeoutSeconds };

    public Option<double?> DomainTimeout { get; } = new("--domain-timeout")
    {
        Description = "Seconds one domain's whole check may take (every document, redirect, SRV target and the drift comparison); then it fails, naming the step in progress. Default: the setting DelegationChecks__DomainTimeoutSeconds, else 180, as the function app's scheduled checks.",
    };

    public Option<bool> AllowPrivateAddresses { get; } = new("--allow-private-addresses")
    {
        Description = "Also connect to loopback, private, link-local and other non-public addresses when a domain's documents or DNS name them (refused by default; --resolve pins are always allowed). Same as the setting DelegationChecks__AllowPrivateAddresses=true.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(AllowPrivateAddresses);
        command.Options.Add(Resolve);
        command.Options.Add(Via);
        command.Options.Add(Dns);
        command.Options.Add(CaCert);
        command.Options.Add(Timeout);
        command.Options.Add(DomainTimeout);
    }

    /// <summary>
    /// This command's part of the invocation's service provider: the settings from the flags and the check engine
    /// (<see cref="ChecksServiceCollectionExtensions.AddDelegationChecks"/>). <paramref name="concurrency"/> is given with
    /// --all; <paramref name="environment"/> holds the settings the flags are laid over.
    /// </summary>
    public CommandServices Read(ParseResult parseResult, IConfiguration environment, int? concurrency)
    {
        var timeout = parseResult.GetValue(Timeout);
        if (!CheckSettings.IsRequestTimeout(timeout))
        {
            throw new CliException(ExitCodes.Usage, $"--timeout '{timeout}' is invalid: it must be a number of seconds above 0 and at most {CheckSettings.MaxRequestTimeoutSeconds}.");
        }

        var pins = new List<ResolvePin>();
        foreach (var text in parseResult.GetValue(Resolve) ?? [])
        {
            pins.Add(ResolvePin.TryParse(text, out var pin) ? pin : throw new CliException(ExitCodes.Usage, $"--resolve '{text}' is invalid: it {ResolvePin.Rule}."));
        }

        var settings = new Dictionary<string, string?> { [Key(nameof(CheckSettings.RequestTimeoutSeconds))] = Text(timeout) };
        var domainTimeout = parseResult.GetValue(DomainTimeout);
        var deadline = domainTimeout ?? (double.TryParse(environment[Key(nameof(CheckSettings.DomainTimeoutSeconds))], CultureInfo.InvariantCulture, out var seconds) ? seconds : CheckSettings.DefaultDomainTimeoutSeconds);
        if (!CheckSettings.IsDomainTimeout(deadline, timeout))
        {
            var source = domainTimeout is null ? $"{CheckSettings.SectionName}__{nameof(CheckSettings.DomainTimeoutSeconds)}" : "--domain-timeout";
            throw new CliException(ExitCodes.Usage, $"{source} '{deadline}' is invalid: it must be at least --timeout ({timeout} s), since one request may take that long, and at most {CheckSettings.MaxDomainTimeoutSeconds} seconds.");
        }

        if (domainTimeout is not null)
        {
            settings[Key(nameof(CheckSettings.DomainTimeoutSeconds))] = Text(deadline);
        }

        if (concurrency is { } limit)
        {
            settings[Key(nameof(CheckSettings.Concurrency))] = CheckSettings.IsConcurrency(limit)
                ? limit.ToString(CultureInfo.InvariantCulture)
                : throw new CliException(ExitCodes.Usage, $"--concurrency '{limit}' is invalid: it must be from 1 to {CheckSettings.MaxConcurrency}.");
        }

        if (parseResult.GetValue(AllowPrivateAddresses))
        {
            settings[Key(nameof(CheckSettings.AllowPrivateAddresses))] = "true";
        }

        var dns = ReadDns(parseResult.GetValue(Dns));
        var via = ReadVia(parseResult.GetValue(Via));
        var authorities = ReadAuthorities(parseResult.GetValue(CaCert) ?? []);
        return new CommandServices(settings, services => services
            .AddLogging()
            .AddDelegationChecks()
            .Configure<CheckSettings>(check =>
            {
                check.Pins = pins;
                check.DnsServer = dns;
                check.Via = via;
                check.ExtraCertificateAuthorities = authorities;
            }));
    }

    private static string Key(string setting) => $"{CheckSettings.SectionName}:{setting}";

    private static string Text(double seconds) => seconds.ToString(CultureInfo.InvariantCulture);

    private static ViaOrigin? ReadVia(string? text) =>
        text is null ? null
        : ViaOrigin.TryParse(text, out var via) ? via
        : throw new CliException(ExitCodes.Usage, $"--via '{text}' is invalid: it {ViaOrigin.Rule}.");

    private static IPEndPoint? ReadDns(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!IPEndPoint.TryParse(text, out var endPoint))
        {
            throw new CliException(ExitCodes.Usage, $"--dns '{text}' is invalid: it must be an IP address with an optional port, like 127.0.0.1:5353 or [::1]:53.");
        }

        return endPoint.Port == 0 ? new IPEndPoint(endPoint.Address, 53) : endPoint;
    }

    private static X509Certificate2Collection ReadAuthorities(string[] paths)
    {
        var authorities = new X509Certificate2Collection();
        foreach (var path in paths)
        {
            var before = authorities.Count;
            try
            {
                authorities.ImportFromPemFile(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
            {
                throw new CliException(ExitCodes.Usage, $"--ca-cert '{path}' cannot be read: {ex.Message}");
            }

            if (authorities.Count == before)
            {
                throw new CliException(ExitCodes.Usage, $"--ca-cert '{path}' is invalid: it holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
            }
        }

        return authorities;
    }
}
