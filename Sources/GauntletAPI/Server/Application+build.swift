public import Hummingbird
public import Logging
import NIOCore
import ServiceLifecycle

/// Builds the Event API application for a configuration, with the store it names.
///
/// Tests, `gauntlet selftest` and the `events-api` binary all build the same app through this.
/// - Parameters:
///   - configuration: Address, stage prefix, store, log level and defects.
///   - accessLog: Where access-log lines go, in batches (the `events-api` binary); nil logs
///     them through the configuration's `Logger`, one `logger.info` per request.
///   - onServerRunning: Called with the bound port once the server listens.
/// - Throws: ``EventStoreError`` when an SQLite store cannot be opened, or a DynamoDB store's
///   settings are incomplete or its table cannot be created.
public func buildApplication(
    _ configuration: APIConfiguration,
    accessLog: AccessLogWriter? = nil,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    try await buildApplication(
        configuration,
        store: await configuration.store.makeStore(),
        accessLog: accessLog,
        onServerRunning: onServerRunning
    )
}

/// Builds the Event API application on a store of the caller's (for tests that need a
/// prefilled or failing store). The configuration's `store` is ignored.
/// - Parameters:
///   - configuration: Address, stage prefix, log level and defects.
///   - store: Where events are kept.
///   - accessLog: Where access-log lines go, in batches; the application runs it as a service
///     (flushed on graceful shutdown, after the server stops). Nil logs through `Logger`.
///   - onServerRunning: Called with the bound port once the server listens.
public func buildApplication(
    _ configuration: APIConfiguration,
    store: any EventStore,
    accessLog: AccessLogWriter? = nil,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let (responder, logger) = buildResponder(configuration, store: store, accessLog: accessLog)
    return Application(
        responder: responder,
        server: .http1(configuration: .init(additionalChannelHandlers: [ParseErrorBodyHandler(), ConnectClosingHandler()])),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: accessLog.map { [$0 as any Service] } ?? [],
        onServerRunning: { channel in
            await onServerRunning(channel.localAddress?.port ?? configuration.port)
        },
        logger: logger
    )
}

/// The Event API's routes and middleware for a configuration and store, without a server: what
/// the HTTP server serves and what the Lambda runtime (``LambdaRuntime``) hands each invocation.
/// - Parameters:
///   - configuration: Stage prefix, log level, profile and defects.
///   - store: Where events are kept.
///   - accessLog: Where access-log lines go, in batches; nil logs them through the returned
///     `Logger`. The caller runs or flushes the writer.
public func buildResponder(
    _ configuration: APIConfiguration,
    store: any EventStore,
    accessLog: AccessLogWriter? = nil
) -> (responder: some HTTPResponder<BasicRequestContext>, logger: Logger) {
    var logger = Logger(label: "events-api")
    logger.logLevel = configuration.logLevel
    let store: any EventStore = configuration.readLag.map { LaggingReadsEventStore(store, lag: $0) } ?? store

    let router = Router(context: BasicRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: AccessLogMiddleware(logger: logger, writer: accessLog))
    var read: (any HTTPResponder<BasicRequestContext>)?
    switch configuration.profile {
    case .reference:
        read = addReferenceRoutes(to: router, configuration: configuration, store: store, logger: logger)
    case .fastapi:
        FastAPIProfile.addRoutes(to: router, configuration: configuration, store: store, logger: logger)
    }
    let responder = EncodedSlashDecodingResponder(
        base: EventReadResponder(
            base: router.buildResponder(),
            read: read,
            basePath: APIConfiguration.normalized(basePath: configuration.basePath)
        ),
        decodesEncodedSlashes: configuration.profile == .fastapi
    )
    return (responder, logger)
}

/// The reference profile's middleware and routes, with the configuration's defects.
/// - Returns: What the router runs for `GET /events/{id}` (its middleware and handler), for
///   ``EventReadResponder`` to run without the trie.
private func addReferenceRoutes(
    to router: Router<BasicRequestContext>,
    configuration: APIConfiguration,
    store: any EventStore,
    logger: Logger
) -> any HTTPResponder<BasicRequestContext> {
    let basePath = APIConfiguration.normalized(basePath: configuration.basePath)
    let servesDocumentation = !configuration.defects.contains(.noDocs)
    let knownPath = KnownPath(basePath: basePath, servesDocumentation: servesDocumentation)
    router.add(middleware: CORSHeadersMiddleware(knownPath: knownPath, defects: configuration.defects))
    if let lambda = configuration.lambda {
        // Inside CORS (429/504 get CORS headers, preflights bypass it), outside the error
        // middleware (every handler error is already a response).
        router.add(middleware: LambdaMiddleware(emulation: lambda))
    }
    router.add(middleware: ErrorMiddleware(knownPath: knownPath, defects: configuration.defects, logger: logger))

    let events = EventController<BasicRequestContext>(
        store: store,
        defects: configuration.defects,
        maximumBodySize: configuration.maximumBodySize,
        logger: logger
    )
    router.addRoutes(events.routes, atPath: RouterPath(basePath + "/events"))
    // Every middleware is added by now: the chain the router built for the event routes.
    let read = router.middlewares.constructResponder(finalResponder: CallbackResponder(callback: events.show))
    router.addRoutes(
        DocumentationController(
            basePath: basePath,
            servesDocumentation: servesDocumentation,
            document: EventAPIDocument.json(profile: .reference, basePath: basePath),
            pagesIgnoreStage: configuration.defects.contains(.docsOutsideStage)
        ).routes,
        atPath: RouterPath(basePath.isEmpty ? "/" : basePath))
    return read
}
