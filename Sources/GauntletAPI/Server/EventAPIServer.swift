import Hummingbird
import Logging
import ServiceLifecycle

/// Runs the Event API for the length of a closure.
public enum EventAPIServer {
    /// Why the server could not be used.
    public struct StartupError: Error, Sendable, CustomStringConvertible {
        /// What went wrong.
        public let description: String
    }

    /// Starts the API on 127.0.0.1 (port from the configuration, usually 0), waits until it
    /// listens, runs `body` with the base URL (`http://127.0.0.1:PORT` + base path), then shuts
    /// the server down gracefully, even if `body` throws.
    /// - Parameters:
    ///   - configuration: The API's configuration; `host` is replaced by `127.0.0.1`.
    ///   - body: The work to do while the server runs.
    /// - Returns: What `body` returns.
    /// - Throws: What `body` throws, ``StartupError`` when the server stopped before listening,
    ///   or the error that stopped it.
    public static func withRunningServer<T: Sendable>(
        _ configuration: APIConfiguration,
        _ body: @Sendable (_ baseURL: String) async throws -> T
    ) async throws -> T {
        var configuration = configuration
        configuration.host = "127.0.0.1"
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let app = try await buildApplication(configuration) { port in
            portContinuation.yield(port)
            portContinuation.finish()
        }
        var logger = Logger(label: "events-api.server")
        logger.logLevel = configuration.logLevel
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger)
        )
        let basePath = APIConfiguration.normalized(basePath: configuration.basePath)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { portContinuation.finish() }
                try await serviceGroup.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await group.waitForAll()
                throw StartupError(description: "the Event API stopped before it started listening")
            }
            let result: T
            do {
                result = try await body("http://127.0.0.1:\(port)\(basePath)")
            } catch {
                await serviceGroup.triggerGracefulShutdown()
                try? await group.waitForAll()
                throw error
            }
            await serviceGroup.triggerGracefulShutdown()
            try await group.waitForAll()
            return result
        }
    }
}
