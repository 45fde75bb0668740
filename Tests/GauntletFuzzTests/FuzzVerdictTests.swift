import GauntletAPI
import GauntletFuzz
import Testing

/// `gauntlet fuzz` against the reference finds nothing; against each broken variant it finds
/// the break, named by the check whose rule it breaks.
@Suite(.timeLimit(.minutes(5))) struct FuzzVerdictTests {
    @Test("Against the reference: no finding, every request answered, nothing left in the table")
    func referenceIsClean() async throws {
        try await EventAPIServer.withRunningServer(FuzzTarget.configuration()) { baseURL in
            let result = try await FuzzTarget.fuzz(baseURL: baseURL, maxExamples: 20)
            #expect(result.findings.map { "\($0.key): \($0.message)" } == [])
            #expect(result.transportErrors == [])
            #expect(result.leftBehind == [])
            #expect(result.ending == .completed)
            #expect(result.passed)
            #expect(try await FuzzTarget.eventIDs(at: baseURL) == [])
            // Every check ran somewhere.
            #expect(Set(result.tallies.keys) == Set(FuzzCheck.allCases))
        }
    }

    /// Each defect and the check that must find it. Preflights, the body-size limit and
    /// "createdAt never changes" are rules an OpenAPI document does not state, and without
    /// docs there is no document: the contract suite checks those.
    static let expected: [(ContractDefect, FuzzCheck)] = [
        // The document marks Access-Control-Allow-Origin required on successful answers.
        (.noCORS, .responseHeadersConformance),
        (.corsOnlyWithOrigin, .responseHeadersConformance),
        (.validation422, .statusCodeConformance),
        (.create200, .statusCodeConformance),
        (.duplicatesAccepted, .duplicateCreateRejected),
        (.duplicateOverwrites, .rejectedWriteChangesNothing),
        (.fieldsNotRenamed, .responseSchemaConformance),
        (.noCreatedAt, .responseSchemaConformance),
        (.filterIgnored, .filterMatchesItems),
        (.badFilterAccepted, .negativeDataRejection),
        (.putDropsFields, .responseSchemaConformance),
        (.putIdMismatchAccepted, .negativeDataRejection),
        (.emptyPutAccepted, .negativeDataRejection),
        (.datesUnchecked, .negativeDataRejection),
        (.impossibleDatesAccepted, .negativeDataRejection),
        (.capacityCoerced, .negativeDataRejection),
        (.integralCapacityRejected, .positiveDataAcceptance),
        (.capacityNonpositiveAccepted, .negativeDataRejection),
        (.statusUnchecked, .negativeDataRejection),
        (.generatedIds, .negativeDataRejection),
        (.ownIds, .duplicateCreateRejected),
        (.missingFieldsAccepted, .negativeDataRejection),
        (.blankStringsAccepted, .negativeDataRejection),
        (.longValuesAccepted, .negativeDataRejection),
        (.notFound500, .notAServerError),
        (.deleteNoOp, .useAfterFree),
        (.malformedJSON500, .notAServerError),
        (.methodNotAllowed404, .unsupportedMethod),
        (.errorsWithoutDetail, .responseSchemaConformance),
        (.validationDetailString, .responseSchemaConformance),
        (.textContentType, .contentTypeConformance),
        (.listUnwrapped, .responseSchemaConformance),
        (.wrongCreateMessage, .responseSchemaConformance),
        (.answersExampleID, .ensureResourceAvailability),
        (.unknownFieldsRejected, .positiveDataAcceptance),
        (.updateNotPersisted, .updateIsReadBack),
        (.unpaddedDatesAccepted, .negativeDataRejection),
        (.datesAsPydanticDate, .negativeDataRejection),
        (.updateValuesUnchecked, .negativeDataRejection),
        (.fractionalCapacityAccepted, .negativeDataRejection),
    ]

    @Test("Each broken variant is found by the check of the rule it breaks", arguments: expected)
    func defectIsFound(defect: ContractDefect, check: FuzzCheck) async throws {
        let result = try await FuzzTarget.fuzz(FuzzTarget.configuration(defects: [defect]))
        #expect(result.findings.contains { $0.check == check }, "found: \(result.findings.map(\.key))")
        #expect(!result.passed)
    }

    @Test("Every defect is either found or named as one a document cannot state")
    func everyDefectAccountedFor() {
        let notStated: Set<ContractDefect> = [
            .noPreflight, .preflightMissingMethods, .preflightIgnoresRequestHeaders,
            .preflightEchoesOrigin, .createdAtChanges, .noBodyLimit, .noDocs,
            // What a docs page names is no document's to say.
            .docsOutsideStage,
            // That a list holds every event is no schema's to say; the fuzzer's own few events
            // fit on the first page.
            .listFirstPage,
            // Its document's capacity is `int64`: no value beyond 64 bits is one it allows, and
            // the fuzzer sends none (the contract suite does).
            .capacityOverflow500,
        ]
        #expect(Set(Self.expected.map(\.0)).union(notStated) == Set(ContractDefect.allCases))
    }

    @Test("A delete that deletes nothing leaves the run's events behind, and the run says so")
    func leftBehindIsReported() async throws {
        let result = try await FuzzTarget.fuzz(FuzzTarget.configuration(defects: [.deleteNoOp]))
        #expect(!result.leftBehind.isEmpty)
        #expect(result.leftBehind.contains { $0.hasPrefix("/events/fuzz-\(result.runID)-") })
    }

    @Test("A deployment that answers 500 for what it deleted: its items are listed unverified, not as still there")
    func unverifiedDeletesSaySo() async throws {
        let result = try await FuzzTarget.fuzz(FuzzTarget.configuration(defects: [.notFound500]))
        #expect(!result.leftBehind.isEmpty)
        #expect(result.leftBehind.allSatisfy { $0.hasSuffix(", the read that checks it 500)") && $0.contains(" (unverified: the delete answered ") }, "\(result.leftBehind)")
        #expect(result.leftBehind.contains { $0.hasSuffix("(unverified: the delete answered 200, the read that checks it 500)") })
    }

    @Test("The FastAPI profile breaks its own document where it does, and nothing is left behind")
    func fastAPIProfile() async throws {
        let result = try await FuzzTarget.fuzz(FuzzTarget.configuration(profile: .fastapi))
        let found = Set(result.findings.map { "\($0.check.rawValue) \($0.operation) \($0.status.map(String.init) ?? "-")" })
        // Its document gives 200 and 422 only: 404 and 409 are answered all the same.
        #expect(found.contains("status_code_conformance GET /events/{event_id} 404"))
        #expect(found.contains("status_code_conformance POST /events 409"))
        // pydantic coerces "123" to an integer, which its schema (type: integer) does not allow.
        #expect(found.contains("negative_data_rejection POST /events 201"))
        // Its EventUpdate allows {}; the seed answers 400 "No fields to update".
        #expect(found.contains("positive_data_acceptance PUT /events/{event_id} 400"))
        // Starlette's 405 lists only the methods of the first route matching the path.
        #expect(found.contains("allow_header_conformance PUT /events 405"))
        #expect(!result.findings.contains { $0.check == .notAServerError || $0.check == .updateIsReadBack || $0.check == .useAfterFree })
        #expect(result.leftBehind == [])
    }
}
