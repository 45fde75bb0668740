/// AWS credentials needed for SigV4 signing are not in the environment.
public struct AWSCredentialsError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The required variables that were missing or empty.
    public var missingVariables: [String]
    /// The provider string the credentials were wanted for.
    public var provider: String

    /// Creates the error.
    /// - Parameters:
    ///   - missingVariables: The variables that were missing or empty.
    ///   - provider: The SigV4 provider string.
    public init(missingVariables: [String], provider: String) {
        self.missingVariables = missingVariables
        self.provider = provider
    }

    /// What is missing and how to provide it.
    public var description: String {
        let names = missingVariables.joined(separator: " and ")
        let verb = missingVariables.count == 1 ? "is" : "are"
        return "AWS SigV4 signing (\(provider)) needs credentials: \(names) \(verb) not set. "
            + "Export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials)."
    }
}
