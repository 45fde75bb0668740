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
        var context = context
        context.coreContext.parameters = ["eventId": id]
        return try await read.respond(to: request, context: context)
    }

    /// The id of `PREFIX{id}`, or nil when the target is anything else or holds `/`, `?`, `#` or
    /// `%` after the prefix.
    func eventId(in target: String) -> Substring? {
        var utf8 = target.utf8[...]
        for byte in self.prefix {
            guard utf8.first == byte else { return nil }
            utf8 = utf8.dropFirst()
        }
        guard !utf8.isEmpty else { return nil }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "%"): return nil
            default: continue
            }
        }
        return Substring(utf8)
    }
}
