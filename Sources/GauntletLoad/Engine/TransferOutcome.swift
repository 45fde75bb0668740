public import GauntletHTTP

/// How a transfer ended, as a driver reports it.
public struct TransferOutcome: Sendable {
    /// The response status, 0 when there was none.
    public var status: Int
    /// The transport error's short description (`timeout`, `connection refused`), or nil.
    public var error: String?
    /// Response body bytes received.
    public var bytesReceived: Int
    /// TCP connect time in microseconds; 0 on a reused connection.
    public var connectMicros: UInt64
    /// TLS handshake time in microseconds; 0 without one.
    public var tlsMicros: UInt64
    /// From sending the request to the first response byte, microseconds.
    public var timeToFirstByteMicros: UInt64
    /// From the first to the last response byte, microseconds.
    public var transferMicros: UInt64
    /// The value of the response header the transport captures (see
    /// ``LoadTransport/capturingHeader(_:)``), nil when it captures none or the response lacked it.
    public var headerValue: String?
    /// The response's headers and body, when the transfer asked for them
    /// (`RenderedRequest.keepsResponse`); nil otherwise.
    public var response: ReceivedResponse?
    /// When the driver saw the transfer end, nanoseconds on the transport's clock; `nil` lets the
    /// event loop read its clock when it records the outcome.
    public var endedAt: UInt64?

    /// Creates an outcome.
    public init(
        status: Int, error: String? = nil, bytesReceived: Int = 0, connectMicros: UInt64 = 0, tlsMicros: UInt64 = 0,
        timeToFirstByteMicros: UInt64 = 0, transferMicros: UInt64 = 0, headerValue: String? = nil,
        response: ReceivedResponse? = nil, endedAt: UInt64? = nil
    ) {
        self.response = response
        self.status = status
        self.error = error
        self.bytesReceived = bytesReceived
        self.connectMicros = connectMicros
        self.tlsMicros = tlsMicros
        self.timeToFirstByteMicros = timeToFirstByteMicros
        self.transferMicros = transferMicros
        self.headerValue = headerValue
        self.endedAt = endedAt
    }
}
