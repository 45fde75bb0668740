import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// The Event API with Lambda emulation on: cold and warm instances, throttling, timeouts, CORS.
@Suite struct LambdaMiddlewareTests {
    /// The API with `emulation`, tested through its router.
    func withLambdaAPI<T>(
        _ emulation: LambdaEmulation,
        _ test: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        var configuration = APIConfiguration.testing
        configuration.lambda = emulation
        return try await buildApplication(configuration).test(.router, test)
    }

    /// A bare app with the middleware over `pool`, with a fast route and one whose handler takes 150ms.
    func withPoolApp<T>(
        _ emulation: LambdaEmulation,
        pool: InstancePool<ContinuousClock>,
        _ test: @Sendable (any TestClientProtocol) async throws -> T
    ) async throws -> T {
        let router = Router()
        router.add(middleware: LambdaMiddleware(emulation: emulation, pool: pool))
        router.get("/fast") { _, _ in "ok" }
        router.get("/slow") { _, _ in
            try await Task.sleep(for: .milliseconds(150))  // the emulated function's own work
            return "done"
        }
        return try await Application(router: router).test(.router, test)
    }

    @Test("The first request is cold; the next is warm on the same instance", .timeLimit(.minutes(1)))
    func coldThenWarm() async throws {
        try await self.withLambdaAPI(LambdaEmulation(coldStart: .fixed(.milliseconds(50)))) { client in
            let first = try await client.send(.get, "/events")
            #expect(first.status == .ok)
            #expect(first.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "true")
            let instance = try #require(first.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader])
            let second = try await client.send(.post, "/events", json: eventJSON("e-1"))
            #expect(second.status == .created)
            #expect(second.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "false")
            #expect(second.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader] == instance)
        }
    }

