import Foundation
import GauntletTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Debian's nginx on 127.0.0.1, started by a test with a temporary configuration and the
/// certificates of ``TestCertificates``, on three free ports:
///
/// - ``mutualTLSPort``: TLS (HTTP/1.1 and HTTP/2 by ALPN) that requires a client certificate
///   signed by the test CA (`ssl_verify_client on`);
/// - ``tlsPort``: the same without the client certificate;
/// - ``proxyPort``: plain HTTP, answering every request itself as a forward proxy would be asked
///   (`GET http://api.test/… HTTP/1.1`), naming the host it was asked for.
///
/// Every TLS answer is `{"protocol":"HTTP/2.0","client":"CN=…","host":"api.test"}`: the
/// protocol nginx spoke, the client certificate's subject (empty without one) and the host asked
/// for. Single process (`master_process off`), killed by ``stop()``.
final class NginxTLSServer: Sendable {
    static let executable = ["/usr/sbin/nginx", "/usr/bin/nginx"].first { FileManager.default.isExecutableFile(atPath: $0) }
    /// nginx and openssl are both installed (Scripts/install-dependencies installs them).
    static var isAvailable: Bool { executable != nil && FileManager.default.isExecutableFile(atPath: TestCertificates.openssl) }

    let certificates: TestCertificates
    let mutualTLSPort: Int
    let tlsPort: Int
    let proxyPort: Int
    private let directory: URL
    private let process: Process

    private init(certificates: TestCertificates, ports: [Int], directory: URL, process: Process) {
        self.certificates = certificates
        mutualTLSPort = ports[0]
        tlsPort = ports[1]
        proxyPort = ports[2]
        self.directory = directory
        self.process = process
    }

    /// Makes the certificates, writes the configuration and starts nginx; returns once all three
    /// ports accept connections (within 10 s).
    static func start() throws -> NginxTLSServer {
        guard let executable else { throw TestServerError("nginx is not installed") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-nginx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("temp"), withIntermediateDirectories: true)
        let certificates = try TestCertificates(in: directory)
        var lastError = TestServerError("nginx did not start")
        // A port found free may be taken before nginx binds it: try again with new ones.
        for _ in 0..<3 {
            let ports = try (0..<3).map { _ in try LoopbackSocket.freePort() }
            let config = directory.appendingPathComponent("nginx.conf")
            try configuration(certificates: certificates, ports: ports, directory: directory).write(to: config, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["-p", directory.path, "-c", config.path, "-e", directory.appendingPathComponent("error.log").path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning, Date() < deadline, !ports.allSatisfy(accepts) {
                usleep(20_000)
            }
            if process.isRunning, ports.allSatisfy(accepts) {
                return NginxTLSServer(certificates: certificates, ports: ports, directory: directory, process: process)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let log = (try? String(contentsOf: directory.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
            lastError = TestServerError("nginx did not start: \(log)")
        }
        try? FileManager.default.removeItem(at: directory)
        throw lastError
    }

    /// Kills nginx and deletes its folder, certificates included.
    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }

    private static func configuration(certificates: TestCertificates, ports: [Int], directory: URL) -> String {
        let temp = directory.appendingPathComponent("temp").path
        let answer = #"'{"protocol":"$server_protocol","client":"$ssl_client_s_dn","host":"$host"}'"#
        let tls = """
                ssl_certificate \(certificates.serverCertificate);
                ssl_certificate_key \(certificates.serverKey);
                ssl_protocols TLSv1.2 TLSv1.3;
                keepalive_requests 100000;
                location / { default_type application/json; return 200 \(answer); }
        """
        return """
            daemon off;
            master_process off;
            pid \(directory.appendingPathComponent("nginx.pid").path);
            error_log \(directory.appendingPathComponent("error.log").path) warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path \(temp)/body;
                proxy_temp_path \(temp)/proxy;
                fastcgi_temp_path \(temp)/fastcgi;
                uwsgi_temp_path \(temp)/uwsgi;
                scgi_temp_path \(temp)/scgi;
                server {
                    listen 127.0.0.1:\(ports[0]) ssl http2;
                    server_name \(TestCertificates.serverName);
            \(tls)
                    ssl_client_certificate \(certificates.caCertificate);
                    ssl_verify_client on;
                }
                server {
                    listen 127.0.0.1:\(ports[1]) ssl http2;
                    server_name \(TestCertificates.serverName);
            \(tls)
                }
                server {
                    listen 127.0.0.1:\(ports[2]);
                    location / { default_type application/json; return 200 '{"via":"proxy","host":"$host","uri":"$request_uri"}'; }
                }
            }

            """
    }

    /// Whether 127.0.0.1:`port` accepts a connection.
    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}

/// Runs `body` with nginx and always stops it.
func withNginx<Result>(_ body: (NginxTLSServer) async throws -> Result) async throws -> Result {
    let server = try NginxTLSServer.start()
    defer { server.stop() }
    return try await body(server)
}
