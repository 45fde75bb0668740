/// How one request of a load run ended, with its three instants (on the loop's clock,
/// ``LoadInstant``) and libcurl's timings.
public struct LoadCompletion: Sendable {
    /// A response with its status, or the transport failure.
    public enum Outcome: Sendable, Hashable {
        /// A complete response arrived with this status.
        case response(status: Int)
        /// No complete response; see ``TransportError/kind`` for a metrics label.
        case failure(TransportError)
    }

    /// The tag the request was started with (``SocketTransferLoop/start(_:tag:scheduledStart:)``).
    public var tag: UInt64
    /// When the request was due.
    public var scheduledStart: LoadInstant
    /// When it was handed to libcurl (later than scheduled when the loop or the connection limit held it).
    public var actualStart: LoadInstant
    /// When the loop saw it finish.
    public var end: LoadInstant
    /// Status or failure.
    public var outcome: Outcome
    /// libcurl's phase timings (zero for a request that never started).
    public var timings: Timings
    /// Body bytes received, whether or not the body was kept.
    public var bodyBytes: Int
    /// The value of the loop's ``SocketTransferLoop/capturedHeader`` in the response, if the loop
    /// captures one and the response had it.
    public var capturedHeader: String?
    /// The value of the loop's ``SocketTransferLoop/requestIDHeader`` in the response, if the
    /// loop reads one and the response had it.
    public var requestID: String?
    /// The HTTP version the response came in (`CURLINFO_HTTP_VERSION`); nil without a response.
    public var httpVersion: NegotiatedHTTPVersion?
    /// Connections the transfer opened (`CURLINFO_NUM_CONNECTS`): 0 when it reused one, or
    /// multiplexed onto one (HTTP/2).
    public var newConnections: Int
    /// How many times libcurl sent the request again after its reused connection closed before
    /// any answer (an idempotent request's; one that is not idempotent fails instead).
    public var resent: Int
    /// The final response's status, protocol, headers and body, when the request asked to keep
    /// them (``RenderedRequest/keepsResponse``) and a response arrived; `nil` otherwise.
    public var response: ReceivedResponse?

    /// Creates a completion value.
    /// - Parameters:
    ///   - tag: The request's tag.
    ///   - scheduledStart: When it was due.
    ///   - actualStart: When it started.
    ///   - end: When it finished.
    ///   - outcome: Status or failure.
    ///   - timings: libcurl's timings.
    ///   - bodyBytes: Body bytes received.
    ///   - capturedHeader: The captured response header's value, if any.
    ///   - requestID: The request-id header's value, if any.
    ///   - response: The kept response, if any.
    ///   - httpVersion: The HTTP version of the response, if any.
    ///   - newConnections: Connections the transfer opened.
    ///   - resent: Silent second sends libcurl made.
    public init(
        tag: UInt64,
        scheduledStart: LoadInstant,
        actualStart: LoadInstant,
        end: LoadInstant,
        outcome: Outcome,
        timings: Timings = Timings(),
        bodyBytes: Int = 0,
        capturedHeader: String? = nil,
        requestID: String? = nil,
        response: ReceivedResponse? = nil,
        httpVersion: NegotiatedHTTPVersion? = nil,
        newConnections: Int = 0,
        resent: Int = 0
    ) {
        self.tag = tag
        self.scheduledStart = scheduledStart
        self.actualStart = actualStart
        self.end = end
        self.outcome = outcome
        self.timings = timings
        self.bodyBytes = bodyBytes
        self.capturedHeader = capturedHeader
        self.requestID = requestID
        self.response = response
        self.httpVersion = httpVersion
        self.newConnections = newConnections
        self.resent = resent
    }

    /// How late the request started: `actualStart - scheduledStart`.
    public var startLateness: Duration { actualStart - scheduledStart }

    /// The open model's latency, free of coordinated omission: `end - scheduledStart`.
    public var latency: Duration { end - scheduledStart }

    /// The response status, or `nil` for a transport failure.
    public var status: Int? {
        if case .response(let status) = outcome { return status }
        return nil
    }

    /// The failure kind, or `nil` for a response.
    public var failureKind: TransportError.Kind? {
        if case .failure(let error) = outcome { return error.kind }
        return nil
    }
}
