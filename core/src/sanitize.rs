//! Rules applied to every text that comes from the backend, so that a view
//! never receives text it cannot lay out (URLs and ids: `super::ids`).

/// Cleans one piece of plain text: control characters are dropped (newlines
/// too unless `multiline`), runs of white space fold to one space on single
/// line fields, the ends are trimmed, and the result is cut to `max_chars`
/// with an ellipsis. Returns `None` when nothing printable is left.
pub fn clean_text(raw: &str, max_chars: usize, multiline: bool) -> Option<String> {
    if max_chars == 0 {
        return None;
    }
    let mut out = String::with_capacity(raw.len().min(max_chars.saturating_mul(4)));
    // White space is written only once a printable character follows it,
    // so trailing space or line breaks never count toward the limit.
    let mut pending_space = false;
    let mut pending_break = false;
    let mut count = 0usize;
    let mut truncated = false;
    for c in raw.chars() {
        let c = if multiline && c == '\n' {
            '\n'
        } else if c.is_whitespace() {
            ' '
        } else if c.is_control() || is_invisible_format(c) {
            continue;
        } else {
            c
        };
        if c == ' ' {
            pending_space = !out.is_empty();
            continue;
        }
        if c == '\n' {
            // A single line break; spaces around it are dropped.
            pending_break = !out.is_empty();
            pending_space = false;
            continue;
        }
        if pending_break || pending_space {
            // Line breaks count toward the limit like any character.
            if count + 1 >= max_chars {
                truncated = true;
                break;
            }
            out.push(if pending_break { '\n' } else { ' ' });
            count += 1;
            pending_break = false;
            pending_space = false;
        }
        if count + 1 > max_chars {
            truncated = true;
            break;
        }
        out.push(c);
        count += 1;
    }
    let mut text = out.trim_end().to_owned();
    if truncated {
        // Make room for the ellipsis within the limit.
        while text.chars().count() + 1 > max_chars {
            text.pop();
        }
        text = text.trim_end().to_owned();
        text.push('…');
    }
    (!text.is_empty()).then_some(text)
}

/// Invisible characters that can disguise text or a URL, or make a title
/// that looks empty seem to have text: every character of Unicode's
/// Default_Ignorable_Code_Point (the soft hyphen, the zero-width space, the
/// Hangul fillers, the combining grapheme joiner, the variation selectors,
/// the tag characters and the unassigned code points reserved as ignorable)
/// and of general category Cf (format: bidirectional marks, embeddings,
/// overrides and isolates, the byte-order mark, the interlinear annotation
/// controls, prepended concatenation marks…). The zero-width non-joiner and
/// joiner (U+200C, U+200D), which emoji and some scripts need, and the text
/// and emoji presentation selectors VS15 and VS16 (U+FE0E, U+FE0F) stay.
///
/// The classes come from `icu_properties` (ICU4X, maintained by the Unicode
/// Consortium) with its compiled data, as this also runs in WebAssembly:
/// - `unicode-properties` has the general category but no
///   Default_Ignorable_Code_Point, and its category table is a list of
///   about 2,700 ranges (some 32 KB); no maintained small crate found has
///   that property (`unicode-character-database` is one release, of
///   Unicode 14, with 5 MB of names).
/// - `icu_properties` links only the data asked for: the ignorable set is
///   an inversion list of 134 bytes and the general category a compact
///   trie of about 18 KB. The app's dependencies already include it
///   (`url` → `idna` → `idna_adapter` reads the same trie), so where that
///   is linked the trie is shared, not added.
pub fn is_invisible_format(c: char) -> bool {
    use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
    use icu_properties::{CodePointMapData, CodePointSetData};
    // No ASCII character is in either class: most text skips the tables.
    !c.is_ascii()
        && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE0E}' | '\u{FE0F}')
        && (CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
            || CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format)
}

