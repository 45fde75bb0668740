/// A planned request with the text that no placeholder touches rendered once: the full URL, the
/// header lines (common ones first) and the body, each `nil` when it must be rendered per iteration.
/// A class, so that the hot path reaches its fields through one reference instead of copying the
/// request.
final class StepText {
    /// The planned request.
    let request: PlannedRequest
    /// The request's position among the plan's request names (its `RequestStats`).
    let position: Int
    /// Whether it is the last step of its flow.
    let isLast: Bool
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
    ///   - position: Its position among the plan's request names.
    ///   - isLast: Whether it is the last step of its flow.
    ///   - baseURL: The base URL without a trailing slash.
    ///   - commonHeaders: Header lines sent with every request.
    init(request: PlannedRequest, position: Int, isLast: Bool, baseURL: String, commonHeaders: [String]) {
        self.request = request
        self.position = position
        self.isLast = isLast
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
