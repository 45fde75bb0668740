/// Keeps credentials out of everything Gauntlet prints: curl commands, reports and logs.
public enum SecretRedaction {
    /// What a secret value is replaced with.
    public static let placeholder = "***"

    /// Header names whose values are always secret, lowercased.
    static let secretHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "x-api-key", "api-key", "x-amz-security-token",
        "cookie", "set-cookie", "x-auth-token",
    ]

    /// Fragments that make any header name secret, lowercased.
    static let secretNameFragments = ["token", "secret", "api-key", "apikey", "password"]

    /// Whether a header's value is a credential that must not be printed.
    ///
    /// True for `Authorization`, `Proxy-Authorization`, `X-Api-Key`, `Api-Key`, `X-Amz-Security-Token`,
    /// `Cookie`, `Set-Cookie`, `X-Auth-Token`, and any name containing `token`, `secret`, `api-key`,
    /// `apikey` or `password`, compared case-insensitively.
    public static func isSecret(headerName: String) -> Bool {
        let name = headerName.lowercased()
        if secretHeaderNames.contains(name) { return true }
        return secretNameFragments.contains { name.contains($0) }
    }

    /// The headers with every secret value replaced by ``placeholder``; order and names kept.
    public static func redacted(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        headers.map { header in
            isSecret(headerName: header.name) ? HTTPHeader(header.name, placeholder) : header
        }
    }

    /// The text with every occurrence of each known secret value replaced by ``placeholder``.
    ///
    /// Longer secrets are replaced first, so a secret that contains another is hidden whole.
    /// Empty secrets are ignored.
    /// - Parameters:
    ///   - text: The text to clean (a body, a log line, a command).
    ///   - secrets: The values to hide.
    public static func redact(text: String, secrets: [String]) -> String {
        var result = text
        for secret in Set(secrets).filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            result = result.replacing(secret, with: placeholder)
        }
        return result
    }

    /// The secret values a request carries: secret header values and SigV4 credentials.
    static func secrets(of request: RequestSpec) -> [String] {
        var values = request.headers.filter { isSecret(headerName: $0.name) }.map(\.value)
        if let aws = request.options.awsSigV4 {
            values.append(aws.secretAccessKey)
            values.append(aws.accessKeyID)
            if let token = aws.sessionToken { values.append(token) }
        }
        return values
    }
}
