/// One request and its final response: what a scenario step records and a report prints.
public struct HTTPExchange: Sendable {
    /// The request as it was specified.
    public var request: RequestSpec
    /// The final response.
    public var response: ReceivedResponse
    /// libcurl's phase timings for the transfer.
    public var timings: Timings

    /// A curl command line that reproduces the request, secrets redacted.
    ///
    /// Derived when asked for, not kept: a scenario step builds its own from the request with
    /// its variables' secrets redacted too, so building one for every exchange was work thrown
    /// away (a body of a megabyte included).
    public var curlCommand: CurlCommand { CurlCommand(request) }

    /// Creates an exchange.
    /// - Parameters:
    ///   - request: The request.
    ///   - response: The final response.
    ///   - timings: The phase timings.
    public init(request: RequestSpec, response: ReceivedResponse, timings: Timings = Timings()) {
        self.request = request
        self.response = response
        self.timings = timings
    }
}