    @Test("N simultaneous first requests start N instances, all cold; later ones reuse them warm", .timeLimit(.minutes(1)))
    func burstFromIdle() async throws {
        try await self.withLambdaAPI(LambdaEmulation(coldStart: .fixed(.seconds(1)))) { client in
            let burst = try await Self.concurrently(6) { try await client.send(.get, "/events") }
            #expect(burst.allSatisfy { $0.status == .ok })
            #expect(burst.allSatisfy { $0.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "true" })
            let instances = Set(burst.compactMap { $0.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader] })
            #expect(instances.count == 6)
            let again = try await Self.concurrently(6) { try await client.send(.get, "/health") }
            #expect(again.allSatisfy { $0.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "false" })
            #expect(Set(again.compactMap { $0.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader] }).isSubset(of: instances))
        }
    }

    @Test("Errors from the API are served by an instance too", .timeLimit(.minutes(1)))
    func errorsCarryInstanceHeaders() async throws {
        try await self.withLambdaAPI(LambdaEmulation(coldStart: .fixed(.milliseconds(10)))) { client in
            let response = try await client.send(.get, "/events/missing")
            expectDetailError(response, .notFound)
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "true")
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader] != nil)
        }
    }

    @Test("Beyond max concurrency the request is throttled with API Gateway's 429, CORS included", .timeLimit(.minutes(1)))
    func throttles() async throws {
        let emulation = LambdaEmulation(coldStart: .fixed(.seconds(1)), maxConcurrency: 2)
        try await self.withLambdaAPI(emulation) { client in
            let responses = try await Self.concurrently(3) { try await client.send(.get, "/events") }
            let statuses = responses.map(\.status.code).sorted()
            #expect(statuses == [200, 200, 429])
            let throttled = responses.filter { $0.status == .tooManyRequests }
            let response = try #require(throttled.first)
            #expect(throttled.count == 1)
            #expect(response.text == #"{"message":"Too Many Requests"}"#)
            #expect(response.headers[.contentType] == "application/json")
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.errorTypeHeader] == "TooManyRequestsException")
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == nil)
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader] == nil)
        }
    }

    @Test("A cold start past the timeout answers 504 at the deadline, CORS included", .timeLimit(.minutes(1)))
    func coldStartTimesOut() async throws {
        // A cold start far longer than any stall of a loaded test host, so that "at the deadline"
        // and "after the cold start" cannot be confused.
        let emulation = LambdaEmulation(coldStart: .fixed(.seconds(40)), timeout: .milliseconds(100))
        try await self.withLambdaAPI(emulation) { client in
            let start = ContinuousClock.now
            let response = try await client.send(.post, "/events", json: eventJSON("late"))
            #expect(ContinuousClock.now - start < .seconds(30), "answered at the deadline, not after the cold start")
            #expect(response.status == .gatewayTimeout)
            #expect(response.text == #"{"message":"Endpoint request timed out"}"#)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "true")
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader] != nil)
        }
    }

    @Test("A timed-out instance stays busy until its start-up ends, then serves warm", .timeLimit(.minutes(1)))
    func timedOutInstanceIsFreedLater() async throws {
        let emulation = LambdaEmulation(coldStart: .fixed(.seconds(3)), timeout: .milliseconds(50))
        let pool = InstancePool(emulation)
        try await self.withPoolApp(emulation, pool: pool) { client in
            let start = ContinuousClock.now
            let first = try await client.executeRequest(uri: "/fast", method: .get, headers: [:], body: nil)
            #expect(first.status == .gatewayTimeout)
            let busy = await pool.snapshot().busy
            if ContinuousClock.now - start < .seconds(3) {  // a stalled host may already be past the start-up
                #expect(busy == 1, "still starting after its 504")
            }
            await pool.waitUntilIdle()
            #expect(await pool.snapshot() == .init(instances: 1, busy: 0, created: 1, reclaimed: 0, throttled: 0))
            let warm = try await client.executeRequest(uri: "/fast", method: .get, headers: [:], body: nil)
            #expect(warm.status == .ok)
            #expect(warm.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "false")
            #expect(
                warm.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader]
                    == first.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader]
            )
        }
    }

    @Test("A handler past the timeout runs to its end, then answers 504", .timeLimit(.minutes(1)))
    func slowHandlerTimesOut() async throws {
        let emulation = LambdaEmulation(coldStart: .fixed(.zero), timeout: .milliseconds(50))
        let pool = InstancePool(emulation)
        try await self.withPoolApp(emulation, pool: pool) { client in
            let response = try await client.executeRequest(uri: "/slow", method: .get, headers: [:], body: nil)
            #expect(response.status == .gatewayTimeout)
            #expect(await pool.snapshot().busy == 0)
            let fast = try await client.executeRequest(uri: "/fast", method: .get, headers: [:], body: nil)
            #expect(fast.status == .ok)
            #expect(fast.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "false")
        }
    }

    @Test("Preflights are answered without an instance, as API Gateway answers them itself", .timeLimit(.minutes(1)))
    func preflightBypassesEmulation() async throws {
        let emulation = LambdaEmulation(coldStart: .fixed(.seconds(5)), maxConcurrency: 1)
        try await self.withLambdaAPI(emulation) { client in
            let response = try await client.send(
                .options,
                "/events",
                headers: [.origin: "https://app.example.com", .accessControlRequestMethod: "POST"]
            )
            #expect(response.status == .noContent)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == nil)
        }
    }

    @Test("Without emulation no instance headers are sent")
    func offByDefault() async throws {
        try await withAPI { client in
            let response = try await client.send(.get, "/events")
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == nil)
            #expect(response.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader] == nil)
        }
    }

    @Test("A live server reports cold then warm over real connections", .timeLimit(.minutes(1)))
    func liveServer() async throws {
        var configuration = APIConfiguration.testing
        configuration.lambda = LambdaEmulation(coldStart: .fixed(.milliseconds(50)), idleTimeout: .seconds(60))
        try await buildApplication(configuration).test(.live) { client in
            let first = try await client.send(.get, "/events")
            let second = try await client.send(.get, "/events")
            #expect(first.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "true")
            #expect(second.headers[LambdaMiddleware<BasicRequestContext>.coldStartHeader] == "false")
            #expect(first.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader]
                == second.headers[LambdaMiddleware<BasicRequestContext>.instanceIDHeader])
        }
    }

    /// Runs `count` copies of `body` at once and returns their results.
    static func concurrently<T: Sendable>(_ count: Int, _ body: @escaping @Sendable () async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: T.self) { group in
            for _ in 0..<count { group.addTask(operation: body) }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }
}
