import GauntletHTTP
import GauntletJSON

/// Creates the events table for local use (`--create-table`): on demand (`PAY_PER_REQUEST`),
/// `eventId` as its string hash key, as the seed's stack defines it. A table that exists already
/// is left as it is; either way the call returns once the table is `ACTIVE`.
enum DynamoDBTableSetup {
    /// How long to wait for a new table to become active.
    static let activationLimit: Duration = .seconds(120)

    /// Creates the table unless it exists, then waits until it is active.
    /// - Throws: ``DynamoDBError``, or ``DynamoDBError/configuration(_:)`` when the table is not
    ///   active within ``activationLimit``.
    static func ensureTable(_ table: String, client: DynamoDBClient) async throws(DynamoDBError) {
        do {
            _ = try await client.call("CreateTable", [
                "TableName": .string(table),
                "AttributeDefinitions": [["AttributeName": .string(DynamoDBItem.key), "AttributeType": "S"]],
                "KeySchema": [["AttributeName": .string(DynamoDBItem.key), "KeyType": "HASH"]],
                "BillingMode": "PAY_PER_REQUEST",
            ])
        } catch DynamoDBError.service("ResourceInUseException", _, _) {
            // Already there (or being created): wait for it like for a new one.
        }
        let clock = ContinuousClock()
        let deadline = clock.now + activationLimit
        while true {
            let description = try await client.call("DescribeTable", ["TableName": .string(table)])
            if description["Table"]?["TableStatus"]?.stringValue == "ACTIVE" { return }
            guard clock.now < deadline else {
                throw .configuration("table \(table) is not ACTIVE after \(activationLimit)")
            }
            do { try await Task.sleep(for: .milliseconds(250)) } catch { throw .transport(.aborted) }
        }
    }
}
