public import GauntletJSON
import Foundation

/// The variables a template can name, innermost first: captures, case values, scenario
/// variables, file variables; command-line `--var` values override them all.
///
/// Built-ins that need no declaration:
/// - `run_id`: unique per run; put it in every id a scenario creates, so that parallel runs
///   against one staging table never collide.
/// - `scenario_uid`: `run_id` plus the scenario's index, unique per scenario in a run.
/// - `uuid` (fresh at each use), `random_int`, `random_hex`.
/// - `now` (ISO-8601 UTC), `now_unix`, `today` (`YYYY-MM-DD`).
/// - `env.NAME`: the environment variable NAME (an error when it is not set); `environment`
///   defaults to the process environment.
/// - `base_url`: the base URL under test; `base_origin` its scheme, credentials, host and port
///   (`https://abc.execute-api.eu-west-1.amazonaws.com` of `…amazonaws.com/prod`), which a
///   root-relative link on a page (`/openapi.json`) is relative to.
/// - `iteration`: the repetition of a `repeat: N` step or scenario, 1…N (1 without `repeat`;
///   in a load, the iteration's number).
public struct VariableScope: Sendable {
    /// Explicit variables; later layers win.
    var layers: [[String: JSONValue]]
    /// By layer index, the names ``set(_:to:)`` gave their value: what a response said (a
    /// capture) or a loop's item, already a value, never read as a template again (an id that
    /// holds `{{` is that id, not a placeholder to fill). Only layers that have one are here, so
    /// that adding a layer (a load does, every iteration) costs nothing more.
    var verbatim: [Int: Set<String>] = [:]
    /// Values that no scenario may shadow (`--var` from the command line).
    var overrides: [String: JSONValue]
    /// Built-in constants for this scope (`run_id`, `scenario_uid`, `base_url`).
    var constants: [String: String]
    /// The process environment, for `env.NAME`.
    var environment: [String: String]
    /// Names only a response can give (captures), in a dry run: a placeholder that reads one
    /// renders as itself between `«` and `»` instead of a value.
    var unresolved: Set<String> = []

    public init(
        overrides: [String: JSONValue] = [:],
        constants: [String: String] = [:],
        environment: [String: String]? = nil
    ) {
        self.layers = []
        self.overrides = overrides
        self.constants = constants
        self.environment = environment ?? ProcessInfo.processInfo.environment
    }

    /// A scope with one more layer of variables on top.
    public func adding(_ variables: [String: JSONValue]) -> VariableScope {
        var copy = self
        copy.layers.append(variables)
        return copy
    }

    /// A scope with a built-in constant set (`scenario_uid` and the like).
    public func setting(constant name: String, to value: String) -> VariableScope {
        var copy = self
        copy.constants[name] = value
        return copy
    }

    /// A scope in which placeholders reading `names` (by their head) render as themselves,
    /// marked: `«{{created_id}}»`, for a dry run that sends nothing to capture from.
    public func markingUnresolved(_ names: Set<String>) -> VariableScope {
        var copy = self
        copy.unresolved.formUnion(names)
        return copy
    }

    /// How a placeholder that a dry run cannot fill is shown: `«{{created_id}}»`.
    public static func unresolvedMark(_ placeholder: Placeholder) -> String { "«\(placeholder)»" }

    /// Sets one variable in the innermost layer to a value that is no template (used for
    /// captures and loop items).
    public mutating func set(_ name: String, to value: JSONValue) {
        restore(name, to: Held(value: value, isVerbatim: true))
    }

    /// What one layer holds for a name: its value, and whether it is no template.
    public struct Held: Sendable {
        let value: JSONValue
        let isVerbatim: Bool
    }

    /// What the innermost layer holds for `name` (nil: nothing), to put back with
    /// ``restore(_:to:)`` after a step named a value for a while (a `for_each` item).
    public func innermostValue(of name: String) -> Held? {
        layers.last?[name].map { Held(value: $0, isVerbatim: verbatim[layers.count - 1]?.contains(name) ?? false) }
    }

    /// Puts back what the innermost layer held for `name`; nil removes it, so that an outer
    /// layer's value, if any, shows again.
    public mutating func restore(_ name: String, to held: Held?) {
        if layers.isEmpty { layers.append([:]) }
        layers[layers.count - 1][name] = held?.value
        if held?.isVerbatim == true {
            verbatim[layers.count - 1, default: []].insert(name)
        } else {
            verbatim[layers.count - 1]?.remove(name)
        }
    }

    /// The value `name` holds as it is, for adding to it (`append: true`): one set verbatim as
    /// set, a declared one rendered; nil when nothing holds it or it does not render.
    public func heldValue(of name: String) -> JSONValue? {
        if let (value, isVerbatim) = try? rawValue(of: name), isVerbatim { return value }
        return try? value(of: name)
    }

    /// The built-in names every scope knows without a declaration (`env.NAME` aside).
    public static let builtinNames: Set<String> = [
        "run_id", "scenario_uid", "base_url", "base_origin", "uuid", "random_int", "random_hex", "now", "now_unix", "today", "iteration",
    ]

