// Shared by the unit tests of `src/sanitize.rs` and by `properties.rs`
// (through `include!`; a file in a subfolder of `tests/` is no test target).

/// The characters the security review found shown blank or hidden: the
/// Hangul fillers (a title of U+3164 alone looked non-empty), the Mongolian
/// vowel separator, the interlinear annotation controls, the combining
/// grapheme joiner, the shorthand format controls, the musical symbol
/// format controls and the ideographic variation selectors.
const REVIEWED_INVISIBLE: &[(char, char)] = &[
    ('\u{3164}', '\u{3164}'),
    ('\u{115F}', '\u{1160}'),
    ('\u{FFA0}', '\u{FFA0}'),
    ('\u{180E}', '\u{180E}'),
    ('\u{FFF9}', '\u{FFFB}'),
    ('\u{034F}', '\u{034F}'),
    ('\u{1BCA0}', '\u{1BCA3}'),
    ('\u{1D173}', '\u{1D17A}'),
    ('\u{E0100}', '\u{E01EF}'),
];
