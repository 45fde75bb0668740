/// The characters that change the direction text is shown in (Unicode's explicit
/// bidirectional formatting characters: marks, embeddings, overrides and isolates). A
/// deployment's answer that holds U+202E shows the rest of its line reversed: `"\u{202E}002"`
/// reads as `"200"`, and a verdict after it as its mirror image (the "Trojan Source" trick).
/// Reports and the console show them written out or replaced, never as they act.
public enum BidiControls {
    /// Whether `scalar` is one of them: U+061C, U+200E, U+200F, U+202A…U+202E, U+2066…U+2069.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
