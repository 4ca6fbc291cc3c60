using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Delegation.Checks;

/// <summary>The facts an admin needs about a server certificate: the names it holds, who issued it, when it expires.</summary>
internal sealed record CertificateInfo(IReadOnlyList<string> Names, string Issuer, DateTimeOffset NotAfter, string? Problem)
{
    public override string ToString() =>
        $"certificate for {string.Join(", ", Names.Select(CustomerText.Quote))}; issued by {CustomerText.Quote(Issuer)}; expires {NotAfter.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}{(Problem is null ? "; valid" : $"; {Problem}")}";

    public static CertificateInfo From(X509Certificate2 certificate, string? problem) =>
        new(NamesOf(certificate), certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true), new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero), problem);

    public static IReadOnlyList<string> NamesOf(X509Certificate2 certificate)
    {
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        var names = san is null
            ? []
            : san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())).ToList();
        return names.Count > 0 ? names : [certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false)];
    }
}