    /// Resolves a placeholder's text: a variable, a dotted path into one, or a built-in,
    /// optionally followed by filters (`id | urlencode`).
    public func value(of name: String) throws(TemplateError) -> JSONValue {
        var budget = Self.expansionLimit
        return try value(of: Placeholder(parsing: name), depth: 0, budget: &budget)
    }

    /// How many variables one value may expand, each use counted: variables that each use the
    /// one before several times would otherwise grow a value exponentially (ten levels of ten
    /// uses: 10¹⁰), in time and memory alike.
    static let expansionLimit = 100_000

    /// Whether `name` (a variable or a dotted path into one) can be resolved: what
    /// `when: { defined: NAME }` asks.
    public func isDefined(_ name: String) -> Bool {
        guard let placeholder = try? Placeholder(parsing: name) else { return false }
        var budget = Self.expansionLimit
        return (try? value(of: placeholder, depth: 0, budget: &budget)) != nil
    }

    func value(of placeholder: Placeholder, depth: Int, budget: inout Int) throws(TemplateError) -> JSONValue {
        if !unresolved.isEmpty, unresolved.contains(placeholder.head) { return .string(Self.unresolvedMark(placeholder)) }
        var value = try value(named: placeholder.name, depth: depth, budget: &budget)
        for filter in placeholder.filters { value = try filter.apply(to: value, in: placeholder) }
        return value
    }

    func value(named name: String, depth: Int, budget: inout Int) throws(TemplateError) -> JSONValue {
        guard depth < 16 else {
            throw TemplateError("variable '\(name)' refers to itself (through other variables)")
        }
        budget -= 1
        guard budget >= 0 else {
            throw TemplateError(
                "the value expands more than \(Self.expansionLimit) variables ('\(name)' among them): variables that each use "
                    + "another several times grow without bound")
        }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let head = parts[0]
        if head == "env" {
            let key = parts.dropFirst().joined(separator: ".")
            guard let text = environment[key] else {
                throw TemplateError("environment variable '\(key)' is not set (named by '{{\(name)}}')")
            }
            return .string(text)
        }
        guard let (raw, isVerbatim) = try rawValue(of: head) else {
            throw TemplateError("unknown variable '\(head)' in '{{\(name)}}'")
        }
        var value = isVerbatim ? raw : try renderedVariable(raw, depth: depth, budget: &budget)
        for part in parts.dropFirst() {
            if let index = Int(part), let element = value[index] {
                value = element
            } else if let member = value[part] {
                value = member
            } else {
                throw TemplateError("'{{\(name)}}': \(head) has no member '\(part)'")
            }
        }
        return value
    }

    /// Variables may themselves hold templates (an id built from `run_id`), in values and in
    /// object keys; render them in this scope, with a depth guard against cycles.
    func renderedVariable(_ value: JSONValue, depth: Int, budget: inout Int) throws(TemplateError) -> JSONValue {
        try value.rendered { text throws(TemplateError) in
            try Template(text).renderValue(in: self, depth: depth + 1, budget: &budget)
        } key: { text throws(TemplateError) in
            try Template(text).render(in: self, depth: depth + 1, budget: &budget)
        }
    }

    /// What `name` resolves to before rendering, and whether it was set as a value (a capture, a
    /// loop's item: verbatim) rather than declared (a template to render); nil when nothing does.
    func rawValue(of name: String) throws(TemplateError) -> (JSONValue, isVerbatim: Bool)? {
        if let value = overrides[name] { return (value, false) }
        for index in layers.indices.reversed() {
            if let value = layers[index][name] { return (value, verbatim[index]?.contains(name) ?? false) }
        }
        if let constant = constants[name] { return (.string(constant), true) }
        if name == "base_origin", let baseURL = constants["base_url"] { return (.string(Self.origin(of: baseURL)), true) }
        return Self.dynamicBuiltin(name).map { ($0, true) }
    }

    /// The scheme, host and port of `url`, with its credentials if it has any (a browser sends
    /// them again to the same origin): `https://user:pw@h.example:8443` of
    /// `https://user:pw@h.example:8443/prod?x`; without a `scheme://`, what comes before the path.
    static func origin(of url: String) -> String {
        let authorityStart = url.range(of: "://")?.upperBound ?? url.startIndex
        let end = url[authorityStart...].firstIndex { "/?#".contains($0) } ?? url.endIndex
        return String(url[..<end])
    }

    static func dynamicBuiltin(_ name: String) -> JSONValue? {
        switch name {
        case "uuid": return .string(UUID().uuidString.lowercased())
        case "random_int": return .integer(Int64.random(in: 0..<1_000_000))
        case "random_hex": return .string(String(format: "%08x", UInt32.random(in: .min ... .max)))
        case "now": return .string(Date().formatted(.iso8601))
        case "now_unix": return .integer(Int64(Date().timeIntervalSince1970))
        case "today":
            return .string(Date().formatted(.iso8601.year().month().day().dateSeparator(.dash)))
        default: return nil
        }
    }
}
