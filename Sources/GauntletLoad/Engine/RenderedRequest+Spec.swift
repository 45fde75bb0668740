import GauntletHTTP

extension RenderedRequest {
    /// A scenario request, rendered by the scenario runner's renderer, as the load path sends it:
    /// header lines and body as text.
    init(_ spec: RequestSpec, keepsResponse: Bool) {
        self.init(
            method: spec.method, url: spec.url, headerLines: spec.headers.map { "\($0.name): \($0.value)" },
            body: spec.body.map { String(decoding: $0, as: UTF8.self) }, keepsResponse: keepsResponse)
    }
}
