import GauntletScenario
import Testing

/// A "not verified as deleted" label names the request whose answer left it so: a list's 500
/// says nothing of the item, and a label without the path sends the reader to the item's GET.
@Suite("Unverified labels")
struct UnverifiedLabelTests {
    @Test("A list's answer is named with the list's path, without the base URL or the query")
    func namesTheListRequest() {
        let path = UnverifiedLabel.path(of: "https://user:•••@api.example/prod/events?status=active&key=•••")
        #expect(path == "/prod/events")
        #expect(UnverifiedLabel.text("event e1", method: "GET", path: path, status: 500, failure: nil) == "event e1 (GET /prod/events answered HTTP 500)")
    }

    @Test("An item's check without an answer names the item's path and why")
    func namesTheItemRequestWithoutAnAnswer() {
        let path = UnverifiedLabel.path(of: "http://127.0.0.1:8080/events/e%201#top")
        #expect(
            UnverifiedLabel.text("event e 1", method: "GET", path: path, status: nil, failure: "timeout")
                == "event e 1 (GET /events/e%201 got no answer: timeout)")
    }

    @Test("A URL with no path is the root; a scenario's path stays as written")
    func pathsWithoutAHost() {
        #expect(UnverifiedLabel.path(of: "http://127.0.0.1:8080") == "/")
        #expect(UnverifiedLabel.path(of: "/events/x?token=•••") == "/events/x")
    }
}
