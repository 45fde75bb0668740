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
    /// Accept `2025-6-1` and `20250601` as dates (stored as given).
    var acceptUnpaddedDates = false
    /// Read a date as pydantic's `date` does (``PydanticLaxDate``): timestamps and datetimes at midnight.
    var acceptPydanticDates = false
    /// Accept a fractional capacity, truncated toward zero (500.5 → 500).
    var truncateFractionalCapacity = false
    /// Accept a capacity written with a zero fraction (`500.0`) as the integer it names.
    var acceptIntegralNumbers = true
    /// Check the types of values at all; when off, any value is stored as best it fits
    /// (non-strings as their JSON text, a capacity that is no number as 0).
    var checkTypes = true

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
        self.acceptUnpaddedDates = defects.contains(.unpaddedDatesAccepted)
        self.truncateFractionalCapacity = defects.contains(.fractionalCapacityAccepted)
        self.acceptPydanticDates = defects.contains(.datesAsPydanticDate)
        self.acceptIntegralNumbers = !defects.contains(.integralCapacityRejected)
    }

    /// These rules with every check of a field's value off (the `update-values-unchecked`
    /// defect's updates): types, formats, enums, lengths and blanks. The shape of the request
    /// (an updatable field present, a matching body `eventId`) is still checked.
    var withoutValueChecks: ValidationRules {
        var rules = self
        rules.checkDateFormat = false
        rules.checkCalendar = false
        rules.strictCapacityType = false
        rules.requirePositiveCapacity = false
        rules.checkStatus = false
        rules.rejectBlankStrings = false
        rules.enforceLengths = false
        rules.truncateFractionalCapacity = true
        rules.checkTypes = false
        return rules
    }
}
