/// One `--connect-to HOST1:PORT1:HOST2:PORT2` rule (libcurl's `CURLOPT_CONNECT_TO`): a request
/// for `HOST1:PORT1` connects to `HOST2:PORT2` instead, keeping the URL's name for the `Host`
/// header, TLS's server name and certificate check. An empty field matches any host or port
/// (on the left) or keeps the URL's (on the right), as in curl.
public struct ConnectionRedirect: Sendable, Hashable, CustomStringConvertible {
    /// The host the rule applies to; empty for any.
    public var fromHost: String
    /// The port the rule applies to; nil for any.
    public var fromPort: Int?
    /// The host to connect to instead; empty to keep the URL's.
    public var toHost: String
    /// The port to connect to instead; nil to keep the URL's.
    public var toPort: Int?

    /// Parses `HOST1:PORT1:HOST2:PORT2`, as curl's `--connect-to` does.
    /// - Throws: ``NetworkOptionError`` naming `--connect-to` when the rule is malformed.
    public init(parsing text: String) throws(NetworkOptionError) {
        func failure(_ reason: String) -> NetworkOptionError {
            NetworkOptionError(flag: "--connect-to", value: text, reason: reason)
        }
        let fields = HostEndpointSyntax.fields(text)
        guard fields.count == 4 else {
            throw failure("expected HOST1:PORT1:HOST2:PORT2, as in 'api.example.com:443:10.0.0.7:8443' (an IPv6 address goes in brackets)")
        }
        for host in [fields[0], fields[2]] where !host.isEmpty && !HostEndpointSyntax.isHost(host) {
            throw failure("'\(host)' is not a host name or address")
        }
        var ports: [Int?] = []
        for port in [fields[1], fields[3]] {
            if port.isEmpty {
                ports.append(nil)
            } else if let number = HostEndpointSyntax.port(port) {
                ports.append(number)
            } else {
                throw failure("'\(port)' is not a port (1-65535)")
            }
        }
        guard !fields[2].isEmpty || ports[1] != nil else { throw failure("names neither a host nor a port to connect to") }
        fromHost = String(fields[0])
        fromPort = ports[0]
        toHost = String(fields[2])
        toPort = ports[1]
    }

    /// The rule as libcurl and curl's `--connect-to` take it.
    public var description: String {
        "\(fromHost):\(fromPort.map(String.init) ?? ""):\(toHost):\(toPort.map(String.init) ?? "")"
    }
}
