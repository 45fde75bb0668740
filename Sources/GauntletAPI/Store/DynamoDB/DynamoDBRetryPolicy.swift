/// How a throttled DynamoDB call is retried: exponential backoff with full jitter, as the AWS
/// SDKs do, a few times, after which the call fails as unavailable (503 from the API).
///
/// Throttling (`ProvisionedThroughputExceededException`, `ThrottlingException`,
/// `RequestLimitExceeded`) and DynamoDB's own 5xx answers are retried; they changed nothing, so
/// retrying a conditional write is safe.
public struct DynamoDBRetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt (so `retries + 1` calls at most).
    public var retries: Int
    /// The backoff ceiling before the first retry; it doubles for each further one.
    public var baseDelay: Duration
    /// The largest backoff ceiling.
    public var maximumDelay: Duration

    /// Creates a policy.
    /// - Parameters:
    ///   - retries: Retries after the first attempt.
    ///   - baseDelay: The backoff ceiling before the first retry.
    ///   - maximumDelay: The largest backoff ceiling.
    public init(retries: Int, baseDelay: Duration, maximumDelay: Duration) {
        self.retries = retries
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
    }

    /// 4 retries from 50 ms, at most 1 s apart: about 0.75 s of waiting at worst, short enough
    /// for an API request to still answer in time.
    public static let standard = DynamoDBRetryPolicy(retries: 4, baseDelay: .milliseconds(50), maximumDelay: .seconds(1))

    /// How long to wait before retry number `retry` (1 for the first): a random time up to
    /// `baseDelay × 2^(retry−1)`, capped at `maximumDelay`.
    func delay(beforeRetry retry: Int) -> Duration {
        var ceiling = self.baseDelay
        for _ in 1..<max(retry, 1) where ceiling < self.maximumDelay { ceiling *= 2 }
        ceiling = min(ceiling, self.maximumDelay)
        let nanoseconds = ceiling.components.seconds * 1_000_000_000 + ceiling.components.attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds))
    }
}
