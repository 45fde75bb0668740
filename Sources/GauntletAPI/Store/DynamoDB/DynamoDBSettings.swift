public import GauntletHTTP

/// What a ``DynamoDBEventStore`` needs to know: the table, and where and as whom to reach it.
///
/// Anything left nil comes from the standard AWS environment variables when the store opens
/// (``resolved(environment:)``), so `--store dynamodb:TABLE` works as the AWS CLI does; tests set
/// every value here instead of changing the process environment.
public struct DynamoDBSettings: Sendable, Hashable {
    /// The table name.
    public var table: String
    /// The endpoint URL (`http://127.0.0.1:5000` for a local DynamoDB); nil reads
    /// `AWS_ENDPOINT_URL_DYNAMODB`, then `AWS_ENDPOINT_URL`, else AWS's regional endpoint.
    public var endpoint: String?
    /// The region signed for; nil reads `AWS_REGION`, then `AWS_DEFAULT_REGION`.
    public var region: String?
    /// The access key pair (and session token); nil reads `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
    public var credentials: DynamoDBCredentials?
    /// Whether to create the table (on demand, `eventId` string key) when it does not exist, and
    /// wait until it is active: for local use (`--create-table`).
    public var createTable: Bool
    /// The most items one `Scan` call may return (`Limit`), or nil for DynamoDB's own 1 MB pages;
    /// a small value makes a list follow `LastEvaluatedKey` over many pages.
    public var scanPageLimit: Int?
    /// How throttled calls are retried.
    public var retry: DynamoDBRetryPolicy
    /// The limits of one HTTP call.
    public var timeouts: Timeouts

    /// Creates settings; everything but the table has a default.
    /// - Parameters:
    ///   - table: The table name.
    ///   - endpoint: The endpoint URL, or nil for the environment's or AWS's.
    ///   - region: The region, or nil for the environment's.
    ///   - credentials: The keys, or nil for the environment's.
    ///   - createTable: Whether to create a missing table.
    ///   - scanPageLimit: The `Limit` of one `Scan` call, or nil for none.
    ///   - retry: How throttled calls are retried.
    ///   - timeouts: The limits of one HTTP call (5 s to connect, 20 s in all).
    public init(
        table: String,
        endpoint: String? = nil,
        region: String? = nil,
        credentials: DynamoDBCredentials? = nil,
        createTable: Bool = false,
        scanPageLimit: Int? = nil,
        retry: DynamoDBRetryPolicy = .standard,
        timeouts: Timeouts = Timeouts(connect: .seconds(5), total: .seconds(20))
    ) {
        self.table = table
        self.endpoint = endpoint
        self.region = region
        self.credentials = credentials
        self.createTable = createTable
        self.scanPageLimit = scanPageLimit
        self.retry = retry
        self.timeouts = timeouts
    }

    /// The endpoint, region and signing keys, each from these settings or else from `environment`.
    /// - Parameter environment: The variables to read (the process environment in production).
    /// - Throws: ``DynamoDBError/configuration(_:)`` naming what is missing.
    public func resolved(environment: [String: String]) throws(DynamoDBError) -> DynamoDBEndpoint {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        guard let region = self.region ?? value("AWS_REGION") ?? value("AWS_DEFAULT_REGION") else {
            throw .configuration("DynamoDB needs a region: set AWS_REGION (or AWS_DEFAULT_REGION)")
        }
        let provider = "aws:amz:\(region):dynamodb"
        let signing: AWSSigV4
        if let credentials = self.credentials {
            signing = AWSSigV4(
                provider: provider,
                accessKeyID: credentials.accessKeyID,
                secretAccessKey: credentials.secretAccessKey,
                sessionToken: credentials.sessionToken
            )
        } else {
            do {
                signing = try AWSSigV4.fromEnvironment(provider: provider, environment: environment)
            } catch {
                throw .configuration(error.description)
            }
        }
        var url = self.endpoint ?? value("AWS_ENDPOINT_URL_DYNAMODB") ?? value("AWS_ENDPOINT_URL")
            ?? "https://dynamodb.\(region).amazonaws.com"
        while url.hasSuffix("/") { url.removeLast() }
        return DynamoDBEndpoint(url: url + "/", signing: signing)
    }
}

/// An AWS access key pair, and the session token of temporary credentials.
public struct DynamoDBCredentials: Sendable, Hashable {
    /// The access key id.
    public var accessKeyID: String
    /// The secret access key.
    public var secretAccessKey: String
    /// The session token, for temporary credentials.
    public var sessionToken: String?

    /// Creates credentials.
    /// - Parameters:
    ///   - accessKeyID: The access key id.
    ///   - secretAccessKey: The secret access key.
    ///   - sessionToken: The session token, if any.
    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }
}

/// Where the calls go and how they are signed, once settings and environment are combined.
public struct DynamoDBEndpoint: Sendable, Hashable {
    /// The URL every call is POSTed to (the endpoint with a trailing `/`).
    public var url: String
    /// libcurl's SigV4 signing for service `dynamodb` in the region.
    public var signing: AWSSigV4
}
