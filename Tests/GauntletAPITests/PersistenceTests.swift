import GauntletJSON
import Foundation
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// The SQLite store keeps acknowledged writes when the server process is killed.
@Suite struct PersistenceTests {
    /// The `events-api` binary next to the test bundle (built by `swift build --build-tests`).
    static var binary: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("events-api")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/events-api")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    /// A running `events-api` process and the port it listens on.
    struct ServerProcess {
        let process: Process
        let port: Int

        /// Starts the binary on a free port and waits for its "listening on" line (on stderr).
        static func start(_ binary: URL, arguments: [String]) async throws -> ServerProcess {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["--port", "0", "--log-level", "notice"] + arguments
            let output = Pipe()
            process.standardOutput = FileHandle.nullDevice
            process.standardError = output
            try process.run()
            let handle = output.fileHandleForReading
            do {
                // Read on a GCD thread: a blocking read must not occupy the cooperative pool.
                let port = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int, any Error>) in
                    DispatchQueue.global().async {
                        var seen = ""
                        while true {
                            let data = handle.availableData
                            if data.isEmpty {
                                continuation.resume(throwing: StartError(output: seen))
                                return
                            }
                            seen += String(decoding: data, as: UTF8.self)
                            if let match = seen.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/) {
                                continuation.resume(returning: Int(match.1)!)
                                return
                            }
                        }
                    }
                }
                return ServerProcess(process: process, port: port)
            } catch {
                process.terminate()
                throw error
            }
        }

        /// The server exited before it printed its port.
        struct StartError: Error, CustomStringConvertible {
            let output: String
            var description: String { "events-api exited before listening:\n\(self.output)" }
        }

        /// Kills the process with SIGKILL (no chance to flush or shut down) and waits for it.
        func kill() {
            Foundation.kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
        }
    }

    @Test("An acknowledged write survives SIGKILL of the server (SQLite store)", .timeLimit(.minutes(1)))
    func writeSurvivesKill() async throws {
        let binary = try #require(Self.binary, "build events-api first: swift build --build-tests")
        try await withTemporaryDirectory { directory in
            let store = ["--store", "sqlite:" + directory.appendingPathComponent("events.sqlite").path]
            let first = try await ServerProcess.start(binary, arguments: store)
            do {
                try await TestClient.withClient(host: "127.0.0.1", port: first.port) { client in
                    for index in 0..<20 {
                        let created = try await client.post(
                            "/events",
                            headers: [.contentType: "application/json"],
                            body: ByteBuffer(string: eventJSON("durable-\(index)"))
                        )
                        #expect(created.status == .created)
                    }
                    let updated = try await client.put(
                        "/events/durable-0",
                        headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: #"{"title": "Updated before the kill"}"#)
                    )
                    #expect(updated.status == .ok)
                }
            } catch {
                first.kill()
                throw error
            }
            first.kill()

            let second = try await ServerProcess.start(binary, arguments: store)
            defer { second.kill() }
            try await TestClient.withClient(host: "127.0.0.1", port: second.port) { client in
                let list = try await client.get("/events")
                let ids = try #require(try JSONValue(parsing: Array(list.body!.readableBytesView))["events"]?.array)
                #expect(ids.count == 20)
                let item = try await client.get("/events/durable-0")
                #expect(try JSONValue(parsing: Array(item.body!.readableBytesView))["title"] == .string("Updated before the kill"))
            }
        }
    }

    @Test("events-api serves under --base-path and shuts down on SIGTERM", .timeLimit(.minutes(1)))
    func basePathAndSigterm() async throws {
        let binary = try #require(Self.binary, "build events-api first: swift build --build-tests")
        let server = try await ServerProcess.start(binary, arguments: ["--base-path", "/prod", "--defect", "create-200"])
        do {
            try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
                #expect(try await client.get("/prod/health").status == .ok)
                let created = try await client.post(
                    "/prod/events",
                    headers: [.contentType: "application/json"],
                    body: ByteBuffer(string: eventJSON())
                )
                #expect(created.status == .ok)
            }
        } catch {
            server.kill()
            throw error
        }
        server.process.terminate()
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
    }
}
