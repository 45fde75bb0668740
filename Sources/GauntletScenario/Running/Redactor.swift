import GauntletHTTP

/// Keeps secrets out of results: secret headers by name, and known secret values anywhere.
struct Redactor {
    /// Values to replace wherever they appear.
    let secrets: [String]

    /// Bodies are cut to this many bytes in results.
    static let bodyLimit = 4096

    func text(_ text: String) -> String { SecretRedaction.redact(text: text, secrets: secrets) }

    func headers(_ headers: [HTTPHeader]) -> [HTTPHeader] {
        SecretRedaction.redacted(headers).map { HTTPHeader($0.name, text($0.value)) }
    }

    func body(_ bytes: [UInt8]) -> String {
        let shown = bytes.prefix(Self.bodyLimit)
        var result = text(String(decoding: shown, as: UTF8.self))
        if bytes.count > Self.bodyLimit { result += "… (\(bytes.count) bytes in all)" }
        return result
    }

    func record(_ request: RequestSpec) -> RecordedRequest {
        RecordedRequest(
            method: request.method, url: text(request.url), headers: headers(request.headers),
            body: request.body.map(body))
    }

    func record(_ response: ReceivedResponse) -> RecordedResponse {
        RecordedResponse(status: response.status, headers: headers(response.headers), body: body(response.body))
    }
}
