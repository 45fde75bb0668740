import GauntletHTTP

extension LoadCompletion {
    /// The status, 0 when no response came.
    var statusCode: Int { status ?? 0 }

    /// The transport failure's label (`timeout`, `connect_failed`), nil for a response.
    var failureLabel: String? { failureKind?.label }

    /// TCP connect time in microseconds; 0 on a reused connection.
    var connectMicros: UInt64 { Self.micros(timings.connect - timings.nameLookup) }

    /// TLS handshake time in microseconds; 0 without one.
    var tlsMicros: UInt64 { timings.appConnect > .zero ? Self.micros(timings.appConnect - timings.connect) : 0 }

    /// From sending the request to the first response byte, microseconds.
    var timeToFirstByteMicros: UInt64 { Self.micros(timings.startTransfer - timings.preTransfer) }

    /// From the first to the last response byte, microseconds.
    var transferMicros: UInt64 { Self.micros(timings.total - timings.startTransfer) }

    static func micros(_ duration: Duration) -> UInt64 {
        duration > .zero ? duration.nanosecondsUInt64 / 1_000 : 0
    }
}
