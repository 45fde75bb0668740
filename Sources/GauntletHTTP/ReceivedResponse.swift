/// The final response of a transfer: status, every header of that response, and the body bytes.
public struct ReceivedResponse: Sendable, Hashable {
    /// The status code (`200`).
    public var status: Int
    /// The protocol the response came in (`HTTP/1.1`, `HTTP/2`).
    public var httpVersion: String
    /// The header fields of the final response, in the order received, repeated fields included.
    public var headers: [HTTPHeader]
    /// The body bytes as received (no content decoding).
    public var body: [UInt8]

    /// Creates a response value.
    /// - Parameters:
    ///   - status: The status code.
    ///   - httpVersion: The protocol, `HTTP/1.1` by default.
    ///   - headers: The header fields in received order.
    ///   - body: The body bytes.
    public init(status: Int, httpVersion: String = "HTTP/1.1", headers: [HTTPHeader] = [], body: [UInt8] = []) {
        self.status = status
        self.httpVersion = httpVersion
        self.headers = headers
        self.body = body
    }

    /// The first value of the named header, compared case-insensitively, or `nil`.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of the named header, compared case-insensitively, in received order.
    public func headerValues(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The body as UTF-8 text; invalid bytes become U+FFFD.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }
}
