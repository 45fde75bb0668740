import Foundation
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

            --profile fastapi serves the seed as a typical FastAPI + pydantic v2 + DynamoDB \
            implementation does instead of the reference: 422 validation errors in pydantic's \
            shape, lax capacity, no strict rules, racing creates that can all win, CORS only for \
            requests with Origin, %2F decoded before routing, FastAPI's /openapi.json. A second, \
            realistic deployment for checking verdicts, not a defect.

            --store dynamodb:TABLE keeps events in a DynamoDB table, called over HTTP and signed \
            with SigV4: the endpoint from --dynamodb-endpoint, else AWS_ENDPOINT_URL_DYNAMODB or \
            AWS_ENDPOINT_URL, else AWS's regional endpoint; the region from AWS_REGION or \
            AWS_DEFAULT_REGION; the keys from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and \
            AWS_SESSION_TOKEN. Throttled calls are retried with backoff, then answer 503.

            --print-openapi writes the profile's OpenAPI document (for --base-path) to stdout and \
            exits; `events-api --print-openapi > Scenarios/contract/openapi.json` regenerates the \
            suite's copy of the reference document.

            --defect NAME (repeatable) makes the API break the contract in exactly that one way, \
            for demonstrating that a contract suite catches a broken deployment. Never use it \
            for a real deployment. Defects: \(ContractDefect.allCases.map(\.rawValue).joined(separator: ", ")).

            Any --lambda-* flag serves requests as a Lambda function behind API Gateway would: \
            each request runs on an instance, the most recently used free one or a new one that \
            first pays the cold start; responses carry X-Cold-Start: true|false and X-Instance-Id. \
            Free instances idle past --lambda-idle-timeout are reclaimed; beyond \
            --lambda-max-concurrency requests in flight the next answers 429 \
            {"message":"Too Many Requests"}; a request not answered within --lambda-timeout \
            (cold start included) answers 504 {"message":"Endpoint request timed out"}. \
            --lambda-warm-time adds the function's own time to every invocation and \
            --lambda-warm-stall makes some warm invocations stall (50ms..150ms@2%), as a busy \
            Python function does: cold-start detection without the header must not take them \
            for cold starts. CORS preflights bypass the emulation, as API Gateway answers them itself.

            Examples:
              events-api --port 8080 --store sqlite:/tmp/events.sqlite
              AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \\
                events-api --store dynamodb:events --dynamodb-endpoint http://127.0.0.1:5000 --create-table
              events-api --base-path /prod --defect validation-422
              events-api --profile fastapi
              events-api --lambda-cold-start 600ms..1200ms --lambda-idle-timeout 30s --lambda-max-concurrency 10
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

    @Option(help: ArgumentHelp("Where events are kept: memory, sqlite:PATH, or dynamodb:TABLE.", valueName: "memory|sqlite:PATH|dynamodb:TABLE"))
    var store = "memory"

    @Option(help: ArgumentHelp("With --store dynamodb:TABLE: the endpoint (default AWS_ENDPOINT_URL, else AWS's regional one).", valueName: "url"))
    var dynamodbEndpoint: String?

    @Flag(help: "With --store dynamodb:TABLE: create the table (on demand, eventId string key) unless it exists, and wait until it is active.")
    var createTable = false

    @Option(help: ArgumentHelp("Which deployment to serve: reference, or fastapi (the seed as FastAPI serves it).", valueName: "reference|fastapi"))
    var profile = "reference"

    @Flag(help: "Print the OpenAPI document the API serves and exit.")
    var printOpenapi = false

    @Option(name: .customLong("defect"), help: ArgumentHelp("A deliberate contract deviation (repeatable).", valueName: "name"))
    var defects: [String] = []

    @Option(help: ArgumentHelp("Emulate DynamoDB's eventually consistent reads: for this long after a write, reads see the event as it was before (default none).", valueName: "duration"))
    var readLag: String?

    /// `--read-lag` as a duration, nil without the flag.
    /// - Throws: `ValidationError` when it is not a positive duration.
    func readLagDuration() throws -> Duration? {
        guard let text = self.readLag else { return nil }
        guard let duration = LambdaEmulation.duration(parsing: text), duration > .zero else {
            throw ValidationError("--read-lag must be a positive duration such as 300ms, not '\(text)'.")
        }
        return duration
    }

    @Option(help: ArgumentHelp("Emulate Lambda: each new instance's start-up time, fixed or a uniform range (default 500ms).", valueName: "duration|min..max"))
    var lambdaColdStart: String?

    @Option(help: ArgumentHelp("Emulate Lambda: how long a free instance lives unused (default 5m).", valueName: "duration"))
    var lambdaIdleTimeout: String?

    @Option(help: ArgumentHelp("Emulate Lambda: requests in flight beyond which the next is throttled with 429 (default no limit).", valueName: "n"))
    var lambdaMaxConcurrency: Int?

    @Option(help: ArgumentHelp("Emulate Lambda: how long a request may take, cold start included, before it gets 504 (default 29s).", valueName: "duration"))
    var lambdaTimeout: String?

    @Option(help: ArgumentHelp("Emulate Lambda: the function's own time on every invocation, fixed or a uniform range (default none).", valueName: "duration|min..max"))
    var lambdaWarmTime: String?

    @Option(help: ArgumentHelp("Emulate Lambda: the share of warm invocations that stall, and for how long (default none).", valueName: "duration|min..max@percent"))
    var lambdaWarmStall: String?

    /// The Lambda emulation the flags ask for, nil when no `--lambda-*` flag is given.
    /// - Throws: `ValidationError` naming the flag whose value is malformed.
    func lambdaEmulation() throws -> LambdaEmulation? {
        guard self.lambdaColdStart != nil || self.lambdaIdleTimeout != nil || self.lambdaMaxConcurrency != nil
            || self.lambdaTimeout != nil || self.lambdaWarmTime != nil || self.lambdaWarmStall != nil
        else { return nil }
        var emulation = LambdaEmulation()
        if let text = self.lambdaColdStart {
            guard let coldStart = LambdaEmulation.DurationRange(parsing: text) else {
                throw ValidationError("--lambda-cold-start must be a duration such as 800ms or a range such as 600ms..1200ms, not '\(text)'.")
            }
            emulation.coldStart = coldStart
        }
        if let text = self.lambdaIdleTimeout {
            guard let duration = LambdaEmulation.duration(parsing: text) else {
                throw ValidationError("--lambda-idle-timeout must be a duration such as 30s, not '\(text)'.")
            }
            emulation.idleTimeout = duration
        }
        if let limit = self.lambdaMaxConcurrency {
            guard limit >= 1 else { throw ValidationError("--lambda-max-concurrency must be at least 1.") }
            emulation.maxConcurrency = limit
        }
        if let text = self.lambdaTimeout {
            guard let duration = LambdaEmulation.duration(parsing: text), duration > .zero else {
                throw ValidationError("--lambda-timeout must be a positive duration such as 3s, not '\(text)'.")
            }
            emulation.timeout = duration
        }
        if let text = self.lambdaWarmTime {
            guard let warmTime = LambdaEmulation.DurationRange(parsing: text) else {
                throw ValidationError("--lambda-warm-time must be a duration such as 5ms or a range such as 1ms..20ms, not '\(text)'.")
            }
            emulation.warmTime = warmTime
        }
        if let text = self.lambdaWarmStall {
            guard let stall = LambdaEmulation.Stall(parsing: text) else {
                throw ValidationError("--lambda-warm-stall must be a duration or range, @, and a percentage, such as 50ms..150ms@2%, not '\(text)'.")
            }
            emulation.warmStall = stall
        }
        return emulation
    }

    /// The store `--store` names, with `--dynamodb-endpoint` and `--create-table` applied.
    func storeKind() -> StoreKind {
        let kind = StoreKind(argument: self.store) ?? .memory
        guard case .dynamoDB(var settings) = kind else { return kind }
        settings.endpoint = self.dynamodbEndpoint
        settings.createTable = self.createTable
        return .dynamoDB(settings)
    }

    func validate() throws {
        _ = try self.lambdaEmulation()
        _ = try self.readLagDuration()
        guard Logger.Level(rawValue: self.logLevel) != nil else {
            throw ValidationError("Unknown log level '\(self.logLevel)'.")
        }
        guard let store = StoreKind(argument: self.store) else {
            throw ValidationError("--store must be 'memory', 'sqlite:PATH' or 'dynamodb:TABLE', not '\(self.store)'.")
        }
        let isDynamoDB = if case .dynamoDB = store { true } else { false }
        if !isDynamoDB, self.dynamodbEndpoint != nil || self.createTable {
            throw ValidationError("--dynamodb-endpoint and --create-table apply to --store dynamodb:TABLE only.")
        }
        guard (0...65535).contains(self.port) else {
            throw ValidationError("--port must be between 0 and 65535.")
        }
        guard let profile = APIProfile(rawValue: self.profile) else {
            throw ValidationError("--profile must be 'reference' or 'fastapi', not '\(self.profile)'.")
        }
        if profile != .reference, !self.defects.isEmpty {
            throw ValidationError("--defect applies to the reference profile only, not to --profile \(self.profile).")
        }
        for name in self.defects where ContractDefect(rawValue: name) == nil {
            throw ValidationError(
                "Unknown defect '\(name)'. Known: \(ContractDefect.allCases.map(\.rawValue).joined(separator: ", "))."
            )
        }
    }

    func run() async throws {
        let profile = APIProfile(rawValue: self.profile) ?? .reference
        if self.printOpenapi {
            print(EventAPIDocument.json(profile: profile, basePath: self.basePath), terminator: "")
            return
        }
        // Logs go to stderr, which is unbuffered: swift-log's stdout stream is block-buffered
        // when stdout is a pipe, so the "listening on" line that scripts wait for, and the
        // access log, would arrive late.
        LoggingSystem.bootstrap(DeferredMetadataLogHandler.standardError)
        let configuration = APIConfiguration(
            host: self.host,
            port: self.port,
            basePath: self.basePath,
            store: self.storeKind(),
            logLevel: Logger.Level(rawValue: self.logLevel) ?? .info,
            profile: profile,
            defects: Set(self.defects.compactMap(ContractDefect.init(rawValue:))),
            lambda: try self.lambdaEmulation(),
            readLag: try self.readLagDuration()
        )
        var logger = Logger(label: "events-api")
        logger.logLevel = configuration.logLevel
        if !configuration.defects.isEmpty {
            logger.warning(
                "contract defects enabled: \(configuration.defects.map(\.rawValue).sorted().joined(separator: ", "))"
            )
        }
        if let lambda = configuration.lambda {
            logger.notice(
                "Lambda emulation: \(lambda)"
            )
        }
        // In Lambda (a `bootstrap` on a custom runtime), serve invocations instead of a port.
        // Lambda passes no arguments: EVENTS_API_STORE names the store (e.g. dynamodb:TABLE).
        if let runtimeAPI = ProcessInfo.processInfo.environment["AWS_LAMBDA_RUNTIME_API"], !runtimeAPI.isEmpty {
            var lambdaConfiguration = configuration
            if let text = ProcessInfo.processInfo.environment["EVENTS_API_STORE"] {
                guard let store = StoreKind(argument: text) else {
                    throw ValidationError("EVENTS_API_STORE names no store: '\(text)'")
                }
                lambdaConfiguration.store = store
            }
            lambdaConfiguration.lambda = nil
            logger.notice("Lambda runtime: serving invocations from \(runtimeAPI) (store: \(lambdaConfiguration.store))")
            var runtime = LambdaRuntime(runtimeAPI: runtimeAPI, configuration: lambdaConfiguration)
            // Outside real Lambda (a Runtime API emulator), log the REPORT lines Lambda would.
            if ProcessInfo.processInfo.environment["EVENTS_API_REPORT_LINES"] == "1" {
                runtime.reportLines = { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
            }
            try await runtime.run()
            return
        }
        let startupLogger = logger
        // The access log (one line per request at info) is written in batches, off the
        // request path; the writer runs as one of the application's services and flushes
        // when it shuts down.
        let accessLog = configuration.logLevel <= .info ? AccessLogWriter() : nil
        let app = try await buildApplication(configuration, accessLog: accessLog) { port in
            startupLogger.notice(
                "listening on http://\(configuration.host):\(port)\(configuration.basePath) (store: \(configuration.store), profile: \(profile.rawValue))"
            )
        }
        // Hummingbird's ServiceGroup shuts down gracefully on SIGTERM and SIGINT by default.
        try await app.runService()
        accessLog?.flush()
    }
}
