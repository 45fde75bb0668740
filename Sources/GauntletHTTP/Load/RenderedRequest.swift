/// A load request as the load engine renders it: header lines and body as text, sent without
/// conversion to ``HTTPHeader`` values or body bytes. The one request type of
/// ``SocketTransferLoop``.
///
/// ``SocketTransferLoop/start(_:tag:scheduledStart:)`` hands it to a pooled easy handle that sets
/// only what differs from that handle's previous request: for a load that repeats one request,
/// nothing at all but the bookkeeping. The response's body is only counted and its headers are
/// not read, unless the request asks for them with ``keepsResponse``.
public struct RenderedRequest: Sendable, Hashable {
    /// The method, sent as written (`GET`, `POST`, ...).
    public var method: String
    /// The absolute URL, query included.
    public var url: String
    /// Header lines, `Name: value`, in sending order. A line without a colon is skipped; a field
    /// with an empty value is sent empty.
    public var headerLines: [String]
    /// The body, or `nil` for none.
    public var body: String?
    /// Whether the completion carries the response's headers and body
    /// (``LoadCompletion/response``), for a step whose response the load engine reads. Off, the
    /// body is only counted and header lines are not parsed, which keeps the per-request cost low.
    public var keepsResponse: Bool

    /// Creates a request.
    /// - Parameters:
    ///   - method: The method; `GET` by default.
    ///   - url: The absolute URL.
    ///   - headerLines: Header lines, `Name: value`.
    ///   - body: The body, if any.
    ///   - keepsResponse: Whether to keep the response's headers and body; off by default.
    public init(method: String = "GET", url: String, headerLines: [String] = [], body: String? = nil, keepsResponse: Bool = false) {
        self.method = method
        self.url = url
        self.headerLines = headerLines
        self.body = body
        self.keepsResponse = keepsResponse
    }

    /// The same request as a ``RequestSpec`` with `options` (header lines parsed, body as bytes):
    /// what a handle's full setup takes, and what a ``TransportError`` names.
    package func requestSpec(options: TransferOptions) -> RequestSpec {
        RequestSpec(
            method: method, url: url, headers: Self.headers(from: headerLines), body: body.map { Array($0.utf8) },
            options: options)
    }

    /// Header lines as fields: the name before the first colon, the value after it without
    /// leading spaces; lines without a colon are skipped.
    package static func headers(from lines: [String]) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        headers.reserveCapacity(lines.count)
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...].drop { $0 == " " })))
        }
        return headers
    }
}
