import GauntletJSON

/// The `UpdateItem` request that turns a stored event into its changed version, and only if the
/// stored item is still the one read (optimistic concurrency).
///
/// `SET` names only the fields that changed (so `createdAt` is never written unless a change
/// asks for it), `REMOVE` drops an `updatedAt` that became nil. The condition requires the item
/// to exist with every attribute as read: a concurrent delete fails it (then the store answers
/// not found), and a concurrent update fails it (then the store reads again and retries), so no
/// update is lost.
struct DynamoDBUpdate {
    /// The `UpdateItem` request body, without `TableName`; nil when nothing changed.
    let body: JSONObject?

    /// Builds the request.
    /// - Parameters:
    ///   - old: The event as read.
    ///   - new: The event to store (same id).
    init(from old: Event, to new: Event) {
        var names = JSONObject()
        var values = JSONObject()
        var sets: [String] = []
        var removes: [String] = []
        var conditions = ["attribute_exists(#k)"]
        names["#k"] = .string(DynamoDBItem.key)
        let before = DynamoDBItem.attributes(of: old)
        let after = DynamoDBItem.attributes(of: new)
        for (index, (field, oldValue)) in before.enumerated() {
            let name = "#a\(index)"
            names[name] = .string(field)
            if let oldValue {
                values[":o\(index)"] = oldValue
                conditions.append("\(name) = :o\(index)")
            } else {
                conditions.append("attribute_not_exists(\(name))")
            }
            let newValue = after[index].value
            guard newValue != oldValue else { continue }
            if let newValue {
                values[":n\(index)"] = newValue
                sets.append("\(name) = :n\(index)")
            } else {
                removes.append(name)
            }
        }
        guard !sets.isEmpty || !removes.isEmpty else {
            self.body = nil
            return
        }
        var expression: [String] = []
        if !sets.isEmpty { expression.append("SET " + sets.joined(separator: ", ")) }
        if !removes.isEmpty { expression.append("REMOVE " + removes.joined(separator: ", ")) }
        self.body = [
            "Key": DynamoDBItem.key(old.eventId),
            "UpdateExpression": .string(expression.joined(separator: " ")),
            "ConditionExpression": .string(conditions.joined(separator: " AND ")),
            "ExpressionAttributeNames": .object(names),
            "ExpressionAttributeValues": .object(values),
        ]
    }
}
