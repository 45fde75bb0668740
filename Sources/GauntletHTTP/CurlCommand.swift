/// A curl command line that reproduces a request, built from the ``RequestSpec`` (never from a handle).
///
/// Follows Hurl's `curl_cmd.rs`: the method only when needed (`--head` for HEAD, nothing for a POST
/// with a body), one `--header` per field (`'Name;'` for an empty value), the body as `--data`
/// (`--data ''` for an empty one, `--data-raw` when it starts with `@`; past ``bodyLimit`` bytes cut,
/// with a `# body cut: …` comment saying so),
/// options only when they differ from Gauntlet's defaults (`--compressed` when a header asks for an
/// `Accept-Encoding`, whose response Gauntlet decodes), and the URL last, with `--globoff` when it
/// contains `{}[]`. Secret header values, SigV4 credentials, a password in the URL and a proxy URL's credentials print as
/// ``SecretRedaction/placeholder``; a client certificate and key print as their paths, never contents.
public struct CurlCommand: Sendable, Hashable, CustomStringConvertible {
    /// The arguments, unquoted, starting with `curl`.
    public var arguments: [String]
    /// Arguments whose shell form is fixed in advance: a binary body as `$'\xNN…'`, by index.
    private var preformatted: [Int: String] = [:]
    /// How much of a body the command shows: a command is for reading and pasting, and a 1 MiB
    /// body in every failure line made reports of megabytes (the whole body is still sent).
    public static let bodyLimit = 1_024
    /// Said after the command when it shows part of the body: `# body cut: …`.
    private var bodyCut: String?

    /// Creates the command for a request, secrets redacted.
    /// - Parameter request: The request to reproduce.
    public init(_ request: RequestSpec) {
        var args = ["curl"]
        let options = request.options
        let hasBody = request.body != nil

        switch request.method {
        case "GET":
            if hasBody { args += ["--request", "GET"] }
        case "HEAD":
            args.append("--head")
        case "POST":
            if !hasBody { args += ["--request", "POST"] }
        default:
            args += ["--request", request.method]
        }

        var headers = request.headers
        if let token = options.awsSigV4?.sessionToken {
            headers.append(HTTPHeader("x-amz-security-token", token))
        }
        for header in SecretRedaction.redacted(headers) {
            args.append("--header")
            args.append(header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)")
        }

        if var body = request.body, request.method != "HEAD" {
            if body.count > Self.bodyLimit {
                // At a UTF-8 boundary, so that a text body stays text.
                var cut = Self.bodyLimit
                while cut > 0, body[cut] & 0xC0 == 0x80 { cut -= 1 }
                bodyCut = "# body cut: \(body.count) bytes in all, the first \(cut) shown"
                body = Array(body[..<cut])
            }
            args.append(body.first == UInt8(ascii: "@") ? "--data-raw" : "--data")
            // Bytes, not Characters: walking the Characters of a large body (1 MiB) took tens of
            // milliseconds.
            if !body.contains(0), let text = String(validating: body, as: UTF8.self) {
                args.append(text)
            } else {
                preformatted[args.count] = Self.binaryShellString(body)
                args.append(String(decoding: body, as: UTF8.self))
            }
        }

        if let aws = options.awsSigV4 {
            args += ["--aws-sigv4", aws.provider]
        }
        if let caCertPath = options.caCertPath {
            args += ["--cacert", caCertPath]
        }
        if let certificate = options.clientCertificate {
            args += ["--cert", certificate.certificatePath]
            if let key = certificate.keyPath { args += ["--key", key] }
        }
        for entry in options.resolve {
            args += ["--resolve", entry.description]
        }
        for rule in options.connectTo {
            args += ["--connect-to", rule.description]
        }
        if let proxy = options.proxy {
            args += ["--proxy", proxy.redacted]
        }
        let standard = Timeouts.standard
        if let connect = options.timeouts.connect, connect != standard.connect {
            args += ["--connect-timeout", connect.curlSecondsArgument]
        }
        if request.header("Accept-Encoding") != nil {
            // Gauntlet decodes what comes back when the request asks for an encoding; so does curl with this.
            args.append("--compressed")
        }
        if options.httpVersion == .http2 {
            args.append("--http2")
        }
        if !options.verifyTLS {
            args.append("--insecure")
        }
        if options.followRedirects {
            args.append("--location")
        }
        // No limit (nil; `--timeout 0s` is one) prints nothing: curl has none by default either.
        if let total = options.timeouts.total, total != standard.total {
            args += ["--max-time", total.curlSecondsArgument]
        }
        if options.awsSigV4 != nil {
            args += ["--user", "\(SecretRedaction.placeholder):\(SecretRedaction.placeholder)"]
        }

        if request.url.contains(where: { "{}[]".contains($0) }) {
            args.append("--globoff")
        }
        args.append(SecretRedaction.redactingUserinfoPassword(request.url))
        arguments = args
    }

    /// The command as one shell line: options, numbers and the method bare, every other argument single-quoted, or
    /// `$'…'`-quoted when it holds a newline, tab, carriage return or single quote.
    public var description: String {
        let command = arguments.enumerated().map { index, argument in
            if let shellForm = preformatted[index] { return shellForm }
            if index == 0 || Self.printsBare(argument) { return argument }
            if arguments[index - 1] == "--request", Self.isToken(argument) { return argument }
            return Self.shellQuoted(argument)
        }.joined(separator: " ")
        return bodyCut.map { command + " " + $0 } ?? command
    }

    // MARK: - Quoting

    /// Options (`--header`) and plain numbers (`20`, `0.5`) need no quotes.
    static func printsBare(_ argument: String) -> Bool {
        if argument.hasPrefix("--"), argument.dropFirst(2).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) {
            return argument.count > 2
        }
        return !argument.isEmpty && argument.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    }

    /// A method name: letters, digits and `-_.` only.
    static func isToken(_ argument: String) -> Bool {
        !argument.isEmpty && argument.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    }

    /// Hurl's `encode_shell_string`: `'…'`, or `$'…'` with `\n`, `\t`, `\r`, `\'` and `\\` escapes.
    static func shellQuoted(_ text: String) -> String {
        let needsEscapes = text.utf8.contains { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "'") }
        guard needsEscapes else { return "'\(text)'" }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case "'": escaped += "\\'"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return "$'\(escaped)'"
    }

    /// Bytes that are not UTF-8 text, as Hurl prints them: `$'\xNN…'`.
    static func binaryShellString(_ body: [UInt8]) -> String {
        let escaped = body.map { byte in
            let hex = String(byte, radix: 16)
            return "\\x" + (hex.count == 1 ? "0" + hex : hex)
        }.joined()
        return "$'\(escaped)'"
    }
}
