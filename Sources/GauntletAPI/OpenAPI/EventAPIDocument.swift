import Foundation

/// The OpenAPI 3.1 document of the Event Management API, as `/openapi.json` serves it.
///
/// Request and response schemas live under `components/schemas`: `EventCreate`, `EventUpdate`,
/// `Event`, `EventList`, `CreateResult`, `DeleteResult`, `HTTPError`, `ValidationError`.
public enum EventAPIDocument {
    /// The document for a deployment without a stage prefix (server URL `/`).
    public static var json: String { json(basePath: "") }

    /// The document for a deployment under `basePath` (e.g. `/prod`), whose `servers` entry
    /// points there. The same prefix always gives the same bytes.
    public static func json(basePath: String) -> String {
        var url = ""
        JSONWriter.appendQuoted(basePath.isEmpty ? "/" : basePath, to: &url)
        return template.replacingOccurrences(of: "\"__SERVER_URL__\"", with: url)
    }
}
