import GauntletJSON
import GauntletAPI
import Hummingbird
import HummingbirdTesting
import Testing

/// Each `ContractDefect` makes its one misbehaviour appear (the correct behaviour is what the
/// contract tests check with no defect).
@Suite struct ContractDefectTests {
    /// A defect and a check that its misbehaviour shows.
    struct DefectCase: Sendable, CustomTestStringConvertible {
        let defect: ContractDefect
        let check: @Sendable (any TestClientProtocol) async throws -> Void
        var testDescription: String { self.defect.rawValue }

        init(_ defect: ContractDefect, _ check: @escaping @Sendable (any TestClientProtocol) async throws -> Void) {
            self.defect = defect
            self.check = check
        }
    }

    static let preflightHeaders: HTTPFields = [
        .origin: "https://app.example.com", .accessControlRequestMethod: "PUT", .accessControlRequestHeaders: "X-Api-Key",
    ]

    static let cases: [DefectCase] = [
        DefectCase(.validation422) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.post, "/events", json: eventJSON("x", ["capacity": "\"500\""]))
            #expect(response.status == .unprocessableContent)
            #expect(try issues(response).map(\.field) == ["capacity"])
        },
        DefectCase(.noCORS) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.get, "/events").headers[.accessControlAllowOrigin] == nil)
            let preflight = try await client.send(.options, "/events", headers: Self.preflightHeaders)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == nil && preflight.headers[.accessControlAllowMethods] == nil)
        },
        DefectCase(.corsOnlyWithOrigin) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.get, "/events").headers[.accessControlAllowOrigin] == nil)
            let withOrigin = try await client.send(.get, "/events", headers: [.origin: "https://a.example"])
            #expect(withOrigin.headers[.accessControlAllowOrigin] == "https://a.example")
        },
        DefectCase(.noPreflight) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.options, "/events", headers: Self.preflightHeaders)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            #expect(response.headers[.allow] == "GET, HEAD, POST")
        },
        DefectCase(.preflightMissingMethods) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.options, "/events/x", headers: Self.preflightHeaders)
            #expect(response.headers[.accessControlAllowMethods] == "GET, POST")
        },
        DefectCase(.preflightIgnoresRequestHeaders) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.options, "/events", headers: Self.preflightHeaders)
            #expect(response.headers[.accessControlAllowHeaders] == "Content-Type")
        },
        DefectCase(.create200) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x")).status == .ok)
        },
        DefectCase(.duplicatesAccepted) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["title": "\"Second\""])).status == .created)
            #expect(try await client.send(.get, "/events/x").json["title"] == .string("Second"))
        },
        DefectCase(.fieldsNotRenamed) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            let item = try await client.send(.get, "/events/x").json
            #expect(item["date"] == .string("2024-12-15") && item["capacity"] == .integer(500) && item["status"] == .string("active"))
            #expect(item["eventDate"] == nil && item["eventCapacity"] == nil && item["eventStatus"] == nil)
        },
        DefectCase(.noCreatedAt) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            #expect(try await client.send(.get, "/events/x").json["createdAt"] == nil)
        },
        DefectCase(.createdAtChanges) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            let created = try await client.send(.get, "/events/x").json["createdAt"]
            // A second later, the update's own time in whole seconds: another createdAt.
            try await Task.sleep(for: .milliseconds(1_100))
            let updated = try await client.send(.put, "/events/x", json: #"{"title": "T"}"#).json
            #expect(created != nil && updated["createdAt"] != created)
            #expect(updated["createdAt"] == updated["updatedAt"])
        },
        DefectCase(.filterIgnored) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("a"))
            try await client.create(eventJSON("c", ["status": "\"cancelled\""]))
            #expect(try await client.send(.get, "/events?status=active").json["events"]?.array?.count == 2)
        },
        DefectCase(.badFilterAccepted) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("a"))
            let response = try await client.send(.get, "/events?status=bogus")
            #expect(response.status == .ok)
            #expect(response.text == #"{"events":[]}"#)
        },
        DefectCase(.putDropsFields) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            _ = try await client.send(.put, "/events/x", json: #"{"title": "New"}"#)
            let item = try await client.send(.get, "/events/x").json
            #expect(item["title"] == .string("New"))
            #expect(item["description"] == .string(""))
        },
        DefectCase(.putIdMismatchAccepted) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            #expect(try await client.send(.put, "/events/x", json: #"{"eventId": "other", "title": "T"}"#).status == .ok)
        },
        DefectCase(.emptyPutAccepted) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            let response = try await client.send(.put, "/events/x", json: "{}")
            #expect(response.status == .ok)
            #expect(try response.json["title"] == .string("Tech Conference 2024"))
        },
        DefectCase(.datesUnchecked) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["date": "\"next tuesday\""])).status == .created)
        },
        DefectCase(.impossibleDatesAccepted) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["date": "\"2024-02-30\""])).status == .created)
            #expect(try await client.send(.post, "/events", json: eventJSON("y", ["date": "\"2024/02/01\""])).status == .badRequest)
        },
        DefectCase(.capacityCoerced) { (client: any TestClientProtocol) async throws in
            for (id, value, expected) in [("s", "\"500\"", 500), ("f", "500.0", 500), ("b", "true", 1)] as [(String, String, Int64)] {
                #expect(try await client.send(.post, "/events", json: eventJSON(id, ["capacity": value])).status == .created)
                #expect(try await client.send(.get, "/events/\(id)").json["eventCapacity"] == .integer(expected))
            }
        },
        DefectCase(.capacityNonpositiveAccepted) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["capacity": "0"])).status == .created)
            #expect(try await client.send(.post, "/events", json: eventJSON("y", ["capacity": "-3"])).status == .created)
        },
        DefectCase(.statusUnchecked) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["status": "\"bogus\""])).status == .created)
        },
        DefectCase(.missingFieldsAccepted) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: #"{"eventId": "x"}"#).status == .created)
            let item = try await client.send(.get, "/events/x").json
            #expect(item["title"] == .string("") && item["eventCapacity"] == .integer(0))
        },
        DefectCase(.blankStringsAccepted) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["title": "\"   \""])).status == .created)
        },
        DefectCase(.longValuesAccepted) { (client: any TestClientProtocol) async throws in
            let long = "\"\(String(repeating: "t", count: 500))\""
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["title": long])).status == .created)
            #expect(try await client.send(.post, "/events", json: eventJSON("a b")).status == .created)
        },
        DefectCase(.notFound500) { (client: any TestClientProtocol) async throws in
            for method in [HTTPRequest.Method.get, .delete] {
                let response = try await client.send(method, "/events/missing")
                #expect(response.status == .internalServerError)
                #expect(response.text == #"{"detail":"Internal Server Error"}"#)
            }
            #expect(try await client.send(.put, "/events/missing", json: #"{"title": "T"}"#).status == .internalServerError)
        },
        DefectCase(.deleteNoOp) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            #expect(try await client.send(.delete, "/events/x").status == .ok)
            #expect(try await client.send(.get, "/events/x").status == .ok)
        },
        DefectCase(.malformedJSON500) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: "{").status == .internalServerError)
            #expect(try await client.send(.post, "/events", json: "[1]").status == .internalServerError)
        },
        DefectCase(.capacityOverflow500) { (client: any TestClientProtocol) async throws in
            for digits in ["9223372036854775808", "100000000000000000000000000000000000000000"] {
                #expect(try await client.send(.post, "/events", json: eventJSON("x", ["capacity": digits])).status == .internalServerError)
            }
            // Within 64 bits, or not an integer: as the contract has it.
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["capacity": "9223372036854775807"])).status == .created)
            #expect(try await client.send(.post, "/events", json: eventJSON("y", ["capacity": "9.5"])).status == .badRequest)
            #expect(try await client.send(.post, "/events", json: eventJSON("y", ["capacity": "5e18"])).status == .created)
        },
        DefectCase(.noBodyLimit) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.post, "/events", bytes: Array(repeating: UInt8(ascii: " "), count: 2 << 20))
            #expect(response.status == .badRequest)
        },
        DefectCase(.methodNotAllowed404) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.patch, "/events").status == .notFound)
            #expect(try await client.send(.post, "/events/x").status == .notFound)
        },
        DefectCase(.errorsWithoutDetail) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.get, "/events/missing")
            #expect(response.status == .notFound)
            #expect(try response.json == .object(["error": .string("Event not found")]))
            #expect(try await client.send(.post, "/events", json: "{}").json["detail"] == nil)
        },
        DefectCase(.validationDetailString) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.post, "/events", json: eventJSON("x", ["capacity": "0"]))
            #expect(response.status == .badRequest)
            #expect(try response.json["detail"]?.string?.contains("capacity") == true)
        },
        DefectCase(.textContentType) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.get, "/events").headers[.contentType] == "text/plain; charset=utf-8")
            #expect(try await client.send(.get, "/events/missing").headers[.contentType] == "text/plain; charset=utf-8")
        },
        DefectCase(.listUnwrapped) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            #expect(try await client.send(.get, "/events").json.array?.count == 1)
        },
        DefectCase(.listFirstPage) { (client: any TestClientProtocol) async throws in
            // Created last-first: the page is the first 50 ids in order, not the first 50 stored.
            for index in (0...ContractDefect.firstPageSize).reversed() {
                try await client.create(eventJSON("e-\(String(index).leftPadding(toLength: 3))"))
            }
            let listed = try await client.send(.get, "/events").json["events"]?.array?.compactMap { $0["eventId"]?.stringValue } ?? []
            #expect(listed.count == ContractDefect.firstPageSize)
            #expect(listed.first == "e-000" && !listed.contains("e-050"), "the event past the page is in no list")
            #expect(try await client.send(.get, "/events/e-050").status == .ok, "and still in the table")
        },
        DefectCase(.wrongCreateMessage) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.post, "/events", json: eventJSON("x"))
            #expect(try response.json == .object(["eventId": .string("x"), "message": .string("Created")]))
        },
        DefectCase(.answersExampleID) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.post, "/events", json: eventJSON("x"))
            #expect(try response.json == .object(["eventId": .string("event-123"), "message": .string("Event created successfully")]))
            #expect(try await client.send(.get, "/events/x").status == .ok, "stored under the id sent")
        },
        DefectCase(.unknownFieldsRejected) { (client: any TestClientProtocol) async throws in
            let response = try await client.send(.post, "/events", json: eventJSON("x", ["extra": "1"]))
            #expect(response.status == .badRequest)
            #expect(try issues(response).map(\.type) == ["extra_forbidden"])
        },
        DefectCase(.updateNotPersisted) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            let response = try await client.send(.put, "/events/x", json: #"{"title": "New"}"#)
            #expect(response.status == .ok)
            #expect(try response.json["title"] == .string("New"))
            #expect(try await client.send(.get, "/events/x").json["title"] == .string("Tech Conference 2024"))
        },
        DefectCase(.noDocs) { (client: any TestClientProtocol) async throws in
            for path in ["/openapi.json", "/docs", "/redoc"] {
                #expect(try await client.send(.get, path).status == .notFound, "\(path)")
            }
            #expect(try await client.send(.get, "/health").status == .ok)
        },
        DefectCase(.docsOutsideStage) { (client: any TestClientProtocol) async throws in
            // Served under the stage, naming the document outside it.
            #expect(try await client.send(.get, "/prod/openapi.json").status == .ok)
            #expect(try await client.send(.get, "/openapi.json").status == .notFound, "what the pages name is not served")
            #expect(try await client.send(.get, "/prod/docs").text.contains("url: '/openapi.json'"))
            #expect(try await client.send(.get, "/prod/redoc").text.contains(#"spec-url="/openapi.json""#))
        },
        DefectCase(.unpaddedDatesAccepted) { (client: any TestClientProtocol) async throws in
            for (id, date) in [("a", "2025-6-1"), ("b", "20250601"), ("c", "2025-06-1")] {
                #expect(try await client.send(.post, "/events", json: eventJSON(id, ["date": "\"\(date)\""])).status == .created)
                #expect(try await client.send(.get, "/events/\(id)").json["eventDate"] == .string(date))
            }
            // Still a real day, still digits.
            #expect(try await client.send(.post, "/events", json: eventJSON("d", ["date": "\"2025-2-30\""])).status == .badRequest)
            #expect(try await client.send(.post, "/events", json: eventJSON("e", ["date": "\"2025/6/1\""])).status == .badRequest)
        },
        DefectCase(.preflightEchoesOrigin) { (client: any TestClientProtocol) async throws in
            let preflight = try await client.send(.options, "/events", headers: Self.preflightHeaders)
            #expect(preflight.status == .noContent)
            #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example.com")
            let simple = try await client.send(.get, "/events", headers: [.origin: "https://app.example.com"])
            #expect(simple.headers[.accessControlAllowOrigin] == "*")
        },
        DefectCase(.updateValuesUnchecked) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            let response = try await client.send(.put, "/events/x", json: #"{"capacity": "many", "status": "postponed", "date": "tomorrow"}"#)
            #expect(response.status == .ok, "\(response.text)")
            let item = try await client.send(.get, "/events/x").json
            #expect(item["eventStatus"] == .string("postponed") && item["eventDate"] == .string("tomorrow"))
            #expect(item["eventCapacity"] == .integer(0))
            #expect(try await client.send(.post, "/events", json: eventJSON("y", ["status": "\"postponed\""])).status == .badRequest)
        },
        DefectCase(.integralCapacityRejected) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["capacity": "500.0"])).status == .badRequest)
            #expect(try await client.send(.post, "/events", json: eventJSON("y", ["capacity": "500"])).status == .created)
        },
        DefectCase(.duplicateOverwrites) { (client: any TestClientProtocol) async throws in
            try await client.create(eventJSON("x"))
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["title": "\"Second\""])).status == .conflict)
            #expect(try await client.send(.get, "/events/x").json["title"] == .string("Second"))
        },
        DefectCase(.generatedIds) { (client: any TestClientProtocol) async throws in
            let created = try await client.send(.post, "/events", json: eventJSON("x", ["eventId": nil]))
            #expect(created.status == .created)
            let id = try #require(created.json["eventId"]?.stringValue)
            #expect(id != "x" && !id.isEmpty)
            #expect(try await client.send(.get, "/events/\(id)").status == .ok)
            let blank = try await client.send(.post, "/events", json: eventJSON(""))
            #expect(blank.status == .created)
            #expect(try blank.json["eventId"]?.stringValue.map { !$0.isEmpty && $0 != id } == true)
        },
        DefectCase(.ownIds) { (client: any TestClientProtocol) async throws in
            let created = try await client.send(.post, "/events", json: eventJSON("x"))
            #expect(created.status == .created)
            let id = try #require(created.json["eventId"]?.stringValue)
            #expect(id != "x" && !id.isEmpty)
            #expect(try await client.send(.get, "/events/\(id)").status == .ok)
            #expect(try await client.send(.get, "/events/x").status == .notFound)
            // The same id again is another event, not a conflict.
            #expect(try await client.send(.post, "/events", json: eventJSON("x")).status == .created)
        },
        DefectCase(.datesAsPydanticDate) { (client: any TestClientProtocol) async throws in
            // 2025-06-01T00:00:00Z, as a number and as digits; a datetime at midnight, with a zone.
            for (id, date) in [("n", "1748736000"), ("s", "\"1748736000\""), ("t", "\"2025-06-01T00:00:00Z\"")] {
                #expect(try await client.send(.post, "/events", json: eventJSON(id, ["date": date])).status == .created)
                #expect(try await client.send(.get, "/events/\(id)").json["eventDate"] == .string("2025-06-01"))
            }
            // Not midnight, or not a date at all: still refused.
            for date in ["1748736001", "\"2025-06-01T10:00:00\"", "\"2025/06/01\"", "1e300"] {
                #expect(try await client.send(.post, "/events", json: eventJSON("bad", ["date": date])).status == .badRequest)
            }
        },
        DefectCase(.fractionalCapacityAccepted) { (client: any TestClientProtocol) async throws in
            #expect(try await client.send(.post, "/events", json: eventJSON("x", ["capacity": "500.5"])).status == .created)
            #expect(try await client.send(.get, "/events/x").json["eventCapacity"] == .integer(500))
            #expect(try await client.send(.post, "/events", json: eventJSON("y", ["capacity": "\"500\""])).status == .badRequest)
        },
    ]

    @Test("Every defect has a test")
    func everyDefectCovered() {
        #expect(Set(Self.cases.map(\.defect)) == Set(ContractDefect.allCases))
        #expect(Self.cases.count == ContractDefect.allCases.count)
    }

    @Test("The defect's misbehaviour appears when it is enabled", arguments: Self.cases)
    func misbehaviourAppears(_ defectCase: DefectCase) async throws {
        try await withAPI(defects: [defectCase.defect], basePath: defectCase.defect.basePathThatShowsIt) { (client: any TestClientProtocol) async throws in
            try await defectCase.check(client)
        }
    }
}

private extension String {
    /// The text with zeros in front up to `length` characters.
    func leftPadding(toLength length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
