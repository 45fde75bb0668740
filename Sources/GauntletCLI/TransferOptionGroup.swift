import ArgumentParser
import GauntletHTTP

/// libcurl settings shared by `run`, `load` and `selftest`.
struct TransferOptionGroup: ParsableArguments {
    // With a transform, ArgumentParser shows no default: the help text says it.
    @Option(
        name: .customLong("connect-timeout"), help: "Give up connecting after this long (default 10s; 0s for libcurl's default, 300s).",
        transform: DurationArgument.parse)
    var connectTimeout: DurationArgument = DurationArgument(.seconds(10))

    @Option(help: "Give up on a whole request after this long (default 30s; 0s for no limit, as curl's --max-time 0).", transform: DurationArgument.parse)
    var timeout: DurationArgument = DurationArgument(.seconds(30))

    @Flag(name: .customLong("http2"), help: "Ask for HTTP/2 (over TLS; HTTP/1.1 is the default).")
    var http2 = false

    @Flag(name: [.customShort("k"), .long], help: "Do not verify the server's TLS certificate.")
    var insecure = false

    @Option(help: ArgumentHelp("Verify TLS against this CA bundle.", valueName: "file"))
    var cacert: String?

    @Option(
        name: .customLong("aws-sigv4"),
        help: ArgumentHelp(
            "Sign requests with AWS SigV4 (libcurl's CURLOPT_AWS_SIGV4), credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN.",
            valueName: "aws:amz:REGION:SERVICE"))
    var awsSigV4: String?

    /// The libcurl options these flags describe.
    func transferOptions() throws -> TransferOptions {
        var options = TransferOptions()
        options.httpVersion = http2 ? .http2 : .http1_1
        options.verifyTLS = !insecure
        options.caCertPath = cacert
        // 0 means what it means to curl: no limit (--max-time 0), libcurl's default (--connect-timeout 0).
        options.timeouts = Timeouts(connect: connectTimeout.value, total: timeout.value)
        if let provider = awsSigV4 {
            do { options.awsSigV4 = try AWSSigV4.fromEnvironment(provider: provider) } catch {
                throw ValidationError("--aws-sigv4: \(error)")
            }
        }
        return options
    }
}
