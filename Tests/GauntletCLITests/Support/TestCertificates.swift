import Foundation

/// A throwaway PKI made with the `openssl` tool for one test: a CA, a server certificate for
/// `api.test` and 127.0.0.1 signed by it, and a client certificate (for mutual TLS) signed by
/// it, each with its key; plus `client-combined.pem`, the client certificate and key in one file.
struct TestCertificates {
    static let openssl = "/usr/bin/openssl"
    /// The name the server certificate is for (besides 127.0.0.1).
    static let serverName = "api.test"

    let directory: URL
    var caCertificate: String { path("ca.pem") }
    var serverCertificate: String { path("server.pem") }
    var serverKey: String { path("server.key") }
    var clientCertificate: String { path("client.pem") }
    var clientKey: String { path("client.key") }
    /// The client certificate followed by its key.
    var clientCombined: String { path("client-combined.pem") }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Makes every file in a fresh folder under `directory`.
    init(in directory: URL) throws {
        self.directory = directory
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.openssl(["req", "-x509"] + ec + [
            "-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "1", "-subj", "/CN=Gauntlet Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
        try issue("server", subject: "/CN=\(Self.serverName)", extensions: """
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth
            subjectAltName=DNS:\(Self.serverName),IP:127.0.0.1
            """)
        try issue("client", subject: "/CN=gauntlet-test-client", extensions: """
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=clientAuth
            """)
        let combined = try Data(contentsOf: URL(fileURLWithPath: clientCertificate)) + Data(contentsOf: URL(fileURLWithPath: clientKey))
        try combined.write(to: URL(fileURLWithPath: clientCombined))
    }

    /// A key, a request and a certificate signed by the CA, valid for a day.
    private func issue(_ name: String, subject: String, extensions: String) throws {
        let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try extensions.write(toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
        try Self.openssl(["req", "-new"] + ec + ["-keyout", path("\(name).key"), "-out", path("\(name).csr"), "-subj", subject])
        try Self.openssl([
            "x509", "-req", "-in", path("\(name).csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"), "-CAcreateserial",
            "-days", "1", "-extfile", path("\(name).ext"), "-out", path("\(name).pem"),
        ])
    }

    /// Runs `openssl` and throws when it fails.
    private static func openssl(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestServerError("openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(String(decoding: output, as: UTF8.self))")
        }
    }
}

/// A test server that could not be set up.
struct TestServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
