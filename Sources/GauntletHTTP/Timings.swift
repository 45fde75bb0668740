/// When each phase of a transfer ended, measured by libcurl from the start of the transfer.
///
/// Read from `CURLINFO_*_TIME_T` (microseconds). Each value is cumulative from the start:
///
///     |--nameLookup
///     |--|--connect
///     |--|--|--appConnect      (TLS handshake done; 0 when there is no TLS)
///     |--|--|--|--preTransfer  (about to send the request)
///     |--|--|--|--|--startTransfer (first response byte)
///     |--|--|--|--|--|--total
///
/// On a reused connection `nameLookup` and `connect` are 0. Apart from a zero `appConnect`,
/// the phases never decrease: `nameLookup ≤ connect ≤ preTransfer ≤ startTransfer ≤ total`.
public struct Timings: Sendable, Hashable, Codable {
    /// Name resolution done.
    public var nameLookup: Duration
    /// TCP connection established.
    public var connect: Duration
    /// TLS handshake done, or 0 without TLS.
    public var appConnect: Duration
    /// About to send the request.
    public var preTransfer: Duration
    /// First byte of the response received (time to first byte).
    public var startTransfer: Duration
    /// Transfer done.
    public var total: Duration

    /// Creates a timings value; every phase defaults to zero.
    /// - Parameters:
    ///   - nameLookup: Name resolution done.
    ///   - connect: TCP connection established.
    ///   - appConnect: TLS handshake done.
    ///   - preTransfer: About to send.
    ///   - startTransfer: First byte received.
    ///   - total: Transfer done.
    public init(
        nameLookup: Duration = .zero,
        connect: Duration = .zero,
        appConnect: Duration = .zero,
        preTransfer: Duration = .zero,
        startTransfer: Duration = .zero,
        total: Duration = .zero
    ) {
        self.nameLookup = nameLookup
        self.connect = connect
        self.appConnect = appConnect
        self.preTransfer = preTransfer
        self.startTransfer = startTransfer
        self.total = total
    }
}
