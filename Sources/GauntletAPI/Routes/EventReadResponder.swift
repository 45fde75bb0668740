import Hummingbird

/// Sends `GET /events/{id}` straight to its handler's middleware chain, past the router's trie;
/// every other request goes to the router.
///
/// Why: a read is the API's hottest call and the trie resolution (splitting the path, walking
/// nodes, collecting parameters, naming the endpoint) was the largest cost of ours on its path
/// in `perf`. A read is recognised by a plain prefix test on the request target instead. The
/// chain it is sent to is the one the router would run for that route (the same middleware, the
/// same handler), so answers do not change. Targets it is not sure of (a query, a `%` escape, a
/// further `/`, an empty id, any method but `GET`) go to the router as before.
struct EventReadResponder<Base: HTTPResponder>: HTTPResponder where Base.Context: RequestContext {
    typealias Context = Base.Context

    /// The router.
    let base: Base
    /// The middleware chain and handler of `GET /events/{id}`, or nil to route every request.
    let read: (any HTTPResponder<Context>)?
    /// `BASEPATH/events/`, UTF-8.
    let prefix: [UInt8]

    /// Creates a responder.
    /// - Parameters:
    ///   - base: The router, for every request that is not a plain read.
    ///   - read: What the router runs for `GET /events/{id}`; nil sends everything to `base`.
    ///   - basePath: The normalized stage prefix (`""` or `/prod`).
    init(base: Base, read: (any HTTPResponder<Context>)?, basePath: String) {
        self.base = base
        self.read = read
        self.prefix = Array((basePath + "/events/").utf8)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        guard let read = self.read, request.method == .get, let target = request.head.path,
            let id = self.eventId(in: target)
        else {
            return try await self.base.respond(to: request, context: context)
        }
        // Not the `["eventId": id]` literal: Hummingbird's `FlatDictionary` is not inlinable, and its
        // literal initialiser runs a generic `map` that cost a read 8,500 instructions (callgrind);
        // an empty one and `append` cost 2,800.
        var parameters = Parameters()
        parameters.append(key: "eventId", value: id)
        var context = context
        context.coreContext.parameters = parameters
        return try await read.respond(to: request, context: context)
    }

    /// The id of `PREFIX{id}`, or nil when the target is anything else or holds `/`, `?`, `#` or
    /// `%` after the prefix.
    func eventId(in target: String) -> Substring? {
        // Over the contiguous bytes: walking `String.UTF8View` byte by byte cost a read about
        // 1,000 instructions (callgrind).
        var bytes = target
        let prefix = self.prefix
        guard let length = bytes.withUTF8({ Self.idLength(in: $0, after: prefix) }) else { return nil }
        return Substring(target.utf8.suffix(length))
    }

    /// How many bytes after `prefix` form the id, or nil when `target` is not a plain read.
    private static func idLength(in target: UnsafeBufferPointer<UInt8>, after prefix: [UInt8]) -> Int? {
        guard target.count > prefix.count, target.starts(with: prefix) else { return nil }
        let id = target[prefix.count...]
        let plain = !id.contains { byte in
            byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#")
                || byte == UInt8(ascii: "%")
        }
        return plain ? id.count : nil
    }
}
