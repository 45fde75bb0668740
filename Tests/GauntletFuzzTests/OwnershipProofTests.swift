@testable import GauntletFuzz
import GauntletJSON
import Testing

/// The proof that an item under an id a create's answer named is the run's before the run
/// writes to it or deletes it: it must hold the run's generated strings, not only values any
/// item may hold.
@Suite struct OwnershipProofTests {
    static let tag = "fuzz-t1"

    static func ownership(of item: JSONValue, sent: JSONValue) -> Fuzzer.Ownership {
        Fuzzer.ownership(of: item, sent: sent, runTag: tag)
    }

    @Test("An item holding what the run sent, under other field names and without the extra field, is the run's")
    func renamedFieldsAndADroppedExtraStillProve() {
        let sent: JSONValue = ["eventId": "fuzz-t1-4", "title": "Qx7 launch", "date": "2031-02-03", "location": "Hall 9", "capacity": 12, "extra": "zz"]
        let item: JSONValue = ["id": "a1b2", "title": "Qx7 launch", "eventDate": "2031-02-03", "location": "Hall 9", "capacity": 12]
        #expect(Self.ownership(of: item, sent: sent) == .held)
    }

    @Test("Another team's item holds none of the run's strings")
    func anotherTeamsItemDoesNotProve() {
        let sent: JSONValue = ["title": "Qx7 launch", "date": "2031-02-03", "location": "Hall 9", "capacity": 5]
        let item: JSONValue = ["eventId": "event-123", "title": "Team C", "eventDate": "2024-01-01", "location": "x", "capacity": 5]
        #expect(Self.ownership(of: item, sent: sent) == .notHeld)
    }

    @Test("A body of booleans and small numbers cannot tell: any item may hold them")
    func aBodyWithoutStringsCannotTell() {
        let sent: JSONValue = ["enabled": true, "count": 1]
        let item: JSONValue = ["id": "theirs", "owner": "Team C", "enabled": true, "count": 1]
        #expect(Self.ownership(of: item, sent: sent) == .cannotTell)
    }

    @Test("A one-letter write (the smallest valid update) cannot tell: another team's title may be that letter")
    func aOneLetterWriteCannotTell() {
        let item: JSONValue = ["eventId": "event-123", "title": "a", "description": "Quarterly review", "organizer": "Team B"]
        #expect(Self.ownership(of: item, sent: ["title": "a"]) == .cannotTell)
    }

    @Test("A value sent in several fields counts once: a letter repeated does not outweigh the date")
    func repeatedValuesCountOnce() {
        let sent: JSONValue = ["title": "a", "description": "a", "location": "a", "organizer": "a", "date": "2031-02-03", "capacity": 1]
        let item: JSONValue = ["eventId": "event-123", "title": "a", "description": "theirs", "eventDate": "2024-01-01", "eventCapacity": 1]
        #expect(Self.ownership(of: item, sent: sent) == .notHeld)
    }

    @Test("The id an item sits under shows nothing: a client id the run sent without its tag is not counted")
    func theItemsOwnIdIsNoEvidence() {
        // Another team's counter at the id the run sent (a deployment that upserts under it).
        let sent: JSONValue = ["counterId": "Y6BpzALh", "count": 0, "enabled": false]
        let item: JSONValue = ["counterId": "Y6BpzALh", "count": 77, "enabled": false]
        #expect(Fuzzer.ownership(of: item, sent: sent, runTag: Self.tag, excluding: ["counters", "Y6BpzALh"]) == .cannotTell)
    }

    @Test("A date-time written back another way (fractional seconds, +00:00) is held")
    func aDateTimeWrittenAnotherWayIsHeld() {
        let sent: JSONValue = ["startsAt": "2030-05-01T10:30:00Z", "note": "Qx7 launch"]
        #expect(Self.ownership(of: ["startsAt": "2030-05-01T10:30:00.000Z", "note": "Qx7 launch"], sent: sent) == .held)
        #expect(Self.ownership(of: ["startsAt": "2030-05-01T11:30:00+01:00", "note": "Qx7 launch"], sent: sent) == .held)
        #expect(Self.ownership(of: ["startsAt": "2030-05-01T10:31:00.000Z", "note": "Qx7 launch"], sent: sent) == .notHeld)
    }

    @Test("Matching booleans and numbers do not make up for strings the item does not hold")
    func stringsMustBeHeld() {
        let sent: JSONValue = ["name": "Qx7 launch", "note": "Zz9 p", "enabled": true, "count": 1, "size": 2, "open": false]
        let item: JSONValue = ["id": "theirs", "name": "Team C", "note": "theirs", "enabled": true, "count": 1, "size": 2, "open": false]
        #expect(Self.ownership(of: item, sent: sent) == .notHeld)
    }
}
