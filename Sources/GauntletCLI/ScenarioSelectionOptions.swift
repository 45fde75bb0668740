import ArgumentParser
import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletScenario

/// What to run and with which values: tags, variables, headers, parallelism.
struct ScenarioSelectionOptions: ParsableArguments {
    @Option(name: .customLong("tag"), help: ArgumentHelp("Run only scenarios with this tag (repeatable), e.g. seed or strict.", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("skip-tag"), help: ArgumentHelp("Skip scenarios with this tag (repeatable).", valueName: "tag"))
    var skipTags: [String] = []

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, e.g. validation_status=422 (repeatable; JSON values are typed).", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("variables-file"), help: ArgumentHelp("Read variables from a file: NAME=value lines (.env, # comments) or a YAML mapping (.yaml, .yml); repeatable, a later file wins; --var and --secret win over every file.", valueName: "file"))
    var variablesFiles: [String] = []

    @Option(name: .customLong("secret"), help: ArgumentHelp("Set a variable whose value is a secret, e.g. api_key=$KEY: used like --var (always a string) and replaced by *** wherever it would appear in a report or on the console (repeatable; at least 4 characters).", valueName: "name=value"))
    var secrets: [String] = []

    @Option(name: .customLong("header"), help: ArgumentHelp("Send this header with every request, e.g. 'Authorization: Bearer ${TOKEN}' (${NAME} reads the environment; repeatable).", valueName: "'Name: value'"))
    var headers: [String] = []

    @Option(parsing: .unconditional, help: "How many scenarios run at once.")
    var parallel = 4

    /// The run options these flags describe, for the deployment at `baseURL`.
    /// - Throws: `ExitCode(2)` after printing `file:line:col: error: …` when a variables file is invalid.
    func runOptions(baseURL: String, transfer: TransferOptions = TransferOptions()) throws -> RunOptions {
        let fromFiles = try Self.loadVariablesFiles(variablesFiles)
        return RunOptions(
            baseURL: baseURL, variables: fromFiles.merging(try parsedVariables()) { _, flag in flag }, secretVariables: try parsedSecrets(), headers: try parsedHeaders(),
            transfer: transfer,
            parallelism: parallel, includeTags: Set(tags), excludeTags: Set(skipTags))
    }

    func validate() throws {
        guard parallel >= 1 else { throw ValidationError("--parallel must be at least 1") }
        try Self.validateSecrets(secrets, besideVariables: variables)
        _ = try parsedHeaders()
    }

    /// Checks `--secret` pairs, and that none names a `--var` too.
    static func validateSecrets(_ secretItems: [String], besideVariables variableItems: [String]) throws {
        let variables = try parseVariables(variableItems)
        let secrets = try parseSecrets(secretItems)
        if let both = Set(variables.keys).intersection(secrets.keys).sorted().first {
            throw ValidationError("'\(both)' is given both as --var and as --secret; give it once")
        }
    }

    /// The names `--var` and `--secret` give, in the order given, each with its flag (the
    /// items are `name=value`: ``runOptions(baseURL:transfer:)`` refused any other before).
    func givenNames() -> [UnusedVariableCheck.Given] {
        Self.givenNames(variables: variables, secrets: secrets)
    }

    /// The names of `--var` and `--secret` items (`name=value`), each with its flag.
    static func givenNames(variables: [String], secrets: [String]) -> [UnusedVariableCheck.Given] {
        names(of: variables).map { UnusedVariableCheck.Given(flag: "--var", name: $0) }
            + names(of: secrets).map { UnusedVariableCheck.Given(flag: "--secret", name: $0) }
    }

    /// The distinct names of `name=value` items, in order.
    static func names(of items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) }.filter { seen.insert($0).inserted }
    }

    /// `--secret name=value` pairs; values stay strings.
    func parsedSecrets() throws -> [String: String] {
        try Self.parseSecrets(secrets)
    }

