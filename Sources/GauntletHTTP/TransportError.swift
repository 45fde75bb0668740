/// A request that got no complete HTTP response: timed out, refused, unresolvable, failed TLS,
/// reset, truncated, cancelled, or otherwise failed inside libcurl.
///
/// Two transport errors are equal when they are of the same ``Kind``, so `error == .timeout` and
/// `#expect(throws: TransportError.timeout)` work; ``description`` carries the detail.
public struct TransportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The failure class, usable as a bounded metrics label.
    public struct Kind: Sendable, Hashable, Codable, CustomStringConvertible {
        /// The label: `timeout`, `connect_failed`, `dns_failed`, `tls`, `reset`, `truncated`, `aborted`, `other`.
        public let label: String
        private init(_ label: String) { self.label = label }

        /// A connect or total time limit ran out (`CURLE_OPERATION_TIMEDOUT`).
        public static let timeout = Kind("timeout")
        /// The connection was refused or could not be made (`CURLE_COULDNT_CONNECT`).
        public static let connectFailed = Kind("connect_failed")
        /// The host (or proxy) name did not resolve (`CURLE_COULDNT_RESOLVE_HOST`).
        public static let dnsFailed = Kind("dns_failed")
        /// The TLS handshake or certificate verification failed.
        public static let tls = Kind("tls")
        /// The connection broke: reset, closed without a reply, or a send/receive error.
        public static let reset = Kind("reset")
        /// The response was cut short (body shorter than `Content-Length`) or was not valid HTTP.
        public static let truncated = Kind("truncated")
        /// The transfer was cancelled (task cancellation or client shutdown).
        public static let aborted = Kind("aborted")
        /// Any other libcurl failure (bad URL, unsupported protocol, out of memory, ...).
        public static let other = Kind("other")

        /// Every kind, for tables and metrics.
        public static let all: [Kind] = [.timeout, .connectFailed, .dnsFailed, .tls, .reset, .truncated, .aborted, .other]

        /// The label.
        public var description: String { label }

        /// Decodes a label; unknown labels become ``other``.
        public init(from decoder: any Decoder) throws {
            let label = try decoder.singleValueContainer().decode(String.self)
            self = Kind.all.first { $0.label == label } ?? .other
        }

        /// Encodes the label.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(label)
        }
    }

    /// The failure class.
    public var kind: Kind
    /// The full account: what happened, libcurl's code, text and detail, the method and URL.
    public var description: String
    /// The `CURLcode`, or 0 when the failure did not come from libcurl (cancellation, shutdown).
    public var curlCode: Int
    /// The status the server answered with before the transfer failed (a body cut short, too
    /// long, badly chunked or not decodable, a timeout mid-body), nil when no status line came:
    /// the deployment was reached, whatever went wrong after.
    public var answeredStatus: Int?

    /// The kind's label, without detail: safe as a metrics label.
    public var shortDescription: String { kind.label }

    /// Creates a transport error.
    /// - Parameters:
    ///   - kind: The failure class.
    ///   - description: The full account of the failure.
    ///   - curlCode: The `CURLcode`, or 0.
    public init(_ kind: Kind, description: String, curlCode: Int = 0) {
        self.kind = kind
        self.description = description
        self.curlCode = curlCode
    }

    /// Same kind, whatever the detail.
    public static func == (lhs: TransportError, rhs: TransportError) -> Bool { lhs.kind == rhs.kind }

    /// Hashes the kind only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(kind) }

    // MARK: - Prototypes for comparison

    /// Any timeout.
    public static let timeout = TransportError(.timeout, description: "timeout")
    /// Any refused or failed connection.
    public static let connectFailed = TransportError(.connectFailed, description: "connect_failed")
    /// Any name-resolution failure.
    public static let dnsFailed = TransportError(.dnsFailed, description: "dns_failed")
    /// Any TLS failure.
    public static let tls = TransportError(.tls, description: "tls")
    /// Any broken connection.
    public static let reset = TransportError(.reset, description: "reset")
    /// Any truncated or malformed response.
    public static let truncated = TransportError(.truncated, description: "truncated")
    /// Any cancelled transfer.
    public static let aborted = TransportError(.aborted, description: "aborted")
    /// Any other failure.
    public static let other = TransportError(.other, description: "other")
}
