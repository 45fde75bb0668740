import GauntletLoad
import Testing

@Suite struct LoadTemplateTests {
    @Test func placeholdersAreFilledIn() throws {
        let template = try LoadTemplate("/events/load-{{run}}-{{ iteration }}?vu={{vu}}")
        #expect(template.render(run: "abc", iteration: 42, vu: 3) == "/events/load-abc-42?vu=3")
        #expect(!template.isConstant)
    }

    @Test func anUnknownPlaceholderIsAnError() {
        #expect(throws: LoadTemplateError.self) { try LoadTemplate("/events/{{id}}") }
    }

    @Test func durationsParseInEveryUnit() {
        #expect(Duration.parseLoad("250ms") == .milliseconds(250))
        #expect(Duration.parseLoad("1m30s") == .seconds(90))
        #expect(Duration.parseLoad("1.5s") == .milliseconds(1_500))
        #expect(Duration.parseLoad("500us") == .microseconds(500))
        #expect(Duration.parseLoad("10") == nil)
        #expect(Duration.seconds(90).formattedForLoad == "1m30s")
    }
}
