import ArgumentParser
import Foundation
import Testing

@testable import GauntletCLI

/// Malformed network flags are invalid input: exit 2, every problem named, nothing sent.
@Suite(.timeLimit(.minutes(1))) struct NetworkFlagErrorTests {
    static let badFlags: [[String]] = [
        ["--resolve", "api.test:443"], ["--resolve", "api.test:https:127.0.0.1"], ["--resolve", "api.test:443:not-an-address"],
        ["--connect-to", "api.test:443:127.0.0.1"], ["--cert", "/nonexistent/client.pem"], ["--key", "/nonexistent/client.key"],
        ["--proxy", "ftp://proxy:21"], ["--streams-per-connection", "0"], ["--cacert", "/nonexistent/ca.pem"],
    ]

    @Test("run: each bad network flag exits 2 before any connection", arguments: badFlags)
    func runRejects(_ flags: [String]) async throws {
        let server = try ConnectionCounter()
        defer { server.stop() }
        let file = ContractPaths.suite + "/not-found.yaml"
        let status = await Gauntlet.run(arguments: ["run", file, "--base-url", server.baseURL] + flags)
        #expect(status == ExitStatus.invalidInput)
        #expect(server.count == 0)
    }

    @Test("load: each bad network flag exits 2 before any connection", arguments: badFlags)
    func loadRejects(_ flags: [String]) async throws {
        let server = try ConnectionCounter()
        defer { server.stop() }
        let file = ContractPaths.root + "/Scenarios/load/selftest.yaml"
        let status = await Gauntlet.run(arguments: ["load", file, "--base-url", server.baseURL, "--duration", "1s"] + flags)
        #expect(status == ExitStatus.invalidInput)
        #expect(server.count == 0)
    }

    @Test("Every problem is named with its flag, its value and the reason, one per line")
    func messages() {
        let expected = [
            "--resolve 'api.test:443': expected host:port:address, as in 'api.example.com:443:127.0.0.1'",
            "--connect-to 'a:1:b': expected HOST1:PORT1:HOST2:PORT2, as in 'api.example.com:443:10.0.0.7:8443' (an IPv6 address goes in brackets)",
            "--key '/certs/client.key': a key needs its certificate: add --cert",
            "--proxy 'http://***:***@proxy:99999': '99999' is not a port (1-65535)",
            "--streams-per-connection '0': must be at least 1",
        ]
        #expect(problems([
            "--resolve", "api.test:443", "--connect-to", "a:1:b", "--key", "/certs/client.key",
            "--proxy", "http://user:hunter2@proxy:99999", "--streams-per-connection", "0",
        ]) == expected.joined(separator: "\n"))
        #expect(problems(["--cert", "/nonexistent/client.pem"]) == "--cert '/nonexistent/client.pem': no such file")
    }

    @Test("A CA bundle that is missing, a folder or not PEM is named before any request, as --cert is")
    func caBundleProblems() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-ca-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let notPEM = directory.appendingPathComponent("ca.der").path
        try "not a certificate".write(toFile: notPEM, atomically: true, encoding: .utf8)
        #expect(problems(["--cacert", "/nonexistent/ca.pem"]) == "--cacert '/nonexistent/ca.pem': no such file")
        #expect(problems(["--cacert", directory.path]) == "--cacert '\(directory.path)': is a folder, not a PEM file")
        #expect(problems(["--cacert", notPEM]) == "--cacert '\(notPEM)': holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        let bundle = directory.appendingPathComponent("ca.pem").path
        try "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".write(toFile: bundle, atomically: true, encoding: .utf8)
        #expect(problems(["--cacert", bundle]) == nil)
    }

    @Test("A certificate file without a key needs --key")
    func certificateWithoutKey() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let certificate = directory.appendingPathComponent("cert.pem").path
        try "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".write(toFile: certificate, atomically: true, encoding: .utf8)
        #expect(problems(["--cert", certificate]) == "--cert '\(certificate)': holds no private key; name the key file with --key")
    }

    /// The message `gauntlet run` rejects these flags with (parsing, then reading the files
    /// before any request), or nil when it accepts them.
    func problems(_ flags: [String]) -> String? {
        do {
            let command = try #require(try Gauntlet.parseAsRoot(["run", "--base-url", "https://api.test"] + flags) as? RunCommand)
            _ = try command.transfer.transferOptions()
            return nil
        } catch {
            return Gauntlet.message(for: error)
        }
    }

    @Test("A command line parses without its certificate files; they are read before the first request")
    func parsingReadsNoFile() throws {
        let command = try Gauntlet.parseAsRoot(["run", "--base-url", "https://api.test", "--cert", "/nonexistent/client.pem"])
        let run = try #require(command as? RunCommand)
        #expect(run.transfer.networkProblems(readingFiles: false).isEmpty)
        #expect(run.transfer.networkProblems(readingFiles: true).map(\.description) == ["--cert '/nonexistent/client.pem': no such file"])
    }
}
