import Hummingbird

/// The paths the API serves and the methods each accepts, for 405 answers, `Allow` headers and
/// CORS preflights (which the router cannot tell from an unknown path).
struct KnownPath: Sendable {
    /// The stage prefix (`""` or `/prod`).
    let basePath: String
    /// Whether `/openapi.json`, `/docs` and `/redoc` are served (off only for ``ContractDefect/noDocs``).
    var servesDocumentation = true

    /// The methods `path` serves (with `OPTIONS` for the preflight), or nil when the API does
    /// not serve that path at all.
    func allowedMethods(for path: String) -> [HTTPRequest.Method]? {
        guard let relative = self.relative(path) else { return nil }
        let segments = relative.split(separator: "/", omittingEmptySubsequences: true)
        switch segments.count {
        case 1 where segments[0] == "events":
            return [.get, .head, .post, .options]
        case 2 where segments[0] == "events":
            return [.get, .head, .put, .delete, .options]
        case 1 where segments[0] == "health":
            return [.get, .head, .options]
        case 1 where self.servesDocumentation && ["openapi.json", "docs", "redoc"].contains(segments[0]):
            return [.get, .head, .options]
        default:
            return nil
        }
    }

    /// `path` with the stage prefix removed, or nil when it lies outside the prefix.
    private func relative(_ path: String) -> Substring? {
        guard !self.basePath.isEmpty else { return path[...] }
        guard path.hasPrefix(self.basePath) else { return nil }
        let rest = path.dropFirst(self.basePath.count)
        guard rest.isEmpty || rest.hasPrefix("/") else { return nil }
        return rest
    }
}
