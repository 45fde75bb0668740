@testable import GauntletFuzz
import GauntletJSON
import Testing

/// The proof that an item under an id a create's answer named is the run's before the run
/// writes to it or deletes it: it must hold the run's generated strings, not only values any
/// item may hold.
@Suite struct OwnershipProofTests {
    static let tag = "fuzz-t1"

    @Test("An item holding what the run sent, under other field names and without the extra field, is the run's")
    func renamedFieldsAndADroppedExtraStillProve() {
        let sent: JSONValue = ["eventId": "fuzz-t1-4", "title": "Qx7 launch", "date": "2031-02-03", "location": "Hall 9", "capacity": 12, "extra": "zz"]
        let item: JSONValue = ["id": "a1b2", "title": "Qx7 launch", "eventDate": "2031-02-03", "location": "Hall 9", "capacity": 12]
        #expect(Fuzzer.holds(item, sent: sent, runTag: Self.tag))
    }

    @Test("Another team's item holds none of the run's strings")
    func anotherTeamsItemDoesNotProve() {
        let sent: JSONValue = ["title": "Qx7 launch", "date": "2031-02-03", "location": "Hall 9", "capacity": 5]
        let item: JSONValue = ["eventId": "event-123", "title": "Team C", "eventDate": "2024-01-01", "location": "x", "capacity": 5]
        #expect(!Fuzzer.holds(item, sent: sent, runTag: Self.tag))
    }

    @Test("A body of booleans and small numbers proves nothing: any item may hold them")
    func aBodyWithoutStringsProvesNothing() {
        let sent: JSONValue = ["enabled": true, "count": 1]
        let item: JSONValue = ["id": "theirs", "owner": "Team C", "enabled": true, "count": 1]
        #expect(!Fuzzer.holds(item, sent: sent, runTag: Self.tag))
    }

    @Test("Matching booleans and numbers do not make up for strings the item does not hold")
    func stringsMustBeHeld() {
        let sent: JSONValue = ["name": "Qx7", "note": "Zz9 p", "enabled": true, "count": 1, "size": 2, "open": false]
        let item: JSONValue = ["id": "theirs", "name": "Team C", "note": "theirs", "enabled": true, "count": 1, "size": 2, "open": false]
        #expect(!Fuzzer.holds(item, sent: sent, runTag: Self.tag))
    }
}
