/// Ferrite: the memory core for bare-metal Embedded Swift.
///
/// The same sources build as an ordinary hosted library (`swift build`) and as
/// Embedded Swift for bare-metal targets (the Makefile). Nothing in this module
/// names an address or an architecture: boards live in `Sources/Boards/`.
public enum Ferrite {
    /// The library version, printed by the firmware banner.
    public static let version: StaticString = "0.1.0"
}
