import GauntletHTTP
import GauntletJSON

/// Calls DynamoDB's JSON protocol over the project's libcurl engine.
///
/// Every operation is a `POST /` with `X-Amz-Target: DynamoDB_20120810.<Operation>` and
/// `Content-Type: application/x-amz-json-1.0`, signed by libcurl's SigV4 (service `dynamodb`).
/// An error answer is a JSON object whose `__type` names the exception; throttling and
/// DynamoDB's 5xx answers are retried as ``DynamoDBRetryPolicy`` says.
struct DynamoDBClient: Sendable {
    /// Where calls go and how they are signed.
    let endpoint: DynamoDBEndpoint
    /// How throttled calls are retried.
    let retry: DynamoDBRetryPolicy
    /// The limits of one HTTP call.
    let timeouts: Timeouts
    /// The HTTP engine.
    let http: CurlClient

    /// The exception types that mean "too many requests now": retried with backoff.
    static let throttlingTypes: Set<String> = [
        "ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
    ]

    /// Calls one operation and returns its JSON answer.
    /// - Parameters:
    ///   - operation: The operation name (`PutItem`, `Scan`, ...).
    ///   - body: The request object.
    /// - Throws: ``DynamoDBError``: the service's error, ``DynamoDBError/throttled(type:attempts:)``
    ///   once the retries are spent, or the transport's failure.
    func call(_ operation: String, _ body: JSONObject) async throws(DynamoDBError) -> JSONValue {
        let request = RequestSpec(
            method: "POST",
            url: self.endpoint.url,
            headers: [
                HTTPHeader("Content-Type", "application/x-amz-json-1.0"),
                HTTPHeader("X-Amz-Target", "DynamoDB_20120810.\(operation)"),
            ],
            body: Array(JSONValue.object(body).serialized(sortedKeys: false).utf8),
            options: TransferOptions(timeouts: self.timeouts, awsSigV4: self.endpoint.signing)
        )
        var attempt = 1
        while true {
            let response: ReceivedResponse
            do {
                response = try await self.http.execute(request).response
            } catch {
                throw .transport(error)
            }
            let answer = try Self.answer(of: response)
            guard case .failure(let error) = answer else { return try answer.get() }
            guard case .service(let type, _, let status) = error,
                Self.throttlingTypes.contains(type) || status >= 500
            else { throw error }
            guard attempt <= self.retry.retries else { throw .throttled(type: type, attempts: attempt) }
            do {
                try await Task.sleep(for: self.retry.delay(beforeRetry: attempt))
            } catch {
                throw .transport(.aborted)
            }
            attempt += 1
        }
    }

    /// The JSON of a 200 answer, or the error an error answer names.
    static func answer(of response: ReceivedResponse) throws(DynamoDBError) -> Result<JSONValue, DynamoDBError> {
        let json = try? JSONValue(parsing: response.body)
        if response.status == 200 {
            guard let json, case .object = json else {
                throw .malformedResponse("HTTP 200 with a body that is not a JSON object: \(response.bodyText.prefix(200))")
            }
            return .success(json)
        }
        let rawType = json?["__type"]?.stringValue ?? response.header("x-amzn-ErrorType") ?? "HTTP \(response.status)"
        let type = String(rawType.split(separator: "#").last ?? Substring(rawType)).split(separator: ":").first.map(String.init) ?? rawType
        let message = json?["message"]?.stringValue ?? json?["Message"]?.stringValue ?? String(response.bodyText.prefix(200))
        return .failure(.service(type: type, message: message, status: response.status))
    }
}
