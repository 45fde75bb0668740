import Hummingbird

/// `/openapi.json`, `/docs`, `/redoc` and `/health`, all under the stage prefix.
struct DocumentationController<Context: RequestContext>: Sendable {
    /// The stage prefix (`""` or `/prod`).
    let basePath: String
    /// Whether the OpenAPI document and the docs pages are served (off only for ``ContractDefect/noDocs``).
    let servesDocumentation: Bool
    /// The OpenAPI document to serve.
    let document: String
    /// Whether the pages name the document at the server's root, whatever the stage prefix
    /// (``ContractDefect/docsOutsideStage``).
    var pagesIgnoreStage = false

    /// The routes, to mount at the stage prefix.
    var routes: RouteCollection<Context> {
        let routes = RouteCollection(context: Context.self)
        let document = ByteBuffer(string: self.document)
        let documentURL = (pagesIgnoreStage ? "" : basePath) + "/openapi.json"
        let swagger = ByteBuffer(string: DocumentationPages.swaggerUI(openAPIURL: documentURL))
        let redoc = ByteBuffer(string: DocumentationPages.redoc(openAPIURL: documentURL))
        routes.get("health") { _, _ in
            JSONResponse.make(status: .ok, json: #"{"status":"ok"}"#)
        }
        guard servesDocumentation else { return routes }
        routes.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: document))
        }
        routes.get("docs") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: swagger))
        }
        routes.get("redoc") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: redoc))
        }
        return routes
    }
}
