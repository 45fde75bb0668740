import GauntletHTTP

extension LoadCompletion {
    /// The status, 0 when no response came.
    var statusCode: Int { status ?? 0 }

    /// The transport failure's label (`timeout`, `connect_failed`), nil for a response.
    var failureLabel: String? { failureKind?.label }

    /// TCP connect time in microseconds; 0 on a reused connection.
    var connectMicros: UInt64 { Self.micros(timings.connectMicros - timings.nameLookupMicros) }

    /// TLS handshake time in microseconds; 0 without one.
    var tlsMicros: UInt64 { timings.appConnectMicros > 0 ? Self.micros(timings.appConnectMicros - timings.connectMicros) : 0 }

    /// From sending the request to the first response byte, microseconds.
    var timeToFirstByteMicros: UInt64 { Self.micros(timings.startTransferMicros - timings.preTransferMicros) }

    /// From the first to the last response byte, microseconds.
    var transferMicros: UInt64 { Self.micros(timings.totalMicros - timings.startTransferMicros) }

    /// A phase's length in microseconds, 0 when libcurl's counts give a negative one.
    static func micros(_ difference: Int64) -> UInt64 {
        difference > 0 ? UInt64(difference) : 0
    }
}
