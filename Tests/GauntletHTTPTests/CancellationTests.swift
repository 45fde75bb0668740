import GauntletHTTP
import Testing

@Suite("Cancellation and shutdown abort transfers")
struct CancellationTests {
    @Test("Cancelling the task aborts a transfer in flight", .timeLimit(.minutes(1)))
    func cancelInFlight() async throws {
        let client = CurlClient()
        try await withRawServer(.stall) { server in
            let task = Task {
                try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            }
            await server.waitForConnections(1)
            task.cancel()
            let error = await #expect(throws: TransportError.self) { try await task.value }
            #expect(error == .aborted)
            #expect(error?.shortDescription == "aborted")
            #expect(error?.description.contains("was aborted: the task was cancelled") == true)
        }
    }

    @Test("A task cancelled before it starts never sends", .timeLimit(.minutes(1)))
    func cancelBeforeStart() async throws {
        let client = CurlClient()
        try await withRawServer(.keepAlive) { server in
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            }
            await #expect(throws: TransportError.aborted) { try await task.value }
            #expect(server.acceptedConnections == 0)
        }
    }

    @Test("Shutdown aborts transfers in flight and refuses new ones; it is idempotent", .timeLimit(.minutes(1)))
    func shutdownAborts() async throws {
        let client = CurlClient()
        try await withRawServer(.stall) { server in
            let task = Task {
                try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            }
            await server.waitForConnections(1)
            client.shutdown()
            client.shutdown()
            await #expect(throws: TransportError.aborted) { try await task.value }
            let later = await #expect(throws: TransportError.self) {
                try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            }
            #expect(later?.description.contains("the client was shut down") == true)
        }
    }

    @Test("Shutting down a client that never ran is fine")
    func shutdownUnused() {
        let client = CurlClient()
        client.shutdown()
        client.shutdown()
    }
}

@Suite("Connections are kept alive and reused")
struct KeepAliveTests {
    @Test("Sequential requests to one server share one connection", .timeLimit(.minutes(1)))
    func sequentialReuse() async throws {
        let client = CurlClient()
        try await withRawServer(.keepAlive) { server in
            for _ in 0..<10 {
                let exchange = try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
                #expect(exchange.response.bodyText == "ok")
            }
            #expect(server.acceptedConnections == 1)
        }
    }

    @Test("A reused connection skips the connect phase", .timeLimit(.minutes(1)))
    func reusedTimings() async throws {
        let client = CurlClient()
        try await withRawServer(.keepAlive) { server in
            let first = try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            let second = try await client.execute(RequestSpec(url: "http://127.0.0.1:\(server.port)/"))
            #expect(first.timings.connect > .zero)
            #expect(second.timings.connect == .zero)
        }
    }
}
