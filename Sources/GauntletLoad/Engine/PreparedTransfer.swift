import GauntletHTTP

/// A transfer ready to send: everything rendered, nothing left to look up.
public struct PreparedTransfer: Sendable {
    /// The HTTP method.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header lines, `Name: value`.
    public var headerLines: [String]
    /// The body, if any.
    public var body: String?
    /// Whether the outcome must carry the response's headers and body (to judge or capture).
    public var keepsResponse: Bool

    /// Creates a transfer.
    public init(method: String, url: String, headerLines: [String], body: String?, keepsResponse: Bool = false) {
        self.method = method
        self.url = url
        self.headerLines = headerLines
        self.body = body
        self.keepsResponse = keepsResponse
    }

    /// A rendered scenario request as a transfer.
    init(_ spec: RequestSpec) {
        self.init(
            method: spec.method, url: spec.url, headerLines: spec.headers.map { "\($0.name): \($0.value)" },
            body: spec.body.map { String(decoding: $0, as: UTF8.self) })
    }
}
