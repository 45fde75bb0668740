import Foundation
import Testing

/// `openssl s_server -www` on 127.0.0.1, port 0, with a fresh self-signed certificate for
/// `localhost` and `127.0.0.1`: a real TLS peer for the TLS options. Tests that use it are enabled
/// only where the `openssl` tool exists.
final class OpenSSLServer: Sendable {
    static let executable = "/usr/bin/openssl"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    let port: Int
    /// The PEM certificate, usable as a CA bundle.
    let certificatePath: String
    private let directory: URL
    private let process: Process

    private init(port: Int, certificatePath: String, directory: URL, process: Process) {
        self.port = port
        self.certificatePath = certificatePath
        self.directory = directory
        self.process = process
    }

    /// Makes a certificate, starts the server and returns once it has printed its port.
    static func start() async throws -> OpenSSLServer {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path

        let request = Process()
        request.executableURL = URL(fileURLWithPath: executable)
        request.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "1",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
        ]
        request.standardOutput = FileHandle.nullDevice
        request.standardError = FileHandle.nullDevice
        try request.run()
        request.waitUntilExit()

        let server = Process()
        server.executableURL = URL(fileURLWithPath: executable)
        server.arguments = ["s_server", "-accept", "127.0.0.1:0", "-cert", certificate, "-key", key, "-www"]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        // The reader drains the pipe until the server exits, so the server never blocks on output;
        // it reports the port from the `ACCEPT 127.0.0.1:<port>` line, or 0 if the server ends first.
        let port = await withCheckedContinuation { (continuation: CheckedContinuation<Int, Never>) in
            Thread.detachNewThread {
                var text = ""
                var reported = false
                while true {
                    let data = output.fileHandleForReading.availableData
                    if data.isEmpty { break }
                    guard !reported else { continue }
                    text += String(decoding: data, as: UTF8.self)
                    if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("ACCEPT") }),
                       let port = line.split(separator: ":").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
                        reported = true
                        continuation.resume(returning: port)
                    }
                }
                if !reported { continuation.resume(returning: 0) }
            }
        }
        return OpenSSLServer(port: port, certificatePath: certificate, directory: directory, process: server)
    }

    /// Stops the server and deletes the certificate.
    func stop() {
        if process.isRunning {
            // SIGKILL: the child may inherit a signal mask that blocks SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// Runs `body` with a TLS server and always stops it.
func withOpenSSLServer(_ body: (OpenSSLServer) async throws -> Void) async throws {
    let server = try await OpenSSLServer.start()
    defer { server.stop() }
    try #require(server.port > 0, "openssl s_server did not report its port")
    try await body(server)
}
