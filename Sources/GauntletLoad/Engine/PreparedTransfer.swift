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

    /// Creates a transfer.
    public init(method: String, url: String, headerLines: [String], body: String?) {
        self.method = method
        self.url = url
        self.headerLines = headerLines
        self.body = body
    }
}
