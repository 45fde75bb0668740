import Foundation
import GauntletAPI
import GauntletFuzz
import GauntletHTTP
import Logging

/// Starting the reference API (or a broken variant, or the FastAPI profile) in-process and
/// fuzzing it.
enum FuzzTarget {
    static func configuration(defects: Set<ContractDefect> = [], profile: APIProfile = .reference) -> APIConfiguration {
        APIConfiguration(port: 0, logLevel: .error, profile: profile, defects: defects)
    }

    /// Fuzzes a server started with `configuration`, with the document it serves.
    static func fuzz(
        _ configuration: APIConfiguration, seed: UInt64 = 1, maxExamples: Int = 10, timeLimit: Duration = .seconds(60),
        checks: Set<FuzzCheck> = Set(FuzzCheck.allCases), runID: String = "t\(UInt32.random(in: 0...UInt32.max))"
    ) async throws -> FuzzResult {
        try await EventAPIServer.withRunningServer(configuration) { baseURL in
            try await fuzz(baseURL: baseURL, profile: configuration.profile, seed: seed, maxExamples: maxExamples, timeLimit: timeLimit, checks: checks, runID: runID)
        }
    }

    static func fuzz(
        baseURL: String, profile: APIProfile = .reference, seed: UInt64 = 1, maxExamples: Int = 10, timeLimit: Duration = .seconds(60),
        checks: Set<FuzzCheck> = Set(FuzzCheck.allCases), runID: String = "t\(UInt32.random(in: 0...UInt32.max))"
    ) async throws -> FuzzResult {
        let document = try APIDocument(bytes: Array(EventAPIDocument.json(profile: profile, basePath: "").utf8), source: "openapi.json")
        let settings = FuzzSettings(baseURL: baseURL, seed: seed, maxExamples: maxExamples, timeLimit: timeLimit, checks: checks, runID: runID)
        return await Fuzzer(document: document, settings: settings).run()
    }

    /// A one-operation document, `POST /rooms` of `{"capacity": …}`, its capacity's schema
    /// `capacity` (JSON text): for what a document's integer bounds make the fuzzer send.
    static func roomsDocument(capacity: String) -> String {
        #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Rooms", "version": "1"},
          "paths": {
            "/rooms": {
              "post": {
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                  "type": "object", "required": ["capacity"], "properties": {"capacity": \#(capacity)}
                }}}},
                "responses": {"201": {"description": "Created"}, "422": {"description": "Invalid"}}
              }
            }
          }
        }
        """#
    }

    /// The ids of every event the deployment lists.
    static func eventIDs(at baseURL: String) async throws -> [String] {
        let exchange = try await CurlClient.shared.execute(RequestSpec(url: baseURL + "/events"))
        let object = try JSONSerialization.jsonObject(with: Data(exchange.response.body)) as? [String: Any]
        let events = object?["events"] as? [[String: Any]] ?? []
        return events.compactMap { $0["eventId"] as? String }
    }

    /// A fresh folder under the temporary directory, removed by the caller.
    static func temporaryFolder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-fuzz-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