    /// `name=value` pairs as secret variables (`run`'s and `load`'s `--secret`); values stay strings.
    static func parseSecrets(_ items: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--secret takes name=value, got a value without a name")
            }
            let name = String(item[..<equals])
            let value = String(item[item.index(after: equals)...])
            // Shorter values would hide every occurrence of common text (a digit, "id") in reports.
            guard value.count >= 4 else {
                throw ValidationError("--secret \(name): the value must be at least 4 characters to be redacted reliably")
            }
            result[name] = value
        }
        return result
    }

    /// The variables of `--variables-file` files, in order (a later file wins).
    /// - Throws: `ExitCode(2)` after printing every problem as `file:line:col: error: …`.
    static func loadVariablesFiles(_ paths: [String]) throws -> [String: JSONValue] {
        do { return try VariablesFile.load(contentsOf: paths) } catch {
            ScenarioSession.printDiagnostics(error)
            throw ExitCode(ExitStatus.invalidInput)
        }
    }

    /// `--var name=value` pairs; a value that parses as JSON keeps its type (`422` is a number).
    func parsedVariables() throws -> [String: JSONValue] {
        try Self.parseVariables(variables)
    }

    /// `name=value` pairs as variables (`run`'s and `load`'s `--var`).
    static func parseVariables(_ items: [String]) throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("--var takes name=value, got '\(item)'")
            }
            let text = String(item[item.index(after: equals)...])
            result[String(item[..<equals])] = (try? JSONValue(parsing: text)) ?? .string(text)
        }
        return result
    }

    /// `--header 'Name: value'` pairs with `${NAME}` read from the environment; a `{{name}}`
    /// placeholder is invalid input (see ``templateProblem(name:value:)``).
    func parsedHeaders(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [HTTPHeader] {
        try Self.parseHeaders(headers, environment: environment)
    }

    /// `Name: value` lines for the load engine, `${NAME}` read from the environment.
    static func expandedHeaderLines(_ items: [String]) throws -> [String] {
        try parseHeaders(items, environment: ProcessInfo.processInfo.environment).map { "\($0.name): \($0.value)" }
    }

    static func parseHeaders(_ items: [String], environment: [String: String]) throws -> [HTTPHeader] {
        try items.map { item in
            guard let colon = item.firstIndex(of: ":"), colon != item.startIndex else {
                throw ValidationError("--header takes 'Name: value', got '\(item)'")
            }
            let name = item[..<colon].trimmingCharacters(in: .whitespaces)
            let written = item[item.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if let problem = Self.templateProblem(name: name, value: written) { throw ValidationError(problem) }
            let value = try Self.expandEnvironment(written, environment)
            // A line break would end the header and inject another; nothing is sent with one.
            if let problem = RequestSyntax.headerNameProblem(name) ?? RequestSyntax.headerValueProblem(name: name, value: value) {
                throw ValidationError("--header: \(problem)")
            }
            return HTTPHeader(name, value)
        }
    }

    /// Why a `--header` value written with a `{{name}}` placeholder cannot be sent, or nil.
    ///
    /// `--header` values are not templates: they take `${NAME}` from the environment only, and a
    /// `{{name}}` would go out as those very characters while reports showed `***` in its place
    /// (a `--header` value is redacted), hiding that nothing was filled in. Filling it from
    /// `--var`/`--secret` is left out on purpose: a header the command line gives every request
    /// would then depend on the order variables are resolved per scenario, and on which of them
    /// are secret, where one rule is easier to trust.
    static func templateProblem(name: String, value: String) -> String? {
        guard let open = value.range(of: "{{"), let close = value[open.upperBound...].range(of: "}}") else { return nil }
        let placeholder = value[open.lowerBound..<close.upperBound]
        return "--header \(name): \(placeholder) would be sent as written: --header takes ${ENV_NAME} from the environment "
            + "(--header '\(name): ${API_KEY}' with API_KEY exported); {{name}} placeholders belong in scenario files' headers:"
    }

    static func expandEnvironment(_ text: String, _ environment: [String: String]) throws -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw ValidationError("unterminated ${ in header value")
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = environment[name] else {
                throw ValidationError("--header names the environment variable \(name), which is not set")
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
