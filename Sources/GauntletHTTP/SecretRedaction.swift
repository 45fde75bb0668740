#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Keeps credentials out of everything Gauntlet prints: curl commands, reports and logs.
public enum SecretRedaction {
    /// What a secret value is replaced with.
    public static let placeholder = "***"

    /// Header names whose values are always secret, lowercased.
    static let secretHeaderNames: Set<String> = [
        "authorization", "proxy-authorization", "authentication", "x-api-key", "api-key", "x-amz-security-token",
        "cookie", "set-cookie", "x-auth-token",
    ]

    /// Fragments that make any header name secret, lowercased: gateways name their keys freely
    /// (`Ocp-Apim-Subscription-Key`, `X-Functions-Key`).
    static let secretNameFragments = ["token", "secret", "key", "password", "session", "signature"]

    /// Names a fragment would make secret that carry none: an idempotency key is an id the
    /// client chose (often the event's own), a WebSocket key a nonce, key pins public keys.
    static let publicNamesWithSecretFragments: Set<String> = [
        "idempotency-key", "x-idempotency-key", "sec-websocket-key", "public-key-pins", "public-key-pins-report-only",
    ]

    /// Whether a header's value is a credential that must not be printed.
    ///
    /// True for `Authorization`, `Proxy-Authorization`, `Authentication`, `X-Api-Key`, `Api-Key`,
    /// `X-Amz-Security-Token`, `Cookie`, `Set-Cookie`, `X-Auth-Token`, and any name containing
    /// `token`, `secret`, `key`, `password`, `session` or `signature`, compared case-insensitively.
    public static func isSecret(headerName: String) -> Bool {
        let name = headerName.lowercased()
        if secretHeaderNames.contains(name) { return true }
        if publicNamesWithSecretFragments.contains(name) { return false }
        return secretNameFragments.contains { name.contains($0) }
    }

    /// Request headers that carry no credential by what they are (content negotiation, CORS,
    /// caching, versions, tracing), lowercased: a `--header` of one of them is shown as it is.
    static let publicRequestHeaderNames: Set<String> = [
        "accept", "accept-charset", "accept-encoding", "accept-language", "accept-version", "api-version", "b3",
        "baggage", "cache-control", "connection", "content-encoding", "content-language", "content-type", "dnt",
        "expect", "forwarded", "host", "if-match", "if-modified-since", "if-none-match", "if-range",
        "if-unmodified-since", "origin", "pragma", "prefer", "range", "referer", "sentry-trace", "traceparent",
        "tracestate", "user-agent", "x-amzn-trace-id", "x-api-version", "x-b3-parentspanid", "x-b3-sampled",
        "x-b3-spanid", "x-b3-traceid", "x-cloud-trace-context", "x-correlation-id", "x-forwarded-for",
        "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-http-method-override", "x-real-ip",
        "x-request-id", "x-requested-with",
    ]

    /// Whether a header given on the command line is shown as it is: the command line is where
    /// CI passes tokens, under any name a gateway chose (`X-Tenant`, `X-Session`), so only
    /// headers that name no credential by nature (``publicRequestHeaderNames``) are.
    public static func isPublic(commandLineHeaderName name: String) -> Bool {
        publicRequestHeaderNames.contains(name.lowercased())
    }

    /// Whether a value of a header neither secret nor public by its name looks like a credential,
    /// and so is hidden wherever it appears: 8 characters or more, and not a plain word shorter
    /// than 16 (`staging`, `Canary`, `BLUE-GREEN`: one case, or capitalized; `kQzXwVbNmLpRtYu`
    /// is no word), a number, a version or a date (`2025-06-01`), which would hide the same text
    /// in every URL and body (`X-Stage: prod` would turn `/prod/events` into `/***/events`).
    public static func looksLikeCredential(_ value: String) -> Bool {
        guard value.count >= 8 else { return false }
        if value.count < 16,
            value.wholeMatch(of: /[a-z][a-z_-]*/) != nil || value.wholeMatch(of: /[A-Z][a-z_-]*/) != nil
                || value.wholeMatch(of: /[A-Z][A-Z_-]*/) != nil
        {
            return false
        }
        return value.wholeMatch(of: /[0-9][0-9.:_\/+-]*/) == nil
    }

    /// The password of a URL's userinfo (`https://user:password@host/…`, which curl sends as
    /// Basic credentials), as written in the URL; nil when it has none.
    public static func userinfoPassword(in url: String) -> String? {
        guard let range = userinfoPasswordRange(in: url) else { return nil }
        return String(url[range])
    }

    /// The `Authorization: Basic` credentials libcurl sends for a URL with a password in its
    /// userinfo: base64 of `user:password`, percent-decoded. A deployment that echoes that header
    /// would show the password in this form.
    public static func basicCredentials(in url: String) -> String? {
        guard let password = userinfoPasswordRange(in: url), let start = url.firstRange(of: "://")?.upperBound else { return nil }
        let userinfo = url[start..<password.upperBound]
        let decoded = userinfo.removingPercentEncoding ?? String(userinfo)
        return Data(decoded.utf8).base64EncodedString()
    }

    /// The values of the headers that carry credentials by their name (``isSecret(headerName:)``),
    /// of 4 characters or more, and of each the credentials after its scheme (`Bearer`, `Basic`)
    /// when it has one: what a deployment that quotes the request back may show of them.
    public static func credentials(in headers: [HTTPHeader]) -> [String] {
        headers.filter { isSecret(headerName: $0.name) }.flatMap(credentialForms)
    }

