/// A planned request with the text that no placeholder touches rendered once: the full URL, the
/// header lines (common ones first) and the body, each `nil` when it must be rendered per iteration.
struct StepText {
    /// The planned request.
    let request: PlannedRequest
    /// The absolute URL, when the path has no placeholder.
    let url: String?
    /// Every header line, when no header value has a placeholder.
    let headerLines: [String]?
    /// The body, when ``bodyIsConstant``.
    let body: String?
    /// Whether the request has no body or one without placeholders.
    let bodyIsConstant: Bool

    /// Renders what can be rendered once.
    /// - Parameters:
    ///   - request: The planned request.
    ///   - baseURL: The base URL without a trailing slash.
    ///   - commonHeaders: Header lines sent with every request.
    init(request: PlannedRequest, baseURL: String, commonHeaders: [String]) {
        self.request = request
        url = request.path.isConstant ? baseURL + request.path.source : nil
        if request.headers.allSatisfy(\.value.isConstant) {
            headerLines = commonHeaders + request.headers.map { $0.name + ": " + $0.value.source }
        } else {
            headerLines = nil
        }
        bodyIsConstant = request.body?.isConstant ?? true
        body = bodyIsConstant ? request.body?.source : nil
    }
}
