/// Where a schema is, for violation messages: a JSON Pointer in the main document (`#/components/...`),
/// or in a loaded remote document (`http://example.com/s.json#/$defs/a`).
struct SchemaLocation: Sendable, Hashable, CustomStringConvertible {
    /// The remote document's URI, or empty for the main document and the schema being validated.
    var document: String
    /// The pointer inside that document.
    var pointer: JSONPointer

    func appending(_ token: String) -> SchemaLocation {
        SchemaLocation(document: document, pointer: pointer.appending(token))
    }

    var description: String {
        document + pointer.description
    }
}

/// The schema resources a validation can reach, by URI: the document, every subschema with a `$id`, every
/// `$anchor` and `$dynamicAnchor`, and remote documents loaded on demand.
struct SchemaRegistry: Sendable {
    /// A schema a reference can land on.
    struct Target: Sendable {
        /// The schema.
        var schema: JSONValue
        /// The base URI of the schema around it; the target's own `$id`, if any, applies on top.
        var parentBase: String
        /// Where it is, for messages.
        var location: SchemaLocation
    }

    /// Schemas by absolute URI without fragment. More than one when a schema is validated against a
    /// document: `#/...` then resolves in the schema first, then in the document.
    private(set) var resources: [String: [Target]] = [:]
    /// `$anchor` and `$dynamicAnchor` schemas by `uri#name`.
    private var anchors: [String: Target] = [:]
    /// `$dynamicAnchor` schemas by `uri#name`.
    private var dynamicAnchors: [String: Target] = [:]
    /// Fetches a remote document by URI, or `nil` when there is no loader.
    private let loadRemote: (@Sendable (String) -> JSONValue?)?

    /// Keywords whose values are data, not schemas: identifiers inside them are not identifiers.
    private static let dataKeywords: Set<String> = ["enum", "const", "default", "examples", "example"]

    init(loadRemote: (@Sendable (String) -> JSONValue?)?) {
        self.loadRemote = loadRemote
    }

    // MARK: - Indexing

    /// Registers `document` as the resource at `uri`, with every identified schema inside it.
    /// - Parameter first: put it before documents already at `uri`, so `#/...` resolves in it first.
    mutating func add(_ document: JSONValue, at uri: String, location: SchemaLocation, first: Bool = false) {
        let target = Target(schema: document, parentBase: uri, location: location)
        if first {
            resources[uri, default: []].insert(target, at: 0)
        } else {
            resources[uri, default: []].append(target)
        }
        index(document, parentBase: uri, location: location)
    }

    private mutating func index(_ value: JSONValue, parentBase: String, location: SchemaLocation) {
        switch value {
        case .array(let elements):
            for (position, element) in elements.enumerated() {
                index(element, parentBase: parentBase, location: location.appending(String(position)))
            }
        case .object(let members):
            var base = parentBase
            let target = Target(schema: value, parentBase: parentBase, location: location)
            if case .string(let id)? = members["$id"] {
                base = SchemaURI.split(SchemaURI.resolve(id, against: parentBase)).resource
                resources[base, default: []].append(target)
            }
            if case .string(let anchor)? = members["$anchor"] {
                anchors[base + "#" + anchor] = target
            }
            if case .string(let anchor)? = members["$dynamicAnchor"] {
                anchors[base + "#" + anchor] = target
                dynamicAnchors[base + "#" + anchor] = target
            }
            for (key, member) in members where !Self.dataKeywords.contains(key) {
                index(member, parentBase: base, location: location.appending(key))
            }
        default:
            break
        }
    }

    // MARK: - Resolving

    /// The base URI inside `schema` when the base around it is `parentBase`.
    static func base(of schema: JSONValue, in parentBase: String) -> String {
        guard case .string(let id)? = schema["$id"] else { return parentBase }
        return SchemaURI.split(SchemaURI.resolve(id, against: parentBase)).resource
    }

    /// The schema an absolute URI designates: a resource, a JSON Pointer fragment inside one, or an anchor.
    /// - Returns: `nil` when the resource is known but the fragment does not resolve.
    /// - Throws: ``JSONSchemaError`` (unsupported) when the resource is not known and cannot be loaded.
    mutating func target(of uri: String, from location: SchemaLocation) throws(JSONSchemaError) -> Target? {
        let (resource, fragment) = SchemaURI.split(uri)
        if resources[resource] == nil {
            guard let loadRemote, let document = loadRemote(resource) else {
                throw JSONSchemaError.unsupported(
                    "$ref", at: location, "the remote schema \(resource) is not loaded (only references within the document resolve)")
            }
            add(document, at: resource, location: SchemaLocation(document: resource, pointer: JSONPointer(tokens: [])))
        }
        let candidates = resources[resource] ?? []
        guard let fragment, !fragment.isEmpty else { return candidates.first }
        if fragment.hasPrefix("/") || fragment.hasPrefix("%2F") || fragment.hasPrefix("%2f") {
            let pointer = try JSONPointer("#" + fragment)
            return candidates.lazy.compactMap { Self.follow(pointer, from: $0) }.first
        }
        return anchors[resource + "#" + fragment]
    }

    /// The `$dynamicAnchor` named `name` in the resource `uri`, if it declares one.
    func dynamicAnchor(_ name: String, in uri: String) -> Target? {
        dynamicAnchors[uri + "#" + name]
    }

    /// The schema `pointer` designates in the resource `uri` (the first of its documents where it resolves).
    func target(at pointer: JSONPointer, in uri: String) -> Target? {
        (resources[uri] ?? []).lazy.compactMap { Self.follow(pointer, from: $0) }.first
    }

    /// Walks `pointer` down from a resource, tracking the base URI through any `$id` on the way.
    private static func follow(_ pointer: JSONPointer, from resource: Target) -> Target? {
        var current = resource.schema
        var parentBase = resource.parentBase
        var location = resource.location
        for token in pointer.tokens {
            let base = Self.base(of: current, in: parentBase)
            guard let next = JSONPointer(tokens: [token]).resolve(in: current) else { return nil }
            current = next
            parentBase = base
            location = location.appending(token)
        }
        return Target(schema: current, parentBase: parentBase, location: location)
    }
}
