/// When each phase of a transfer ended, measured by libcurl from the start of the transfer.
///
/// Read from `CURLINFO_*_TIME_T` and kept in microseconds. Each value is cumulative from the
/// start:
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
public struct Timings: Sendable, Hashable {
    /// Name resolution done, microseconds from the start of the transfer.
    ///
    /// The phases are kept as libcurl reports them, whole microseconds, rather than as
    /// `Duration`s: the load engine reads every phase of every request, and building and taking
    /// apart `Duration`s (128-bit arithmetic) cost it about 900 instructions a request
    /// (`valgrind --tool=callgrind`), about 1 % of the whole request.
    public var nameLookupMicros: Int64
    /// TCP connection established, microseconds from the start.
    public var connectMicros: Int64
    /// TLS handshake done, microseconds from the start; 0 without TLS.
    public var appConnectMicros: Int64
    /// About to send the request, microseconds from the start.
    public var preTransferMicros: Int64
    /// First byte of the response received, microseconds from the start.
    public var startTransferMicros: Int64
    /// Transfer done, microseconds from the start.
    public var totalMicros: Int64

    /// Creates a timings value with every phase zero, as for a request that never started.
    public init() {
        self.init(nameLookupMicros: 0, connectMicros: 0, appConnectMicros: 0, preTransferMicros: 0, startTransferMicros: 0, totalMicros: 0)
    }

    /// Creates a timings value from libcurl's microsecond counts; every phase defaults to zero.
    /// - Parameters:
    ///   - nameLookupMicros: Name resolution done.
    ///   - connectMicros: TCP connection established.
    ///   - appConnectMicros: TLS handshake done.
    ///   - preTransferMicros: About to send.
    ///   - startTransferMicros: First byte received.
    ///   - totalMicros: Transfer done.
    public init(
        nameLookupMicros: Int64 = 0,
        connectMicros: Int64 = 0,
        appConnectMicros: Int64 = 0,
        preTransferMicros: Int64 = 0,
        startTransferMicros: Int64 = 0,
        totalMicros: Int64 = 0
    ) {
        self.nameLookupMicros = nameLookupMicros
        self.connectMicros = connectMicros
        self.appConnectMicros = appConnectMicros
        self.preTransferMicros = preTransferMicros
        self.startTransferMicros = startTransferMicros
        self.totalMicros = totalMicros
    }

    /// Creates a timings value from durations, kept to the microsecond (libcurl's precision);
    /// every phase defaults to zero.
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
        self.init(
            nameLookupMicros: Self.micros(nameLookup), connectMicros: Self.micros(connect),
            appConnectMicros: Self.micros(appConnect), preTransferMicros: Self.micros(preTransfer),
            startTransferMicros: Self.micros(startTransfer), totalMicros: Self.micros(total))
    }

    /// Name resolution done.
    public var nameLookup: Duration {
        get { .microseconds(nameLookupMicros) }
        set { nameLookupMicros = Self.micros(newValue) }
    }
    /// TCP connection established.
    public var connect: Duration {
        get { .microseconds(connectMicros) }
        set { connectMicros = Self.micros(newValue) }
    }
    /// TLS handshake done, or 0 when there is no TLS.
    public var appConnect: Duration {
        get { .microseconds(appConnectMicros) }
        set { appConnectMicros = Self.micros(newValue) }
    }
    /// About to send the request.
    public var preTransfer: Duration {
        get { .microseconds(preTransferMicros) }
        set { preTransferMicros = Self.micros(newValue) }
    }
    /// First byte of the response received (time to first byte).
    public var startTransfer: Duration {
        get { .microseconds(startTransferMicros) }
        set { startTransferMicros = Self.micros(newValue) }
    }
    /// Transfer done.
    public var total: Duration {
        get { .microseconds(totalMicros) }
        set { totalMicros = Self.micros(newValue) }
    }

    /// Whole microseconds of `duration`, truncated toward zero.
    private static func micros(_ duration: Duration) -> Int64 {
        Int64(duration.attoseconds / 1_000_000_000_000)
    }
}

extension Timings: Codable {
    private enum CodingKeys: String, CodingKey {
        case nameLookup, connect, appConnect, preTransfer, startTransfer, total
    }

    /// Decodes the phases as `Duration`s, under the names they have always been written with.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            nameLookup: try container.decode(Duration.self, forKey: .nameLookup),
            connect: try container.decode(Duration.self, forKey: .connect),
            appConnect: try container.decode(Duration.self, forKey: .appConnect),
            preTransfer: try container.decode(Duration.self, forKey: .preTransfer),
            startTransfer: try container.decode(Duration.self, forKey: .startTransfer),
            total: try container.decode(Duration.self, forKey: .total))
    }

    /// Encodes the phases as `Duration`s, as the results files have always held them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(nameLookup, forKey: .nameLookup)
        try container.encode(connect, forKey: .connect)
        try container.encode(appConnect, forKey: .appConnect)
        try container.encode(preTransfer, forKey: .preTransfer)
        try container.encode(startTransfer, forKey: .startTransfer)
        try container.encode(total, forKey: .total)
    }
}
