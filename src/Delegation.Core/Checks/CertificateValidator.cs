using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Delegation.Checks;

/// <summary>
/// Normal X.509 rules against the name the spec says the certificate must hold; certificate authorities given with
/// <c>--ca-cert</c> are trusted in addition to the system's.
/// </summary>
internal sealed class CertificateValidator(X509Certificate2Collection extraAuthorities, TimeProvider timeProvider)
{
    /// <summary>Null when the certificate is acceptable, else why not, in words.</summary>
    public string? Validate(X509Certificate2 certificate, X509Chain? chain, SslPolicyErrors errors, string name)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "the server sent no certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"the certificate is not valid for '{name}': it names {string.Join(", ", CertificateInfo.NamesOf(certificate).Select(CustomerText.Quote))}";
        }

        if (!errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
        {
            return null;
        }

        if (extraAuthorities.Count == 0)
        {
            return DescribeChain(certificate, chain);
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(extraAuthorities);
        custom.ChainPolicy.VerificationTime = timeProvider.GetUtcNow().UtcDateTime;
        if (chain is not null)
        {
            custom.ChainPolicy.ExtraStore.AddRange(chain.ChainElements.Select(e => e.Certificate).ToArray());
        }

        return custom.Build(certificate) ? null : DescribeChain(certificate, custom);
    }

    private string DescribeChain(X509Certificate2 certificate, X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status).ToHashSet() ?? [];
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (statuses.Contains(X509ChainStatusFlags.NotTimeValid) || certificate.NotAfter.ToUniversalTime() < now || certificate.NotBefore.ToUniversalTime() > now)
        {
            return certificate.NotAfter.ToUniversalTime() < now
                ? $"the certificate expired on {certificate.NotAfter.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}"
                : $"the certificate (or one above it) is not valid now (valid {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd} to {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd})";
        }

        if (statuses.Contains(X509ChainStatusFlags.UntrustedRoot) || statuses.Contains(X509ChainStatusFlags.PartialChain))
        {
            return $"the certificate is issued by '{CustomerText.Quote(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true))}', which is not a trusted certificate authority (a self-signed certificate, or the intermediate certificates are missing)";
        }

        var detail = chain is null ? "unknown chain error" : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0));
        return $"the certificate chain is not valid: {detail}";
    }
}
