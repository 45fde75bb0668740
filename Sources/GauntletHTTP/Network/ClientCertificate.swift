import Foundation

/// A TLS client certificate for mutual TLS (`--cert`, `--key`; libcurl's `CURLOPT_SSLCERT` and
/// `CURLOPT_SSLKEY`), both PEM files. Without a key file the certificate file must hold the
/// private key too, as curl's `--cert` allows.
///
/// Only the paths are kept and printed; the key's contents are read once, to check that a key is
/// there, and never kept or shown.
public struct ClientCertificate: Sendable, Hashable {
    /// The PEM certificate (chain), possibly followed by its private key.
    public var certificatePath: String
    /// The PEM private key; nil when ``certificatePath`` holds it.
    public var keyPath: String?

    /// Names the files without reading them.
    /// - Parameters:
    ///   - certificatePath: The PEM certificate file.
    ///   - keyPath: The PEM private key file, or nil when the certificate file holds it.
    public init(certificatePath: String, keyPath: String? = nil) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// The file libcurl reads the private key from.
    public var effectiveKeyPath: String { keyPath ?? certificatePath }

    /// Checks the files before any request: the certificate file exists and holds a PEM
    /// certificate, and the key file (or the certificate file, without one) holds a PEM private key.
    /// - Throws: ``NetworkOptionError`` naming `--cert` or `--key` and the path.
    public func validate() throws(NetworkOptionError) {
        let certificate = try PEMFile.read(certificatePath, flag: "--cert")
        guard PEMFile.holdsCertificate(certificate) else {
            throw NetworkOptionError(flag: "--cert", value: certificatePath, reason: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        if let keyPath {
            let key = try PEMFile.read(keyPath, flag: "--key")
            guard Self.holdsPrivateKey(key) else {
                throw NetworkOptionError(flag: "--key", value: keyPath, reason: "holds no PEM private key (-----BEGIN … PRIVATE KEY-----)")
            }
        } else if !Self.holdsPrivateKey(certificate) {
            throw NetworkOptionError(
                flag: "--cert", value: certificatePath,
                reason: "holds no private key; name the key file with --key")
        }
    }

    /// Whether PEM text holds a private key block (PKCS#8, RSA, EC, encrypted or not).
    static func holdsPrivateKey(_ pem: String) -> Bool {
        pem.split(separator: "\n").contains { line in
            line.hasPrefix("-----BEGIN ") && line.hasSuffix("PRIVATE KEY-----")
        }
    }
}
