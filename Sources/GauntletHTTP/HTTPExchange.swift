/// One request and its final response: what a scenario step records and a report prints.
public struct HTTPExchange: Sendable {
    /// The request as it was specified.
    public var request: RequestSpec
    /// The final response.
    public var response: ReceivedResponse
    /// libcurl's phase timings for the transfer.
    public var timings: Timings
    /// A curl command line that reproduces the request, secrets redacted.
    public var curlCommand: CurlCommand

    /// Creates an exchange; the curl command is derived from the request unless given.
    /// - Parameters:
    ///   - request: The request.
    ///   - response: The final response.
    ///   - timings: The phase timings.
    ///   - curlCommand: The reproduction command; built from `request` by default.
    public init(request: RequestSpec, response: ReceivedResponse, timings: Timings = Timings(), curlCommand: CurlCommand? = nil) {
        self.request = request
        self.response = response
        self.timings = timings
        self.curlCommand = curlCommand ?? CurlCommand(request)
    }
}
