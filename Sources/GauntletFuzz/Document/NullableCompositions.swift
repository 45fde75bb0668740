import GauntletJSON

/// A 3.0 schema that is nullable and names no type of its own, `{allOf: [{$ref: Password}],
/// nullable: true}` (springdoc and NestJS write a nullable reference so), read as "this or null".
///
/// OpenAPIKit converts such a schema to `{allOf: […], type: "null"}`, which no value but `null`
/// satisfies, and `null` fails its `allOf`: no request body could be made from a schema holding
/// one, so its POST and PUT went untested. OpenAPI 3.0.3 gives `nullable` no effect without a
/// `type` beside it; the authors of such documents mean `null` allowed, and taking it so keeps a
/// deployment that answers `null` there from a false finding.
enum NullableCompositions {
    /// `converted`, a 3.0 document as OpenAPIKit converts it to 3.1, with each `type: "null"` beside
    /// an `allOf`, `anyOf` or `oneOf` written as `{anyOf: [the schema without it, {type: "null"}]}`.
    static func mended(_ converted: JSONValue) -> JSONValue {
        switch converted {
        case .array(let items):
            return .array(items.map(mended))
        case .object(let object):
            var members = object.mapValues(mended)
            guard members["type"] == .string("null"), ["allOf", "anyOf", "oneOf"].contains(where: { members[$0] != nil }) else {
                return .object(members)
            }
            members["type"] = nil
            return ["anyOf": [.object(members), ["type": "null"]]]
        default:
            return converted
        }
    }
}
