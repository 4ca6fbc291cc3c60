using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Delegation.Tests.Support;

/// <summary>A throw-away certificate authority and server certificates issued by it, made in memory for each test run.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyAuthority = new(CreateAuthority);

    public static X509Certificate2 Authority => LazyAuthority.Value;

    /// <summary>The authority's certificate as a PEM file, for <c>--ca-cert</c>.</summary>
    public static string AuthorityPemFile { get; } = WriteAuthorityPem();

    public static X509Certificate2 Issue(params string[] names) =>
        Issue(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90), names);

    public static X509Certificate2 Issue(DateTimeOffset notBefore, DateTimeOffset notAfter, params string[] names)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={names[0]}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names)
        {
            if (System.Net.IPAddress.TryParse(name, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Authority, notBefore, notAfter, serial);
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <summary>Writes a certificate and its key as PEM files, as <c>delegation serve --certificate</c> reads them.</summary>
    public static (string Certificate, string Key) WritePem(X509Certificate2 certificate)
    {
        var folder = Directory.CreateTempSubdirectory("delegation-check-").FullName;
        var certificatePath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private static X509Certificate2 CreateAuthority()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Delegation Test CA", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static string WriteAuthorityPem()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("delegation-ca-").FullName, "ca.pem");
        File.WriteAllText(path, Authority.ExportCertificatePem());
        return path;
    }
}
