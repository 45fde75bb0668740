import Foundation
import GauntletJSON
import Testing

@testable import GauntletCLI

/// `--resolve`, `--connect-to`, `--cert`/`--key`, `--proxy` and `--http2` multiplexing through the
/// real `run` and `load` commands, in process, against nginx on loopback with certificates each
/// test makes (``NginxTLSServer``): a server that requires a client certificate, one that does
/// not, and a plain-HTTP port that answers as a forward proxy. The name `api.test` resolves
/// nowhere, so reaching it proves `--resolve`, `--connect-to` or `--proxy` did their work.
///
/// In-process runs share `CurlClient.shared`, whose DNS cache keeps a `--resolve` entry and
/// whose connection cache keeps connections: a test sends its requests without an option
/// before those with it, so that the option's absence is what the first ones show.
@Suite("Network options through run and load", .enabled(if: NginxTLSServer.isAvailable), .timeLimit(.minutes(2)))
struct NetworkOptionTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-net-\(UUID().uuidString)")

    /// A scenario file of one GET whose answer must be 200 and, in `run`, carry `checks`.
    func scenario(_ checks: [String: String] = [:]) throws -> String {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("network-\(UUID().uuidString).yaml")
        var yaml = """
            suite: network
            scenarios:
              - name: reaches the server
                steps:
                  - name: get
                    request: { path: /hello }
                    expect:
                      status: 200

            """
        if !checks.isEmpty {
            yaml += "          jsonpath:\n"
            for (path, value) in checks.sorted(by: { $0.key < $1.key }) { yaml += "            \(path): \"\(value)\"\n" }
        }
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// A fresh report folder.
    func reports() -> String { folder.appendingPathComponent("reports-\(UUID().uuidString)").path }

    /// `gauntlet run FILE --report-dir DIR ARGS…`: the exit status and `results.json`'s first step.
    func run(_ file: String, _ arguments: [String]) async throws -> (status: Int32, step: JSONValue?) {
        let directory = reports()
        let status = await Gauntlet.run(arguments: ["run", file, "--report-dir", directory, "--connect-timeout", "5s"] + arguments)
        let data = try? Data(contentsOf: URL(fileURLWithPath: directory + "/results.json"))
        let results = try data.map { try JSONValue(parsing: Array($0)) }
        return (status, results?["suites"]?[0]?["scenarios"]?[0]?["steps"]?[0])
    }

    /// `gauntlet load FILE --vus V --iterations N --report-dir DIR ARGS…`: the exit status and `latency.json`'s `total`.
    func load(_ file: String, vus: Int = 4, iterations: Int = 40, _ arguments: [String]) async throws -> (status: Int32, total: JSONValue) {
        let directory = reports()
        let status = await Gauntlet.run(arguments: [
            "load", file, "--vus", String(vus), "--iterations", String(iterations), "--report-dir", directory, "--connect-timeout", "5s",
        ] + arguments)
        let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/latency.json"))
        return (status, try #require(try JSONValue(parsing: Array(data))["total"]))
    }

    /// Trust the test CA and send `api.test:port` to 127.0.0.1.
    func byName(_ server: NginxTLSServer, port: Int) -> [String] {
        ["--base-url", "https://api.test:\(port)", "--resolve", "api.test:\(port):127.0.0.1", "--cacert", server.certificates.caCertificate]
    }

    // MARK: - Client certificates

    @Test("run: a server that requires a client certificate refuses the run without --cert and accepts it with --cert/--key or one combined file")
    func clientCertificateRun() async throws {
        try await withNginx { server in
            let file = try scenario(["$.client": "CN=gauntlet-test-client"])
            let target = byName(server, port: server.mutualTLSPort)

            let without = try await run(file, target)
            #expect(without.status == ExitStatus.checkFailed)
            #expect(without.step?["response"]?["status"] == 400, "nginx: no required SSL certificate was sent")

            let cert = server.certificates
            let with = try await run(file, target + ["--cert", cert.clientCertificate, "--key", cert.clientKey])
            #expect(with.status == ExitStatus.passed)
            let command = try #require(with.step?["curlCommand"]?.stringValue)
            #expect(command.contains("--cert '\(cert.clientCertificate)' --key '\(cert.clientKey)'"), "\(command)")
            #expect(command.contains("--resolve 'api.test:\(server.mutualTLSPort):127.0.0.1'"), "\(command)")
            #expect(!command.contains("PRIVATE KEY"))

            let combined = try await run(file, target + ["--cert", cert.clientCombined])
            #expect(combined.status == ExitStatus.passed)
        }
    }

    @Test("load: without --cert every request fails with the server's 400; with --cert/--key every one passes")
    func clientCertificateLoad() async throws {
        try await withNginx { server in
            let file = try scenario()
            let target = byName(server, port: server.mutualTLSPort)
            let without = try await load(file, target)
            #expect(without.total["count"] == 40)
            #expect(without.total["errors"] == 40)
            #expect(without.total["statusCounts"]?["400"] == 40)

            let cert = server.certificates
            let with = try await load(file, target + ["--cert", cert.clientCertificate, "--key", cert.clientKey])
            #expect(with.status == ExitStatus.passed)
            #expect(with.total["count"] == 40)
            #expect(with.total["errors"] == 0)
            #expect(with.total["statusCounts"]?["200"] == 40)
        }
    }

    // MARK: - --resolve and --connect-to

    @Test("run: --resolve reaches api.test on 127.0.0.1 and TLS verifies the name; without it the name does not resolve")
    func resolveRun() async throws {
        try await withNginx { server in
            let file = try scenario(["$.host": "api.test"])
            let target = byName(server, port: server.tlsPort)
            let unresolved = try await run(file, Array(target.prefix(2)) + ["--cacert", server.certificates.caCertificate])
            #expect(unresolved.status == ExitStatus.unreachable, "nothing was answered: exit 3")
            #expect(unresolved.step?["errorKind"]?.stringValue == "dns_failed")

            #expect(try await run(file, target).status == ExitStatus.passed)

            // The certificate is checked for the name: without the CA the run fails on TLS.
            let untrusted = try await run(file, Array(target.prefix(4)))
            #expect(untrusted.step?["errorKind"]?.stringValue == "tls")
        }
    }

    @Test("load: --resolve reaches api.test; without it every request is a dns failure")
    func resolveLoad() async throws {
        try await withNginx { server in
            let file = try scenario()
            let target = byName(server, port: server.tlsPort)
            let unresolved = try await load(file, iterations: 4, Array(target.prefix(2)) + ["--cacert", server.certificates.caCertificate])
            #expect(unresolved.total["errorCounts"]?["dns_failed"] == 4)

            let resolved = try await load(file, target)
            #expect(resolved.total["statusCounts"]?["200"] == 40)
            #expect(resolved.total["errors"] == 0)
        }
    }

    @Test("run and load: --connect-to sends api.test:8443 to nginx's port, TLS still checking api.test")
    func connectTo() async throws {
        try await withNginx { server in
            let file = try scenario(["$.host": "api.test"])
            let arguments = [
                "--base-url", "https://api.test:8443", "--connect-to", "api.test:8443:127.0.0.1:\(server.tlsPort)",
                "--cacert", server.certificates.caCertificate,
            ]
            let ran = try await run(file, arguments)
            #expect(ran.status == ExitStatus.passed)
            let command = try #require(ran.step?["curlCommand"]?.stringValue)
            #expect(command.contains("--connect-to 'api.test:8443:127.0.0.1:\(server.tlsPort)'"), "\(command)")

            let loaded = try await load(file, arguments)
            #expect(loaded.total["statusCounts"]?["200"] == 40)
            #expect(loaded.total["errors"] == 0)
        }
    }

    // MARK: - --proxy

    @Test("run and load: --proxy sends requests for an unresolvable host through the loopback proxy")
    func proxy() async throws {
        try await withNginx { server in
            let file = try scenario(["$.via": "proxy", "$.host": "api.test"])
            let arguments = ["--base-url", "http://api.test:9", "--proxy", "http://127.0.0.1:\(server.proxyPort)"]
            let direct = try await run(file, Array(arguments.prefix(2)))
            #expect(direct.status == ExitStatus.unreachable, "nothing was answered: exit 3")
            #expect(direct.step?["errorKind"]?.stringValue == "dns_failed")

            let ran = try await run(file, arguments)
            #expect(ran.status == ExitStatus.passed)
            let command = try #require(ran.step?["curlCommand"]?.stringValue)
            #expect(command.contains("--proxy 'http://127.0.0.1:\(server.proxyPort)'"), "\(command)")

            let loaded = try await load(file, arguments)
            #expect(loaded.total["statusCounts"]?["200"] == 40)
            #expect(loaded.total["errors"] == 0)
        }
    }

    // MARK: - HTTP/2 in load

    @Test("load --http2 multiplexes every virtual user's requests on one connection and reports HTTP/2")
    func http2Multiplexes() async throws {
        try await withNginx { server in
            let file = try scenario()
            let target = byName(server, port: server.tlsPort)
            let h2 = try await load(file, vus: 8, iterations: 80, target + ["--http2"])
            #expect(h2.total["httpVersions"] == ["HTTP/2": 80])
            #expect(h2.total["connectionsOpened"] == 1)
            #expect(h2.total["errors"] == 0)

            let h1 = try await load(file, vus: 8, iterations: 80, target)
            #expect(h1.total["httpVersions"] == ["HTTP/1.1": 80])
            #expect(h1.total["connectionsOpened"] == 8)
        }
    }

    @Test("run --http2: an answer over HTTP/2 is whole (its header block's end is seen as over HTTP/1.1)")
    func http2Run() async throws {
        try await withNginx { server in
            let result = try await run(try scenario(), byName(server, port: server.tlsPort) + ["--http2"])
            #expect(result.status == ExitStatus.passed)
            #expect(result.step?["response"]?["httpVersion"] == "HTTP/2", "\(String(describing: result.step))")
        }
    }

    @Test("load --http2 --streams-per-connection 2 opens a connection per two streams in flight")
    func http2StreamLimit() async throws {
        try await withNginx { server in
            let file = try scenario()
            let loaded = try await load(file, vus: 8, iterations: 80, byName(server, port: server.tlsPort) + ["--http2", "--streams-per-connection", "2"])
            #expect(loaded.total["httpVersions"] == ["HTTP/2": 80])
            let connections = try #require(loaded.total["connectionsOpened"]?.intValue)
            // Without a cap on connections, every transfer that found the first connection full
            // opened one of its own: 7 (libcurl 7.88 woke them all at once).
            #expect(connections <= 4, "\(connections) connections for 8 streams, 2 per connection")
            // nginx on loopback can answer a stream before libcurl has started the next transfer,
            // which then finds a stream free and needs no new connection (2 runs in 10 by hand
            // opened 1). Fewer connections are then all the load needed, so this is recorded, not failed.
            withKnownIssue("the server answered faster than libcurl started transfers: fewer connections were needed", isIntermittent: true) {
                #expect(connections >= 4, "\(connections) connections for 8 streams, 2 per connection")
            }
        }
    }

    @Test("load --http2 against a plain http:// URL falls back to HTTP/1.1, and the report says so")
    func http2FallbackIsVisible() async throws {
        try await withNginx { server in
            let file = try scenario()
            let loaded = try await load(file, iterations: 8, ["--base-url", "http://127.0.0.1:\(server.proxyPort)", "--http2"])
            #expect(loaded.total["httpVersions"] == ["HTTP/1.1": 8])
        }
    }
}
