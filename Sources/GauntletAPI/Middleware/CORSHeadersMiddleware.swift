import Foundation
import HTTPTypes
import Hummingbird

/// `Access-Control-Allow-Origin: *`, built once: appended to every response.
private let anyOrigin = HTTPField(name: .accessControlAllowOrigin, value: "*")

/// Adds CORS headers to every response and answers preflight `OPTIONS` requests.
///
/// Every response, errors and 404s included, with or without `Origin`, carries
/// `Access-Control-Allow-Origin: *`. A preflight on a served path answers 204 with the
/// allowed methods, `Content-Type` plus whatever `Access-Control-Request-Headers` asked for, and
/// a max age. (Named apart from Hummingbird's own `CORSMiddleware`, which does not cover error
/// responses produced below it the way the contract needs.)
struct CORSHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The paths the API serves.
    let knownPath: KnownPath
    /// The deliberate deviations in force.
    let defects: Set<ContractDefect>

    /// The methods a preflight allows.
    static var allowedMethods: String { "GET, POST, PUT, DELETE, OPTIONS" }
    /// How long a browser may cache a preflight, in seconds.
    static var maxAge: String { "600" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if request.method == .options, !self.defects.contains(.noPreflight),
            self.knownPath.allowedMethods(for: request.uri.path) != nil
        {
            return self.preflight(request)
        }
        var response = try await next(request, context)
        self.addOrigin(to: &response.headers, request: request)
        return response
    }

    private func preflight(_ request: Request) -> Response {
        var headers = HTTPFields()
        if !self.defects.contains(.noCORS) {
            self.addOrigin(to: &headers, request: request)
            if self.defects.contains(.preflightEchoesOrigin), let origin = request.headers[.origin] {
                headers[.accessControlAllowOrigin] = origin
                headers[.vary] = "Origin"
            }
            headers[.accessControlAllowMethods] =
                self.defects.contains(.preflightMissingMethods) ? "GET, POST" : Self.allowedMethods
            headers[.accessControlAllowHeaders] = self.allowedHeaders(request)
            headers[.accessControlMaxAge] = Self.maxAge
        }
        return Response(status: .noContent, headers: headers)
    }

    /// `Content-Type` plus each header the preflight asked for, without repeats.
    private func allowedHeaders(_ request: Request) -> String {
        var names = ["Content-Type"]
        guard !self.defects.contains(.preflightIgnoresRequestHeaders) else { return names[0] }
        let requested = request.headers[values: .accessControlRequestHeaders].flatMap { $0.split(separator: ",") }
        for name in requested {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !names.contains(where: { $0.lowercased() == trimmed.lowercased() }) else { continue }
            names.append(trimmed)
        }
        return names.joined(separator: ", ")
    }

    private func addOrigin(to headers: inout HTTPFields, request: Request) {
        if self.defects.contains(.noCORS) { return }
        if self.defects.contains(.corsOnlyWithOrigin) {
            guard let origin = request.headers[.origin] else { return }
            headers[.accessControlAllowOrigin] = origin
            headers[.vary] = "Origin"
            return
        }
        // Appending the prebuilt field is cheaper than the subscript, which validates the
        // value and looks for fields to replace.
        if headers.contains(.accessControlAllowOrigin) {
            headers[.accessControlAllowOrigin] = "*"
        } else {
            headers.append(anyOrigin)
        }
    }
}
