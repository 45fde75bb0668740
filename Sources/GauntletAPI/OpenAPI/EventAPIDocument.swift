import Foundation

/// The OpenAPI 3.1 document of the Event Management API, as `/openapi.json` serves it.
///
/// Request and response schemas live under `components/schemas`: `EventCreate`, `EventUpdate`,
/// `Event`, `EventList`, `CreateResult`, `DeleteResult`, `HTTPError`, `ValidationError`.
///
/// One document, two copies of the same bytes: the template in `EventAPIDocument+Text.swift`
/// is the source, and the contract suite validates against `Scenarios/contract/openapi.json`,
/// which is what the reference serves without a stage prefix. After editing the template,
/// regenerate the suite's copy with
/// `swift run events-api --print-openapi > Scenarios/contract/openapi.json`;
/// `DocumentationTests` fails while the two differ.
public enum EventAPIDocument {
    /// The reference's document for a deployment without a stage prefix (server URL `/`).
    public static var json: String { json(basePath: "") }

    /// The reference's document for a deployment under `basePath` (e.g. `/prod`), whose
    /// `servers` entry points there. The same prefix always gives the same bytes.
    public static func json(basePath: String) -> String {
        var url = ""
        JSONWriter.appendQuoted(basePath.isEmpty ? "/" : basePath, to: &url)
        return template.replacingOccurrences(of: "\"__SERVER_URL__\"", with: url)
    }

    /// The document a profile serves under `basePath` (normalized as the configuration does).
    public static func json(profile: APIProfile, basePath: String) -> String {
        let basePath = APIConfiguration.normalized(basePath: basePath)
        return switch profile {
        case .reference: json(basePath: basePath)
        case .fastapi: FastAPIDocument.json(basePath: basePath)
        }
    }
}
