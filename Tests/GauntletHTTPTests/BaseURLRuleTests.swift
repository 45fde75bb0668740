import Testing

@testable import GauntletHTTP

/// What a base URL may be: each request's path is appended to it.
@Suite struct BaseURLRuleTests {
    @Test("Deployments' URLs as users pass them are base URLs", arguments: [
        "http://127.0.0.1:8000", "https://abc123.execute-api.eu-west-1.amazonaws.com/prod", "http://[::1]:8080/",
        "https://h.example/a%20b/stage", "https://user:pa%23ss@h.example/prod",
        "https://abcdefghij.lambda-url.eu-west-1.on.aws/", "HTTP://127.0.0.1:8000",
    ])
    func accepted(url: String) {
        #expect(BaseURLRule.problem(in: url) == nil)
    }

    @Test("A query, a fragment, a space, another scheme or a port out of range is not", arguments: [
        ("http://127.0.0.1:1/prod?x=1", "takes no query"), ("http://127.0.0.1:1#frag", "takes no fragment"),
        ("http://127.0.0.1:1/a b", "has a space"), ("ftp://example.com", "must be an http:// or https:// URL"),
        ("http://127.0.0.1:70000", "which is not a port"),
    ])
    func refused(url: String, problem: String) {
        #expect(BaseURLRule.problem(in: url)?.contains(problem) == true)
    }

    @Test("The message hides a password, also one holding a raw # or ? that ends the authority as a URL reads")
    func thePasswordIsHidden() throws {
        let problem = try #require(BaseURLRule.problem(in: "https://ci:p#ss-7f2e@api.example/prod"))
        #expect(!problem.contains("7f2e") && problem.contains("'https://***@api.example/prod'"), "\(problem)")
        let plain = try #require(BaseURLRule.problem(in: "https://ci:s3cret-99@api.example/prod?code=1"))
        #expect(!plain.contains("s3cret") && plain.contains("'https://***@api.example/prod?code=1'"), "\(plain)")
        let user = try #require(BaseURLRule.problem(in: "https://tok_abcdef123456@api.example/prod?x"))
        #expect(!user.contains("abcdef123456"), "a token given as the user name alone: \(user)")
        let control = try #require(BaseURLRule.problem(in: "http://h.example/\u{1B}[31mRED"))
        #expect(!control.contains("\u{1B}") && control.contains(#"\u{1B}[31mRED"#), "\(control)")
    }
}
