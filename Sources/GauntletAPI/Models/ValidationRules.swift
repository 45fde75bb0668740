/// Which of the contract's input rules are enforced; all of them unless a ``ContractDefect``
/// switches one off.
struct ValidationRules: Sendable {
    /// The eventId pattern, as the OpenAPI document and error messages show it.
    static let eventIdPattern = "^[A-Za-z0-9._:-]{1,128}$"
    /// The date pattern, as the OpenAPI document and error messages show it.
    static let datePattern = "^\\d{4}-\\d{2}-\\d{2}$"
    /// The longest eventId.
    static let eventIdMaximumLength = 128

    var checkDateFormat = true
    var checkCalendar = true
    var strictCapacityType = true
    var requirePositiveCapacity = true
    var checkStatus = true
    var requireAllFields = true
    var rejectBlankStrings = true
    var enforceLengths = true
    var rejectUnknownFields = false
    var rejectEmptyUpdate = true
    var rejectMismatchedId = true

    /// The full contract.
    static let strict = ValidationRules()

    /// The rules a deployment with these defects enforces.
    init(defects: Set<ContractDefect> = []) {
        self.checkDateFormat = !defects.contains(.datesUnchecked)
        self.checkCalendar = !defects.contains(.datesUnchecked) && !defects.contains(.impossibleDatesAccepted)
        self.strictCapacityType = !defects.contains(.capacityCoerced)
        self.requirePositiveCapacity = !defects.contains(.capacityNonpositiveAccepted)
        self.checkStatus = !defects.contains(.statusUnchecked)
        self.requireAllFields = !defects.contains(.missingFieldsAccepted)
        self.rejectBlankStrings = !defects.contains(.blankStringsAccepted)
        self.enforceLengths = !defects.contains(.longValuesAccepted)
        self.rejectUnknownFields = defects.contains(.unknownFieldsRejected)
        self.rejectEmptyUpdate = !defects.contains(.emptyPutAccepted)
        self.rejectMismatchedId = !defects.contains(.putIdMismatchAccepted)
    }
}
