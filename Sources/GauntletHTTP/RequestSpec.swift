/// Everything needed to send one HTTP request: a `Sendable` value handed to the transfer loop.
public struct RequestSpec: Sendable, Hashable {
    /// The method, sent as written (`GET`, `POST`, `PATCH`, ...).
    public var method: String
    /// The absolute URL, query included.
    public var url: String
    /// Header fields in the order they are sent. A field with an empty value is sent empty.
    public var headers: [HTTPHeader]
    /// The body bytes, or `nil` for no body.
    public var body: [UInt8]?
    /// How libcurl carries out the request.
    public var options: TransferOptions

    /// Creates a request.
    /// - Parameters:
    ///   - method: The method; `GET` by default.
    ///   - url: The absolute URL.
    ///   - headers: Header fields in sending order.
    ///   - body: The body bytes, if any.
    ///   - options: Transfer options; the defaults by default.
    public init(
        method: String = "GET",
        url: String,
        headers: [HTTPHeader] = [],
        body: [UInt8]? = nil,
        options: TransferOptions = .init()
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.options = options
    }

    /// The first value of a header of the request, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
