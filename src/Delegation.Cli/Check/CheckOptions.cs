using System.CommandLine;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography;
using Delegation.Checks;
using Delegation.Cli.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Delegation.Cli.Check;

/// <summary>The network options of <c>delegation check</c>, turned into <see cref="CheckSettings"/> with clear errors.</summary>
internal sealed class CheckOptions
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

    public Option<double> Timeout { get; } = new("--timeout") { Description = "Seconds to wait for each connection, DNS answer and response (default 30, as gomatrixserverlib).", DefaultValueFactory = _ => CheckSettings.DefaultTimeout.TotalSeconds };

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

    public CheckSettings Read(ParseResult parseResult)
    {
        var timeout = parseResult.GetValue(Timeout);
        if (!(timeout > 0 && timeout <= 600))
        {
            throw new CliException(ExitCodes.Usage, $"--timeout '{timeout}' is invalid: it must be a number of seconds above 0 and at most 600.");
        }

        var pins = new List<ResolvePin>();
        foreach (var text in parseResult.GetValue(Resolve) ?? [])
        {
            pins.Add(ResolvePin.TryParse(text, out var pin) ? pin : throw new CliException(ExitCodes.Usage, $"--resolve '{text}' is invalid: it {ResolvePin.Rule}."));
        }

        var watch = ReadWatchSettings(parseResult);
        var deadline = parseResult.GetValue(DomainTimeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : watch.DomainDeadline;
        if (!(deadline.TotalSeconds >= timeout && deadline.TotalSeconds <= ChecksServiceCollectionExtensions.MaxDomainTimeoutSeconds))
        {
            var source = parseResult.GetValue(DomainTimeout) is null ? "DelegationChecks__DomainTimeoutSeconds" : "--domain-timeout";
            throw new CliException(ExitCodes.Usage, $"{source} '{deadline.TotalSeconds}' is invalid: it must be at least --timeout ({timeout} s), since one request may take that long, and at most {ChecksServiceCollectionExtensions.MaxDomainTimeoutSeconds} seconds.");
        }

        return watch with
        {
            Timeout = TimeSpan.FromSeconds(timeout),
            DomainDeadline = deadline,
            Pins = pins,
            DnsServer = ReadDns(parseResult.GetValue(Dns)),
            Via = ReadVia(parseResult.GetValue(Via)),
            ExtraCertificateAuthorities = ReadAuthorities(parseResult.GetValue(CaCert) ?? []),
        };
    }

    /// <summary>
    /// The settings the function app's checks use, bound the same way (<see cref="DelegationChecksOptions"/> from the
    /// environment), with this command's flags laid over them as configuration.
    /// </summary>
    private CheckSettings ReadWatchSettings(ParseResult parseResult)
    {
        var flags = new Dictionary<string, string?>();
        if (parseResult.GetValue(AllowPrivateAddresses))
        {
            flags[$"{DelegationChecksOptions.SectionName}:{nameof(DelegationChecksOptions.AllowPrivateAddresses)}"] = "true";
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(flags).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging().AddDelegationChecks().BuildServiceProvider();
        try
        {
            return services.GetRequiredService<IOptions<DelegationChecksOptions>>().Value.ToSettings();
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException(ExitCodes.Usage, string.Join(" ", ex.Failures));
        }
    }

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
