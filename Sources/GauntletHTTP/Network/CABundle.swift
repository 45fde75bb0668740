/// A bundle of trusted certificate authorities (`--cacert`, libcurl's `CURLOPT_CAINFO`): a PEM
/// file of one or more certificates that replaces the system store for verifying servers.
///
/// Checked before any request, as the client certificate is: a path libcurl cannot use would
/// otherwise fail every request with curl error 77 and read as a deployment that was never
/// reached, where it is a typo on the command line.
public enum CABundle {
    /// Checks that the file exists, is readable and holds at least one PEM certificate.
    /// - Parameter path: The bundle's path as given.
    /// - Throws: ``NetworkOptionError`` naming `--cacert` and the path.
    public static func validate(path: String) throws(NetworkOptionError) {
        let text = try PEMFile.read(path, flag: "--cacert")
        guard PEMFile.holdsCertificate(text) else {
            throw NetworkOptionError(flag: "--cacert", value: path, reason: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
    }
}
