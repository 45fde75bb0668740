import Foundation
package import GauntletHTTP
import GauntletJSON

/// Fills a ``RequestTemplate`` into a ``RequestSpec`` for libcurl.
package struct RequestRenderer: Sendable {
    /// The base URL paths are joined to.
    let baseURL: String
    /// Headers every request gets before its own: the file's, then the command line's.
    let defaultHeaders: [HeaderTemplate]
    /// Headers from the command line, already literal.
    let commandLineHeaders: [HTTPHeader]
    /// libcurl options.
    let transfer: TransferOptions

    /// - Parameters:
    ///   - baseURL: The base URL paths are joined to.
    ///   - defaultHeaders: The file's headers.
    ///   - commandLineHeaders: Headers from the command line, literal.
    ///   - transfer: libcurl options.
    package init(baseURL: String, defaultHeaders: [HeaderTemplate], commandLineHeaders: [HTTPHeader], transfer: TransferOptions) {
        self.baseURL = baseURL
        self.defaultHeaders = defaultHeaders
        self.commandLineHeaders = commandLineHeaders
        self.transfer = transfer
    }

    package func render(_ template: RequestTemplate, in scope: VariableScope) throws(TemplateError) -> RequestSpec {
        let method = try Template(template.method).render(in: scope).uppercased()
        let url: String
        switch template.target {
        case .url(let text): url = try Template(text).render(in: scope)
        case .path(let text): url = Self.join(baseURL, try Template(text).render(in: scope))
        }
        var own: [HTTPHeader] = []
        for header in template.headers {
            own.append(HTTPHeader(try Template(header.name).render(in: scope), try Template(header.value).render(in: scope)))
        }
        let isPreflight = Self.isPreflight(method: method, headers: own)
        var headers: [HTTPHeader] = []
        for header in defaultHeaders {
            let name = try Template(header.name).render(in: scope)
            // A file's `Origin` or `Accept` is what a browser sends too; its credentials are not.
            if isPreflight && SecretRedaction.isSecret(headerName: name) { continue }
            headers.append(HTTPHeader(name, try Template(header.value).render(in: scope)))
        }
        if !isPreflight { headers = Self.merge(headers, commandLineHeaders) }
        headers = Self.merge(headers, own)
        if let problem = RequestSyntax.problem(method: method, headers: headers, url: url) {
            throw TemplateError(problem)
        }

        var body: [UInt8]?
        switch template.body {
        case nil:
            body = nil
        case .json(let value, let omit, let merge)?:
            var rendered = try value.rendered(in: scope)
            if case .object(var members) = rendered, !omit.isEmpty || !merge.isEmpty {
                for key in omit { members[try Template(key).render(in: scope)] = nil }
                for (key, member) in merge { members[try Template(key).render(in: scope)] = try member.rendered(in: scope) }
                rendered = .object(members)
            }
            body = Array(rendered.serialized().utf8)
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(HTTPHeader("Content-Type", "application/json"))
            }
        case .text(let text)?:
            body = Array(try Template(text).render(in: scope).utf8)
        case .base64(let text)?:
            guard let data = Data(base64Encoded: try Template(text).render(in: scope)) else {
                throw TemplateError("body_base64 is not valid base64")
            }
            body = [UInt8](data)
        case .repeated(let text, let count)?:
            let unit = Array(text.utf8)
            body = []
            body!.reserveCapacity(unit.count * count)
            for _ in 0..<count { body!.append(contentsOf: unit) }
        }
        var options = transfer
        if isPreflight { options.awsSigV4 = nil }
        return RequestSpec(method: method, url: url, headers: headers, body: body, options: options)
    }

    /// Whether a request is a CORS preflight (`OPTIONS` asking `Access-Control-Request-Method`).
    ///
    /// A browser sends a preflight with none of the page's credentials: a deployment that wants
    /// an API key or a signature on `OPTIONS` refuses every browser, yet answers a preflight that
    /// carries them. So a preflight goes out without `--header`s (the command line is where
    /// credentials come from), without the file's headers of credential names (`Authorization`,
    /// `x-api-key`, …; its `Origin` stays), and unsigned.
    static func isPreflight(method: String, headers: [HTTPHeader]) -> Bool {
        method == "OPTIONS" && headers.contains { $0.name.lowercased() == "access-control-request-method" }
    }

    /// Later headers replace earlier ones of the same name (case-insensitive).
    static func merge(_ base: [HTTPHeader], _ overrides: [HTTPHeader]) -> [HTTPHeader] {
        let replaced = Set(overrides.map { $0.name.lowercased() })
        return base.filter { !replaced.contains($0.name.lowercased()) } + overrides
    }

    /// Joins a base URL and a path with exactly one slash between them.
    static func join(_ base: String, _ path: String) -> String {
        guard !path.isEmpty else { return base }
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmedBase + (path.hasPrefix("/") ? path : "/" + path)
    }
}
