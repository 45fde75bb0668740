@testable import GauntletHTTP
import Testing

@Suite("A connect limit is set only when it can end a transfer")
struct ConnectLimitTests {
    @Test("A connect limit no shorter than a total limit of at most 300 s can never decide")
    func redundantConnectLimits() {
        #expect(EasyHandle.connectLimitIsRedundant(.seconds(10), total: .seconds(10)))
        #expect(EasyHandle.connectLimitIsRedundant(.seconds(5), total: .milliseconds(300)))
        #expect(EasyHandle.connectLimitIsRedundant(.seconds(300), total: .seconds(300)))
    }

    @Test("A shorter connect limit, no total limit, or a total beyond libcurl's 300 s default keeps it")
    func decisiveConnectLimits() {
        #expect(!EasyHandle.connectLimitIsRedundant(.seconds(2), total: .seconds(10)))
        #expect(!EasyHandle.connectLimitIsRedundant(.seconds(10), total: nil))
        #expect(!EasyHandle.connectLimitIsRedundant(.seconds(400), total: .seconds(400)))
    }
}
