/// One `--resolve host:port:address[,address…]` entry (libcurl's `CURLOPT_RESOLVE`): requests to
/// `host` on `port` connect to the addresses given instead of what DNS says, while the URL, the
/// `Host` header, TLS's server name and certificate check keep the name. For trying a deployment
/// behind its DNS name before the switch.
public struct HostResolution: Sendable, Hashable, CustomStringConvertible {
    /// The host name as it appears in URLs.
    public var host: String
    /// The port, 1–65535.
    public var port: Int
    /// The addresses to connect to, IPv6 ones in brackets or bare, in order.
    public var addresses: [String]

    /// Parses `host:port:address[,address…]`, as curl's `--resolve` does.
    /// - Throws: ``NetworkOptionError`` naming `--resolve` when the entry is malformed.
    public init(parsing text: String) throws(NetworkOptionError) {
        func failure(_ reason: String) -> NetworkOptionError {
            NetworkOptionError(flag: "--resolve", value: text, reason: reason)
        }
        let example = "expected host:port:address, as in 'api.example.com:443:127.0.0.1'"
        let fields = HostEndpointSyntax.fields(text, limit: 3)
        guard fields.count == 3 else { throw failure(example) }
        guard HostEndpointSyntax.isHost(fields[0]) else { throw failure("'\(fields[0])' is not a host name; \(example)") }
        guard let port = HostEndpointSyntax.port(fields[1]) else { throw failure("'\(fields[1])' is not a port (1-65535)") }
        let addresses = fields[2].split(separator: ",", omittingEmptySubsequences: false)
        for address in addresses where !HostEndpointSyntax.isAddress(address) {
            throw failure(address.isEmpty ? "no address to connect to; \(example)" : "'\(address)' is not an IPv4 or IPv6 address")
        }
        host = String(fields[0])
        self.port = port
        self.addresses = addresses.map(String.init)
    }

    /// The entry as libcurl and curl's `--resolve` take it.
    public var description: String { "\(host):\(port):\(addresses.joined(separator: ","))" }
}
