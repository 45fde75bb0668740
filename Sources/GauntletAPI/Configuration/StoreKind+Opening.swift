extension StoreKind {
    /// Opens the store this names: the server and the Lambda runtime open theirs the same way.
    /// - Throws: ``EventStoreError`` when it cannot be opened.
    public func makeStore() async throws -> any EventStore {
        switch self {
        case .memory: MemoryEventStore()
        case .sqlite(let path): try SQLiteEventStore(path: path)
        case .dynamoDB(let settings): try await DynamoDBEventStore(settings: settings)
        }
    }
}
