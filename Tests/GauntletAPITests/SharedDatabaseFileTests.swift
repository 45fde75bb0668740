import Foundation
import GRDB
import GauntletAPI
import Testing

/// Two servers on one SQLite file (a shared staging table): one waits for the other's lock
/// instead of failing with "database is locked".
@Suite(.timeLimit(.minutes(1))) struct SharedDatabaseFileTests {
    @Test("Opening and writing wait while another connection holds the file's write lock")
    func waitsForAnotherConnectionsLock() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("gauntlet-shared-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        _ = try SQLiteEventStore(path: path)

        // Another process's connection, with SQLite's default of failing at once when busy.
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true  // to hold the lock across two accesses
        let other = try DatabaseQueue(path: path, configuration: unsafe)
        try await other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        let release = Task {
            try await Task.sleep(for: .milliseconds(300))
            try await other.writeWithoutTransaction { db in try db.execute(sql: "COMMIT") }
        }

        let started = ContinuousClock.now
        let store = try SQLiteEventStore(path: path)
        try await store.create(sampleEvent("written-after-the-lock"))
        try await release.value
        #expect(ContinuousClock.now - started >= .milliseconds(250), "the write waited for the lock")
        #expect(try await store.event(id: "written-after-the-lock").eventId == "written-after-the-lock")
    }
}
