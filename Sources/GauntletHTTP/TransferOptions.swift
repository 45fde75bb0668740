/// How libcurl should carry out a request: protocol version, TLS, redirects, limits, signing, and
/// where connections go (`--resolve`, `--connect-to`, `--proxy`) with which client certificate.
public struct TransferOptions: Sendable, Hashable {
    /// The HTTP version to ask for (`--http2`).
    public var httpVersion: HTTPVersion
    /// Whether to verify the server certificate and host name; `false` is curl's `--insecure`.
    public var verifyTLS: Bool
    /// A PEM bundle of trusted certificate authorities (`--cacert`); `nil` uses the system store.
    public var caCertPath: String?
    /// Whether to follow `Location` redirects (`--location`). Off by default: each hop is its own exchange.
    public var followRedirects: Bool
    /// Connection and whole-transfer limits.
    public var timeouts: Timeouts
    /// AWS SigV4 signing, if the target needs it.
    public var awsSigV4: AWSSigV4?
    /// Addresses to use for host names instead of DNS's (`--resolve`; `CURLOPT_RESOLVE`).
    public var resolve: [HostResolution] = []
    /// Hosts and ports to connect to instead of the URL's (`--connect-to`; `CURLOPT_CONNECT_TO`).
    public var connectTo: [ConnectionRedirect] = []
    /// The client certificate for mutual TLS (`--cert`, `--key`), if any.
    public var clientCertificate: ClientCertificate?
    /// The proxy every request goes through (`--proxy`; `CURLOPT_PROXY`); nil for none (load
    /// runs then ignore proxy variables in the environment unless one is set, as libcurl would).
    public var proxy: ProxyAddress?
    /// With HTTP/2 in a load, the most requests in flight on one connection
    /// (`--streams-per-connection`; `CURLMOPT_MAX_CONCURRENT_STREAMS`, libcurl's default 100):
    /// a load with more in flight opens another connection, up to as many as carry them all at this
    /// many each. The server's own limit also holds: a server that allows fewer streams than this
    /// gets fewer requests in flight.
    public var streamsPerConnection: Int = 100

    /// Creates transfer options; every parameter has the default a plain request wants.
    /// - Parameters:
    ///   - httpVersion: HTTP/1.1 unless told otherwise.
    ///   - verifyTLS: Verify certificates unless told otherwise.
    ///   - caCertPath: A CA bundle path, or `nil` for the system store.
    ///   - followRedirects: Follow redirects; off by default.
    ///   - timeouts: ``Timeouts/standard`` by default.
    ///   - awsSigV4: SigV4 signing; none by default.
    public init(
        httpVersion: HTTPVersion = .http1_1,
        verifyTLS: Bool = true,
        caCertPath: String? = nil,
        followRedirects: Bool = false,
        timeouts: Timeouts = .standard,
        awsSigV4: AWSSigV4? = nil
    ) {
        self.httpVersion = httpVersion
        self.verifyTLS = verifyTLS
        self.caCertPath = caCertPath
        self.followRedirects = followRedirects
        self.timeouts = timeouts
        self.awsSigV4 = awsSigV4
    }
}
