import GauntletHTTP
import Testing

@Suite("TLS options against openssl s_server", .enabled(if: OpenSSLServer.isAvailable))
struct TLSTests {
    let client = CurlClient()

    @Test("An untrusted certificate is a tls error", .timeLimit(.minutes(1)))
    func untrustedCertificate() async throws {
        try await withOpenSSLServer { server in
            let error = await #expect(throws: TransportError.self) {
                try await client.execute(RequestSpec(url: "https://127.0.0.1:\(server.port)/"))
            }
            #expect(error == .tls)
            #expect(error?.curlCode == 60)
        }
    }

    @Test("A CA bundle makes the certificate trusted, and TLS time is measured", .timeLimit(.minutes(1)))
    func trustedWithCACert() async throws {
        try await withOpenSSLServer { server in
            let options = TransferOptions(caCertPath: server.certificatePath)
            let exchange = try await client.execute(RequestSpec(url: "https://localhost:\(server.port)/", options: options))
            #expect(exchange.response.status == 200)
            let t = exchange.timings
            #expect(t.connect <= t.appConnect)
            #expect(t.appConnect > .zero)
            #expect(t.appConnect <= t.preTransfer)
            #expect(t.preTransfer <= t.startTransfer && t.startTransfer <= t.total)
            #expect(exchange.curlCommand.description == "curl --cacert '\(server.certificatePath)' 'https://localhost:\(server.port)/'")
        }
    }

    @Test("Insecure mode accepts any certificate; HTTP/2 falls back when the server lacks it", .timeLimit(.minutes(1)))
    func insecure() async throws {
        try await withOpenSSLServer { server in
            let options = TransferOptions(httpVersion: .http2, verifyTLS: false)
            let exchange = try await client.execute(RequestSpec(url: "https://127.0.0.1:\(server.port)/", options: options))
            #expect(exchange.response.status == 200)
            #expect(exchange.response.httpVersion == "HTTP/1.0")
            #expect(exchange.curlCommand.description == "curl --http2 --insecure 'https://127.0.0.1:\(server.port)/'")
        }
    }
}
