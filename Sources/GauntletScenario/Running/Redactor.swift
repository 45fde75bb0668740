import GauntletHTTP

/// Keeps secrets out of results: secret headers by name, and known secret values anywhere.
///
/// Values are redacted before they are transformed for display: a request before it becomes a
/// curl command (whose shell quoting would escape a secret's `'` or `\`), a body before it is
/// cut (a cut through a secret would leave its first part).
struct Redactor {
    /// Values to replace wherever they appear.
    let secrets: [String]
    /// Header names (lowercased) whose values are masked in a header line, beside those secret by
    /// name: the command line's (``RunOptions/maskedHeaderNames``).
    var maskedHeaderNames: Set<String> = []

    init(secrets: [String], maskedHeaderNames: Set<String> = []) {
        self.secrets = secrets
        self.maskedHeaderNames = maskedHeaderNames
    }

    /// This redactor hiding `more` values too (a step's own credentials), unless there are none.
    func hiding(_ more: [String]) -> Redactor {
        more.isEmpty ? self : Redactor(secrets: secrets + more, maskedHeaderNames: maskedHeaderNames)
    }

    /// Bodies are cut to this many bytes (of UTF-8) in results.
    static let bodyLimit = 4096

    func text(_ text: String) -> String { SecretRedaction.redact(text: text, secrets: secrets) }

    func headers(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        SecretRedaction.redacted(headers).map { header in
            maskedHeaderNames.contains(header.name.lowercased())
                ? HTTPHeader(header.name, SecretRedaction.placeholder) : HTTPHeader(header.name, text(header.value))
        }
    }

    /// The body as text for a result: decoded, redacted whole, then cut to ``bodyLimit`` bytes
    /// (at a scalar boundary) with a note of its full size.
    func body(_ bytes: [UInt8]) -> String {
        let redacted = text(String(decoding: bytes, as: UTF8.self))
        guard redacted.utf8.count > Self.bodyLimit else { return redacted }
        let utf8 = redacted.utf8
        var cut = utf8.index(utf8.startIndex, offsetBy: Self.bodyLimit)
        while UTF8.isContinuation(utf8[cut]) { utf8.formIndex(before: &cut) }
        return String(decoding: utf8[..<cut], as: UTF8.self) + "… (\(bytes.count) bytes in all)"
    }

    /// The request with its secret values replaced: the URL, header values (by name, and any
    /// known secret within them), the body, and SigV4 credentials. What a curl command and a
    /// recorded request are built from.
    func redacted(_ request: RequestSpec) -> RequestSpec {
        var out = request
        out.url = text(request.url)
        out.headers = headers(request.headers)
        out.body = request.body.map { SecretRedaction.redact(bytes: $0, secrets: secrets) }
        out.options.awsSigV4 = request.options.awsSigV4?.redacted
        return out
    }

    /// A request as a result shows it, built from the ``redacted(_:)`` request.
    func record(_ request: RequestSpec) -> RecordedRequest {
        let shown = redacted(request)
        return RecordedRequest(method: shown.method, url: shown.url, headers: shown.headers, body: shown.body.map(body))
    }

    /// A curl command that reproduces the request, built from the ``redacted(_:)`` request.
    func curlCommand(_ request: RequestSpec) -> String {
        CurlCommand(redacted(request)).description
    }

    func record(_ response: ReceivedResponse) -> RecordedResponse {
        RecordedResponse(
            status: response.status, httpVersion: response.httpVersion, headers: headers(response.headers),
            body: body(response.body))
    }
}
