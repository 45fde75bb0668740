public import Foundation

/// AWS Signature Version 4 signing, done by libcurl (`CURLOPT_AWS_SIGV4` with the keys as `CURLOPT_USERPWD`).
///
/// A session token, when present, is sent as the `x-amz-security-token` header, which libcurl then signs.
public struct AWSSigV4: Sendable, Hashable {
    /// The provider string curl expects, `aws:amz:<region>:<service>` (e.g. `aws:amz:eu-west-1:execute-api`).
    public var provider: String
    /// The access key id (`AWS_ACCESS_KEY_ID`).
    public var accessKeyID: String
    /// The secret access key (`AWS_SECRET_ACCESS_KEY`).
    public var secretAccessKey: String
    /// The session token of temporary credentials (`AWS_SESSION_TOKEN`).
    public var sessionToken: String?

    /// Creates signing settings from explicit credentials.
    /// - Parameters:
    ///   - provider: `aws:amz:<region>:<service>`.
    ///   - accessKeyID: The access key id.
    ///   - secretAccessKey: The secret access key.
    ///   - sessionToken: The session token of temporary credentials, if any.
    public init(provider: String, accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        self.provider = provider
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// The same signing with every credential replaced by ``SecretRedaction/placeholder``: what a
    /// printed reproduction command shows (its reader puts their own keys back).
    public var redacted: AWSSigV4 {
        AWSSigV4(
            provider: provider, accessKeyID: SecretRedaction.placeholder, secretAccessKey: SecretRedaction.placeholder,
            sessionToken: sessionToken.map { _ in SecretRedaction.placeholder })
    }

    /// Reads `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and the optional `AWS_SESSION_TOKEN`.
    /// - Parameters:
    ///   - provider: `aws:amz:<region>:<service>`.
    ///   - environment: The variables to read; the process environment by default.
    /// - Throws: ``AWSCredentialsError`` naming every required variable that is missing or empty.
    public static func fromEnvironment(
        provider: String,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(AWSCredentialsError) -> AWSSigV4 {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        let keyID = value("AWS_ACCESS_KEY_ID")
        let secret = value("AWS_SECRET_ACCESS_KEY")
        guard let keyID, let secret else {
            var missing: [String] = []
            if keyID == nil { missing.append("AWS_ACCESS_KEY_ID") }
            if secret == nil { missing.append("AWS_SECRET_ACCESS_KEY") }
            throw AWSCredentialsError(missingVariables: missing, provider: provider)
        }
        return AWSSigV4(
            provider: provider,
            accessKeyID: keyID,
            secretAccessKey: secret,
            sessionToken: value("AWS_SESSION_TOKEN")
        )
    }
}
