import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The `events-api` binary's access log: on by default, one line per request on stderr, and
/// every line written before the process exits on SIGTERM or SIGINT.
@Suite struct AccessLogProcessTests {
    /// Starts the binary at its default log level with stderr in a file, sends `count`
    /// requests, sends `signal`, and returns the stderr text once it exited.
    static func serve(count: Int, then signal: Int32) async throws -> (text: String, status: Int32) {
        let binary = try #require(PersistenceTests.binary, "build events-api first: swift build --build-tests")
        return try await withTemporaryDirectory { directory in
            let logURL = directory.appendingPathComponent("stderr.log")
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let log = try FileHandle(forWritingTo: logURL)
            defer { try? log.close() }
            let process = Process()
            process.executableURL = binary
            process.arguments = ["--port", "0"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = log
            try process.run()
            var port: Int?
            for _ in 0..<500 where port == nil {
                let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
                port = text.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }
                if port == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            guard let port else {
                process.terminate()
                Issue.record("events-api did not print its port")
                return ("", -1)
            }
            try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                for index in 0..<count {
                    let response = try await client.get("/events/seq-\(index)", headers: [.authorization: "Bearer never-logged"])
                    #expect(response.status == .notFound)
                }
            }
            kill(process.processIdentifier, signal)
            process.waitUntilExit()
            return (try String(contentsOf: logURL, encoding: .utf8), process.terminationStatus)
        }
    }

    @Test("Every request's line is on stderr, in order, after SIGTERM", .timeLimit(.minutes(1)))
    func flushedOnSigterm() async throws {
        let (text, status) = try await Self.serve(count: 200, then: SIGTERM)
        #expect(status == 0)
        let paths = text.matches(of: /info events-api: \[GauntletAPI\] GET (\/events\/seq-\d+) 404 [0-9.]+ms\n/).map { String($0.1) }
        #expect(paths == (0..<200).map { "/events/seq-\($0)" })
        #expect(!text.contains("never-logged"))
    }

    @Test("Every request's line is on stderr after SIGINT", .timeLimit(.minutes(1)))
    func flushedOnSigint() async throws {
        let (text, status) = try await Self.serve(count: 50, then: SIGINT)
        #expect(status == 0)
        #expect(text.matches(of: #/GET /events/seq-\d+ 404 /#).count == 50)
    }
}
