using Delegation.Cli.Common;
using Microsoft.AspNetCore.Http;

namespace Delegation.Cli.Serve;

/// <summary>
/// <c>serve --urls</c>, checked before anything starts with the parser Kestrel itself uses (<see cref="BindingAddress"/>),
/// so a mistake is one line instead of the host's failure log.
/// </summary>
internal static class ListenUrls
{
    private const string Rule = "each address must be http://host:port or https://host:port (an IP address, localhost or * for every interface; port 0 takes a free one), separated by ';', e.g. http://127.0.0.1:8080";

    public static void Check(string urls, bool hasCertificate)
    {
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            throw Invalid(urls);
        }

        foreach (var url in addresses)
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                throw Invalid(url);
            }

            var https = address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
            if ((!https && !address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
                || address.IsUnixPipe || address.IsNamedPipe || address.PathBase.TrimEnd('/').Length > 0 || address.Port is < 0 or > 65535)
            {
                throw Invalid(url);
            }

            if (https && !hasCertificate)
            {
                throw new CliException(ExitCodes.Usage, $"--urls '{url}' is https: give --certificate (and --certificate-key) too, or listen on http://.");
            }
        }
    }

    private static CliException Invalid(string url) => new(ExitCodes.Usage, $"--urls '{url}' is invalid: {Rule}.");
}
