import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `EventAPIServer.withRunningServer`, which other modules' tests and `selftest` use.
@Suite struct EventAPIServerTests {
    struct Marker: Error {}

    @Test("withRunningServer serves on a free loopback port and returns the body's value", .timeLimit(.minutes(1)))
    func servesDuringBody() async throws {
        let status = try await EventAPIServer.withRunningServer(.testing) { baseURL in
            #expect(baseURL.hasPrefix("http://127.0.0.1:"))
            let port = try #require(Int(baseURL.split(separator: ":").last!))
            return try await TestClient.withClient(host: "127.0.0.1", port: port) { client in
                try await client.get("/health").status.code
            }
        }
        #expect(status == 200)
    }

    @Test("withRunningServer appends the stage prefix to the base URL", .timeLimit(.minutes(1)))
    func baseURLHasPrefix() async throws {
        let url = try await EventAPIServer.withRunningServer(APIConfiguration(port: 0, basePath: "/prod", logLevel: .critical)) { $0 }
        #expect(url.hasSuffix("/prod"))
    }

    @Test("withRunningServer shuts down and rethrows when the body throws", .timeLimit(.minutes(1)))
    func rethrowsBodyError() async throws {
        await #expect(throws: Marker.self) {
            try await EventAPIServer.withRunningServer(.testing) { _ in throw Marker() }
        }
    }

    @Test("withRunningServer reports a port that cannot be bound", .timeLimit(.minutes(1)))
    func portInUse() async throws {
        try await EventAPIServer.withRunningServer(.testing) { baseURL in
            let port = Int(baseURL.split(separator: ":").last!)!
            await #expect(throws: (any Error).self) {
                try await EventAPIServer.withRunningServer(APIConfiguration(port: port, logLevel: .critical)) { _ in }
            }
        }
    }
}