    /// A header's value taken as a credential, of 4 characters or more: as written, and the
    /// credentials after its scheme (`Bearer`, `Basic`) when it has one.
    public static func credentialForms(of header: HTTPHeader) -> [String] {
        let value = header.value.trimmingCharacters(in: .whitespaces)
        var values = [value]
        if let space = value.firstIndex(of: " ") {
            values.append(value[value.index(after: space)...].trimmingCharacters(in: .whitespaces))
        }
        return values.filter { $0.count >= 4 }
    }

    /// The URL with its userinfo's password replaced by ``placeholder`` (`https://user:***@host/`).
    public static func redactingUserinfoPassword(_ url: String) -> String {
        guard let range = userinfoPasswordRange(in: url) else { return url }
        var redacted = url
        redacted.replaceSubrange(range, with: placeholder)
        return redacted
    }

    /// Where the password of the URL's userinfo is: between the first `:` and the last `@` of
    /// the authority (what lies between `://` and the next `/`, `?` or `#`).
    static func userinfoPasswordRange(in url: String) -> Range<String.Index>? {
        guard let authorityStart = url.firstRange(of: "://")?.upperBound else { return nil }
        let authorityEnd = url[authorityStart...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? url.endIndex
        let authority = url[authorityStart..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return nil }
        let password = authority.index(after: colon)..<at
        return password.isEmpty ? nil : password
    }

    /// The headers with every secret value replaced by ``placeholder``; order and names kept.
    public static func redacted(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        headers.map { header in
            isSecret(headerName: header.name) ? HTTPHeader(header.name, placeholder) : header
        }
    }

    /// The text with every occurrence of each known secret value replaced by ``placeholder``.
    ///
    /// Matching is exact on Unicode scalars (it compares UTF-8 bytes), not on characters: a secret
    /// followed by a combining mark (`abc` in `abc\u{301}def`) is still found, and `café` written
    /// with `é` and with `e` + U+0301 are two different secrets, each hiding only itself.
    /// Where occurrences overlap (a secret inside another, or two across each other) the whole
    /// stretch they cover becomes one placeholder, so no part of any secret is left.
    /// Empty secrets are ignored.
    /// - Parameters:
    ///   - text: The text to clean (a body, a log line, a command).
    ///   - secrets: The values to hide.
    public static func redact(text: String, secrets: [String]) -> String {
        let needles = Self.needles(secrets)
        guard !needles.isEmpty else { return text }
        var text = text
        let redacted = text.withUTF8 { bytes in redact(bytes, needles: needles) }
        // Needles and text are valid UTF-8, so every match starts and ends on a scalar boundary.
        return redacted.map { String(decoding: $0, as: UTF8.self) } ?? text
    }

    /// The bytes with every occurrence of each secret's UTF-8 bytes replaced by ``placeholder``'s,
    /// as ``redact(text:secrets:)`` does; for bodies that need not be text.
    /// - Parameters:
    ///   - bytes: The bytes to clean (a request body).
    ///   - secrets: The values to hide.
    public static func redact(bytes: [UInt8], secrets: [String]) -> [UInt8] {
        let needles = Self.needles(secrets)
        guard !needles.isEmpty else { return bytes }
        return bytes.withUnsafeBufferPointer { redact($0, needles: needles) } ?? bytes
    }

    /// The distinct non-empty secrets as UTF-8 bytes (distinct by scalars, not by `String ==`,
    /// which would merge canonically equivalent spellings).
    static func needles(_ secrets: [String]) -> [[UInt8]] {
        Array(Set(secrets.map { Array($0.utf8) })).filter { !$0.isEmpty }
    }

    /// `bytes` with the stretches any needle covers replaced by the placeholder, or `nil` when
    /// no needle occurs.
    static func redact(_ bytes: UnsafeBufferPointer<UInt8>, needles: [[UInt8]]) -> [UInt8]? {
        var found: [Range<Int>] = []
        for needle in needles {
            var start = 0
            while let match = firstOccurrence(of: needle, in: bytes, from: start) {
                found.append(match..<(match + needle.count))
                start = match + 1
            }
        }
        guard !found.isEmpty else { return nil }
        found.sort { $0.lowerBound < $1.lowerBound }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var copied = 0
        var index = 0
        while index < found.count {
            var stretch = found[index]
            index += 1
            // Overlapping matches merge; adjacent ones stay apart (`secretsecret` → `******`).
            while index < found.count, found[index].lowerBound < stretch.upperBound {
                stretch = stretch.lowerBound..<max(stretch.upperBound, found[index].upperBound)
                index += 1
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<stretch.lowerBound]))
            result.append(contentsOf: placeholder.utf8)
            copied = stretch.upperBound
        }
        result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        return result
    }

    /// Where `needle` next occurs in `bytes` at or after `start`.
    static func firstOccurrence(of needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, let first = needle.first else { return nil }
        let last = bytes.count - needle.count
        var position = start
        return needle.withUnsafeBytes { needleBytes -> Int? in
            while position <= last {
                guard let hit = memchr(base + position, Int32(first), last - position + 1) else { return nil }
                position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + position, needleBytes.baseAddress!, needle.count) == 0 { return position }
                position += 1
            }
            return nil
        }
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
