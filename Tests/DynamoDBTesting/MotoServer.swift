import Foundation
import GauntletTestSupport
public import GauntletAPI
import GauntletHTTP

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// moto's server (PyPI `moto[server]`), a real DynamoDB implementation on loopback, shared by
/// every test of a test process: started on first use, stopped when the process ends.
///
/// It runs from `.venv-moto/` at the package root, installed by `Scripts/install-moto` (which
/// `Scripts/install-dependencies` runs) and, when missing, by the first test that needs it:
/// a missing moto is installed, never a reason to skip. It is started through
/// `Scripts/moto-server`, which handles one request at a time, as DynamoDB applies writes to one
/// item (moto's threads alone let two of 50 racing conditional creates win now and then). It
/// runs under a small bash script that reads the test process's end of a pipe; when the test process
/// ends, however it ends, the pipe closes and the shell stops moto.
public final class MotoServer: @unchecked Sendable {
    /// The endpoint, `http://127.0.0.1:PORT`.
    public let endpoint: String
    /// The write end of the pipe whose closing stops moto; kept open for the process's life.
    private let lifeline: Int32
    /// The shell that runs and stops moto.
    private let pid: pid_t

    /// The fake credentials moto accepts (it does not check signatures).
    public static let credentials = DynamoDBCredentials(accessKeyID: "testing", secretAccessKey: "testing")
    /// The region the tests sign for.
    public static let region = "us-east-1"

    private init(endpoint: String, lifeline: Int32, pid: pid_t) {
        self.endpoint = endpoint
        self.lifeline = lifeline
        self.pid = pid
    }

    /// The server of this test process, started (and installed) on the first call.
    public static func shared() async throws -> MotoServer {
        try await self.launch.value
    }

    private static let launch = Task { try await MotoServer.start() }

    /// Settings for a new table of a unique name on this server, created by the store.
    /// - Parameter scanPageLimit: The `Limit` of one `Scan`, to force many pages.
    public func settings(scanPageLimit: Int? = nil) -> DynamoDBSettings {
        DynamoDBSettings(
            table: "events-\(UUID().uuidString.prefix(8).lowercased())",
            endpoint: self.endpoint,
            region: Self.region,
            credentials: Self.credentials,
            createTable: true,
            scanPageLimit: scanPageLimit
        )
    }

    /// Runs `body` with settings for a fresh table (created by the first store opened on them),
    /// and deletes the table afterwards.
    public func withTable<T>(scanPageLimit: Int? = nil, _ body: (DynamoDBSettings) async throws -> T) async throws -> T {
        let settings = self.settings(scanPageLimit: scanPageLimit)
        do {
            let result = try await body(settings)
            _ = try? await self.call("DeleteTable", #"{"TableName":"\#(settings.table)"}"#)
            return result
        } catch {
            _ = try? await self.call("DeleteTable", #"{"TableName":"\#(settings.table)"}"#)
            throw error
        }
    }

    /// Calls a DynamoDB operation directly (signed as the store signs), for checks the store's
    /// API does not offer; returns the status and body.
    public func call(_ operation: String, _ json: String) async throws -> (status: Int, body: String) {
        let exchange = try await CurlClient.shared.execute(RequestSpec(
            method: "POST",
            url: self.endpoint + "/",
            headers: [
                HTTPHeader("Content-Type", "application/x-amz-json-1.0"),
                HTTPHeader("X-Amz-Target", "DynamoDB_20120810.\(operation)"),
            ],
            body: Array(json.utf8),
            options: TransferOptions(awsSigV4: AWSSigV4(
                provider: "aws:amz:\(Self.region):dynamodb",
                accessKeyID: Self.credentials.accessKeyID,
                secretAccessKey: Self.credentials.secretAccessKey))
        ))
        return (exchange.response.status, exchange.response.bodyText)
    }

    // MARK: - Starting

    /// Why moto could not be started.
    public struct StartError: Error, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Installs moto when missing, starts it on a free loopback port and waits until it answers.
    static func start() async throws -> MotoServer {
        _ = try Self.installedExecutable()
        let executable = packageRoot.appendingPathComponent("Scripts/moto-server").path
        let port = try Self.freePort()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("moto-\(port).log")
        // posix_spawn, not Foundation's Process: a Process that outlives the tests made another
        // test's Process.waitUntilExit() hang.
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw StartError(description: "pipe() failed: errno \(errno)") }
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let arguments = [
            "/bin/bash", "-c",
            // Closes every descriptor the test process passed on (a pipe the test runner reads to
            // its end among them), starts moto, waits for the lifeline to close, kills moto.
            #"i=3; while [ $i -lt 256 ]; do eval "exec $i>&-"; i=$((i+1)); done; "$1" -H 127.0.0.1 -p "$2" >"$3" 2>&1 & pid=$!; read -r _ || true; kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null"#,
            "moto-lifeline", executable, String(port), log.path,
        ]
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, &cArguments, environ)
        close(fds[0])
        guard spawned == 0 else { throw StartError(description: "posix_spawn failed: \(spawned)") }
        let lifeline = fds[1]
        let server = MotoServer(endpoint: "http://127.0.0.1:\(port)", lifeline: lifeline, pid: pid)
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let exchange = try? await CurlClient.shared.execute(RequestSpec(url: server.endpoint + "/moto-api/")),
                exchange.response.status > 0
            {
                return server
            }
            guard kill(pid, 0) == 0 else { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw StartError(description: "moto_server did not answer on port \(port) within 60 s: \(output.suffix(2000))")
    }

    /// `.venv-moto/bin/moto_server`, installed by `Scripts/install-moto` when missing.
    static func installedExecutable() throws -> String {
        let executable = packageRoot.appendingPathComponent(".venv-moto/bin/moto_server").path
        if FileManager.default.isExecutableFile(atPath: executable) { return executable }
        let install = Process()
        install.executableURL = packageRoot.appendingPathComponent("Scripts/install-moto")
        install.standardOutput = FileHandle.nullDevice
        try install.run()
        install.waitUntilExit()
        guard install.terminationStatus == 0, FileManager.default.isExecutableFile(atPath: executable) else {
            throw StartError(description: "Scripts/install-moto failed (status \(install.terminationStatus)); moto_server is not at \(executable)")
        }
        return executable
    }

    /// A loopback port nothing listens on now.
    static func freePort() throws -> Int {
        do {
            return try LoopbackSocket.freePort()
        } catch {
            throw StartError(description: "no free loopback port: \(error)")
        }
    }
}
