import ArgumentParser
import GauntletAPI
import Hummingbird
import Logging

/// `events-api`: serves the reference Event Management API.
@main
struct EventsAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events-api",
        abstract: "Serve the reference Event Management API.",
        discussion: """
            Serves the six /events calls, /openapi.json, /docs, /redoc and /health. SIGINT or \
            SIGTERM shut the server down gracefully.

            --defect NAME (repeatable) makes the API break the contract in exactly that one way, \
            for demonstrating that a contract suite catches a broken deployment. Never use it \
            for a real deployment. Defects: \(ContractDefect.allCases.map(\.rawValue).joined(separator: ", ")).

            Examples:
              events-api --port 8080 --store sqlite:/tmp/events.sqlite
              events-api --base-path /prod --defect validation-422
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free port.")
    var port = 8000

    @Option(help: "A stage prefix such as /prod under which everything, docs included, is served.")
    var basePath = ""

    @Option(help: "The log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(help: ArgumentHelp("Where events are kept: memory, or sqlite:PATH.", valueName: "memory|sqlite:PATH"))
    var store = "memory"

    @Option(name: .customLong("defect"), help: ArgumentHelp("A deliberate contract deviation (repeatable).", valueName: "name"))
    var defects: [String] = []

    func validate() throws {
        guard Logger.Level(rawValue: self.logLevel) != nil else {
            throw ValidationError("Unknown log level '\(self.logLevel)'.")
        }
        guard StoreKind(argument: self.store) != nil else {
            throw ValidationError("--store must be 'memory' or 'sqlite:PATH', not '\(self.store)'.")
        }
        guard (0...65535).contains(self.port) else {
            throw ValidationError("--port must be between 0 and 65535.")
        }
        for name in self.defects where ContractDefect(rawValue: name) == nil {
            throw ValidationError(
                "Unknown defect '\(name)'. Known: \(ContractDefect.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
    }

    func run() async throws {
        // Logs go to stderr, which is unbuffered: swift-log's stdout stream is block-buffered
        // when stdout is a pipe, so the "listening on" line that scripts wait for, and the
        // access log, would arrive late.
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        let configuration = APIConfiguration(
            host: self.host,
            port: self.port,
            basePath: self.basePath,
            store: StoreKind(argument: self.store) ?? .memory,
            logLevel: Logger.Level(rawValue: self.logLevel) ?? .info,
            defects: Set(self.defects.compactMap(ContractDefect.init(rawValue:)))
        )
        var logger = Logger(label: "events-api")
        logger.logLevel = configuration.logLevel
        if !configuration.defects.isEmpty {
            logger.warning(
                "contract defects enabled: \(configuration.defects.map(\.rawValue).sorted().joined(separator: ", "))"
            )
        }
        let startupLogger = logger
        let app = try await buildApplication(configuration) { port in
            startupLogger.notice("listening on http://\(configuration.host):\(port)\(configuration.basePath) (store: \(configuration.store))")
        }
        // Hummingbird's ServiceGroup shuts down gracefully on SIGTERM and SIGINT by default.
        try await app.runService()
    }
}
