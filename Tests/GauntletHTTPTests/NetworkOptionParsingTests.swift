import Foundation
import GauntletHTTP
import Testing

/// `--resolve`, `--connect-to` and `--proxy` values as curl takes them, and what is wrong with
/// the ones it would not take.
@Suite struct NetworkOptionParsingTests {
    @Test("--resolve entries parse as curl's", arguments: [
        ("api.example.com:443:127.0.0.1", "api.example.com", 443, ["127.0.0.1"]),
        ("api.test:8443:10.0.0.7,10.0.0.8", "api.test", 8443, ["10.0.0.7", "10.0.0.8"]),
        ("api.test:443:[::1]", "api.test", 443, ["[::1]"]),
        ("api.test:443:::1", "api.test", 443, ["::1"]),
    ])
    func resolveParses(_ text: String, host: String, port: Int, addresses: [String]) throws {
        let entry = try HostResolution(parsing: text)
        #expect(entry.host == host && entry.port == port && entry.addresses == addresses)
        #expect(entry.description == text)
    }

    @Test("Malformed --resolve entries say why", arguments: [
        ("api.test:443", "expected host:port:address, as in 'api.example.com:443:127.0.0.1'"),
        ("api.test:0:127.0.0.1", "'0' is not a port (1-65535)"),
        ("api.test:https:127.0.0.1", "'https' is not a port (1-65535)"),
        ("api.test:443:localhost", "'localhost' is not an IPv4 or IPv6 address"),
        ("api.test:443:127.0.0.300", "'127.0.0.300' is not an IPv4 or IPv6 address"),
        ("api.test:443:", "no address to connect to; expected host:port:address, as in 'api.example.com:443:127.0.0.1'"),
        (":443:127.0.0.1", "'' is not a host name; expected host:port:address, as in 'api.example.com:443:127.0.0.1'"),
    ])
    func resolveRejects(_ text: String, reason: String) {
        #expect(throws: NetworkOptionError(flag: "--resolve", value: text, reason: reason)) { try HostResolution(parsing: text) }
    }

    @Test("--connect-to rules parse as curl's, empty fields included", arguments: [
        "api.test:443:127.0.0.1:8443", "api.test:443:[::1]:8443", "::127.0.0.1:", "api.test::backend.internal:",
    ])
    func connectToParses(_ text: String) throws {
        #expect(try ConnectionRedirect(parsing: text).description == text)
    }

    @Test("Malformed --connect-to rules say why", arguments: [
        ("api.test:443:127.0.0.1", "expected HOST1:PORT1:HOST2:PORT2, as in 'api.example.com:443:10.0.0.7:8443' (an IPv6 address goes in brackets)"),
        ("api.test:443:127.0.0.1:99999", "'99999' is not a port (1-65535)"),
        ("api.test:443::", "names neither a host nor a port to connect to"),
        ("api test:443:b:1", "'api test' is not a host name or address"),
    ])
    func connectToRejects(_ text: String, reason: String) {
        #expect(throws: NetworkOptionError(flag: "--connect-to", value: text, reason: reason)) { try ConnectionRedirect(parsing: text) }
    }

    @Test("Proxy URLs: schemes curl knows, host:port alone, credentials hidden when shown")
    func proxies() throws {
        #expect(try ProxyAddress(parsing: "http://127.0.0.1:3128").redacted == "http://127.0.0.1:3128")
        #expect(try ProxyAddress(parsing: "proxy.internal:3128").url == "proxy.internal:3128")
        #expect(try ProxyAddress(parsing: "socks5h://[::1]:1080").url == "socks5h://[::1]:1080")
        #expect(try ProxyAddress(parsing: "http://ada:hunter2@proxy:3128").redacted == "http://***:***@proxy:3128")
        #expect(throws: NetworkOptionError(flag: "--proxy", value: "ftp://proxy:21", reason: "'ftp' is not a proxy scheme (http, https, socks4, socks4a, socks5, socks5h)")) {
            try ProxyAddress(parsing: "ftp://proxy:21")
        }
        #expect(throws: NetworkOptionError(flag: "--proxy", value: "http://***:***@proxy:x", reason: "'x' is not a port (1-65535)")) {
            try ProxyAddress(parsing: "http://ada:hunter2@proxy:x")
        }
    }

    @Test("The reproduction command carries every network option; a proxy's password and key contents never")
    func curlCommandCarriesNetworkOptions() throws {
        var options = TransferOptions(httpVersion: .http2, caCertPath: "/certs/ca.pem")
        options.resolve = [try HostResolution(parsing: "api.test:443:127.0.0.1")]
        options.connectTo = [try ConnectionRedirect(parsing: "api.test:443:10.0.0.7:8443")]
        options.clientCertificate = ClientCertificate(certificatePath: "/certs/client.pem", keyPath: "/certs/client.key")
        options.proxy = try ProxyAddress(parsing: "http://ada:hunter2@proxy.internal:3128")
        let command = CurlCommand(RequestSpec(url: "https://api.test/events", options: options)).description
        #expect(command == "curl --cacert '/certs/ca.pem' --cert '/certs/client.pem' --key '/certs/client.key' "
            + "--resolve 'api.test:443:127.0.0.1' --connect-to 'api.test:443:10.0.0.7:8443' "
            + "--proxy 'http://***:***@proxy.internal:3128' --http2 'https://api.test/events'")

        options.clientCertificate = ClientCertificate(certificatePath: "/certs/client-and-key.pem")
        options.proxy = nil
        let combined = CurlCommand(RequestSpec(url: "https://api.test/", options: options)).description
        #expect(combined.contains("--cert '/certs/client-and-key.pem' --resolve"))
        #expect(!combined.contains("--key"))
    }

    @Test("A client certificate is checked before any request: files, certificate, key")
    func clientCertificateValidation() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        let both = directory.appendingPathComponent("both.pem").path
        try "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".write(toFile: certificate, atomically: true, encoding: .utf8)
        try "-----BEGIN EC PRIVATE KEY-----\nsecret-key-bytes\n-----END EC PRIVATE KEY-----\n".write(toFile: key, atomically: true, encoding: .utf8)
        try (String(contentsOfFile: certificate, encoding: .utf8) + String(contentsOfFile: key, encoding: .utf8)).write(toFile: both, atomically: true, encoding: .utf8)

        try ClientCertificate(certificatePath: certificate, keyPath: key).validate()
        try ClientCertificate(certificatePath: both).validate()
        #expect(ClientCertificate(certificatePath: both).effectiveKeyPath == both)
        #expect(throws: NetworkOptionError(flag: "--cert", value: certificate, reason: "holds no private key; name the key file with --key")) {
            try ClientCertificate(certificatePath: certificate).validate()
        }
        #expect(throws: NetworkOptionError(flag: "--key", value: certificate, reason: "holds no PEM private key (-----BEGIN … PRIVATE KEY-----)")) {
            try ClientCertificate(certificatePath: certificate, keyPath: certificate).validate()
        }
        #expect(throws: NetworkOptionError(flag: "--cert", value: key, reason: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")) {
            try ClientCertificate(certificatePath: key).validate()
        }
        let error = #expect(throws: NetworkOptionError.self) {
            try ClientCertificate(certificatePath: directory.path + "/missing.pem", keyPath: key).validate()
        }
        #expect(error?.description == "--cert '\(directory.path)/missing.pem': no such file")
        #expect(error.map { !$0.description.contains("secret-key-bytes") } ?? false)
    }
}