/// A path relative to the API base (`articles-2.json`, `pages/2.json`), as used
/// by `next_page`: no scheme, no leading slash, no `..`, a small alphabet.
pub fn safe_relative_path(raw: &str) -> Option<String> {
    let p = raw.trim();
    // The segments are those of the path alone: a URL parser reads
    // `..?page=2` as the dot segment `..` followed by a query.
    let path = p.split('?').next().unwrap_or(p);
    let dot_or_empty = |seg: &str| seg.is_empty() || seg == "." || seg == "..";
    let ok = !p.is_empty()
        && p.len() <= 256
        && !p.starts_with('/')
        && !p.split('/').any(dot_or_empty)
        && !path.split('/').any(dot_or_empty)
        && p.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'/' | b'=' | b'?' | b'&')
        });
    ok.then(|| p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_limit_is_taken_even_the_largest() {
        assert_eq!(
            clean_text(" 본문 ", usize::MAX, false).as_deref(),
            Some("본문")
        );
    }

    #[test]
    fn line_breaks_count_toward_the_limit() {
        assert_eq!(clean_text("a\nb", 2, true).as_deref(), Some("a…"));
        assert_eq!(clean_text("a\nb", 3, true).as_deref(), Some("a\nb"));
        assert_eq!(clean_text("ab\n\n\ncd", 5, true).as_deref(), Some("ab\ncd"));
        assert_eq!(clean_text("anything", 0, false), None);
    }

    #[test]
    fn text_is_trimmed_folded_and_shortened() {
        assert_eq!(
            clean_text("  영광군\t\n 설명회  ", 100, false).as_deref(),
            Some("영광군 설명회")
        );
        assert_eq!(
            clean_text("a\u{0}b\u{202E}c", 100, false).as_deref(),
            Some("abc")
        );
        assert_eq!(clean_text(" \n\t ", 100, false), None);
        let long = "가".repeat(10_000);
        let short = clean_text(&long, 200, false).unwrap();
        assert_eq!(short.chars().count(), 200);
        assert!(short.ends_with('…'));
    }

    #[test]
    fn trailing_white_space_does_not_count_toward_the_limit() {
        // Found by the property tests: the final line break was counted
        // before the end was trimmed, so text that fits was cut.
        assert_eq!(
            clean_text("¡ !¡\tAa¡\n", 8, true).as_deref(),
            Some("¡ !¡ Aa¡")
        );
        assert_eq!(
            clean_text("가나다 \n \n", 3, true).as_deref(),
            Some("가나다")
        );
        assert_eq!(clean_text("가나다   ", 3, false).as_deref(), Some("가나다"));
        // A line break between characters still counts.
        assert_eq!(clean_text("가나\n다", 4, true).as_deref(), Some("가나\n다"));
        assert_eq!(clean_text("가나\n다", 3, true).as_deref(), Some("가나…"));
    }

    #[test]
    fn invisible_characters_are_dropped_and_joiners_kept() {
        for c in [
            '\u{00AD}',
            '\u{061C}',
            '\u{200B}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{2069}',
            '\u{FEFF}',
            '\u{E0000}',
            '\u{E0041}',
            '\u{E007F}',
        ] {
            let raw = format!("가{c}나");
            assert_eq!(
                clean_text(&raw, 100, false).as_deref(),
                Some("가나"),
                "{c:?}"
            );
        }
        // Emoji sequences keep their joiner.
        let family = "\u{1F468}\u{200D}\u{1F469}";
        assert_eq!(clean_text(family, 100, false).as_deref(), Some(family));
    }

    include!("../tests/common/reviewed_invisible.rs");

    /// Others of the two classes: Khmer inherent vowels, Mongolian and
    /// standard variation selectors, an unassigned ignorable, a prepended
    /// concatenation mark, an Egyptian format control, the last ignorable.
    const OTHER_INVISIBLE: &[(char, char)] = &[
        ('\u{17B4}', '\u{17B5}'),
        ('\u{180B}', '\u{180D}'),
        ('\u{FE00}', '\u{FE0D}'),
        ('\u{2065}', '\u{2065}'),
        ('\u{0600}', '\u{0600}'),
        ('\u{13430}', '\u{13430}'),
        ('\u{E0FFF}', '\u{E0FFF}'),
    ];

    #[test]
    fn fillers_selectors_and_other_ignorables_are_dropped() {
        let listed = REVIEWED_INVISIBLE
            .iter()
            .chain(OTHER_INVISIBLE)
            .flat_map(|&(a, b)| a..=b);
        for c in listed {
            assert!(is_invisible_format(c), "{c:?}");
            let raw = format!("가{c}나{c}");
            assert_eq!(
                clean_text(&raw, 100, false).as_deref(),
                Some("가나"),
                "{c:?}"
            );
            assert_eq!(clean_text(&format!(" {c} "), 100, true), None, "{c:?}");
        }
    }

    #[test]
    fn joiners_and_emoji_presentation_selectors_are_kept() {
        for c in ['\u{200C}', '\u{200D}', '\u{FE0E}', '\u{FE0F}'] {
            assert!(!is_invisible_format(c), "{c:?}");
            let raw = format!("가{c}나");
            assert_eq!(clean_text(&raw, 100, false).as_deref(), Some(&*raw));
        }
        for kept in [
            "\u{2764}\u{FE0F}",
            "\u{2764}\u{FE0E}",
            "\u{0915}\u{094D}\u{200C}",
        ] {
            assert_eq!(clean_text(kept, 100, false).as_deref(), Some(kept));
        }
    }

    #[test]
    fn multiline_text_keeps_single_breaks() {
        assert_eq!(
            clean_text("첫 줄 \n\n\n 둘째 줄", 100, true).as_deref(),
            Some("첫 줄\n둘째 줄")
        );
    }

    #[test]
    fn next_page_paths_stay_under_the_base() {
        assert_eq!(
            safe_relative_path("articles-2.json").as_deref(),
            Some("articles-2.json")
        );
        assert_eq!(
            safe_relative_path("pages/2.json").as_deref(),
            Some("pages/2.json")
        );
        for bad in [
            "",
            "/etc/passwd",
            "../x.json",
            "a//b",
            "https://evil/x",
            "a b",
            "..?page=2",
            ".?page=2",
            "pages/..?x=1",
            "a/../../x.json",
            "?",
        ] {
            assert!(safe_relative_path(bad).is_none(), "{bad:?}");
        }
    }
}
