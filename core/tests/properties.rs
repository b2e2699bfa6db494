//! Property tests over every decoder and validator, run natively.
//!
//! Documents are generated in the shape of the contract (the right keys,
//! values that are sometimes valid and often hostile) and as arbitrary or
//! mangled text; whatever a decoder accepts must satisfy the invariants the
//! views rely on. Every property runs 10,000 cases; use `--profile
//! properties` for speed.
#![cfg(not(target_arch = "wasm32"))]

use gazette_core::cache::{self, Kept, MAX_ARTICLES, MAX_BYTES};
use gazette_core::codec::{self, MAX_DEPTH};
use gazette_core::config::{Config, DEFAULT_SITE_NAME};
use gazette_core::contract::{
    decode_article, decode_article_list, decode_notices, decode_weather, limits, Article,
    ArticleList, Block, Devices, Image, Notice, Station, Weather,
};
use gazette_core::encode;
use gazette_core::ids::{is_valid_id, ArticleId, SafeUrl, MAX_ID_LEN, MAX_URL_LEN};
use gazette_core::kst::{self, KstDateTime, KST_OFFSET_SECS};
use gazette_core::links::{is_board_table, legacy_article_id, LegacyBoards};
use gazette_core::notice::{link_target, NoticeLink, Snoozes};
use gazette_core::prefs::{flag_value, parse_flag};
use gazette_core::reading::FontSize;
use gazette_core::sanitize::{clean_text, safe_relative_path};
use gazette_core::share::Service;
use gazette_core::urls;
use gazette_core::weather::{self, Icon, SortKey};
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use proptest::test_runner::TestCaseError;
use serde::de::IgnoredAny;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

/// 10,000 cases per property; no regression files are written into the
/// source tree (a failure prints its minimal input instead).
fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::with_cases(10_000)
    }
}

/// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants a four-digit
/// RFC 3339 year can name (an offset moves them by less than a day).
const YEAR_0_SECS: i64 = -62_167_219_200;
const YEAR_9999_END_SECS: i64 = 253_402_300_799;
const DAY: i64 = 86_400;

const WEEKDAYS: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];

// ---------------------------------------------------------------------------
// A JSON writer that can also emit raw number literals (1e400, -0, huge
// integers) and duplicate keys, which `serde_json::Value` cannot hold.
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
enum J {
    Null,
    Bool(bool),
    /// A number literal, written as is.
    Num(String),
    Str(String),
    Arr(Vec<J>),
    Obj(Vec<(String, J)>),
}

impl J {
    fn s(text: impl Into<String>) -> J {
        J::Str(text.into())
    }

    fn write(&self, out: &mut String) {
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Num(n) => out.push_str(n),
            J::Str(s) => out.push_str(&serde_json::to_string(s).unwrap()),
            J::Arr(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            J::Obj(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&serde_json::to_string(k).unwrap());
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }

    fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }
}

// ---------------------------------------------------------------------------
// Strategies: text, numbers, arbitrary JSON
// ---------------------------------------------------------------------------

/// Values a hostile or sloppy backend might send.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\nscript:alert(1)",
    "vbscript:msgbox",
    "data:text/html,<script>alert(1)</script>",
    "data:image/png;base64,iVBORw0KGgo=",
    "//evil.example",
    "//evil.example/x.jpg",
    "/\\evil.example",
    "\\\\evil.example",
    "https://user@evil.example/",
    "https://",
    "http://",
    "https:///x",
    "http://?x",
    "/images/a.svg",
    "https://cdn.example/a.jpg",
    "HTTP://EXAMPLE.COM",
    "/",
    "//",
    "\u{0}",
    "a\u{0}b",
    "\u{202E}gnp.exe",
    "\u{2066}x\u{2069}",
    "\u{202A}\u{202B}\u{202C}\u{202D}",
    "\u{FEFF}",
    "\u{200B}",
    "\u{200D}",
    "\u{AD}",
    "\u{61C}",
    "\u{200E}\u{200F}",
    "\u{2060}\u{2061}\u{2062}\u{2063}\u{2064}",
    "\u{E0001}\u{E0041}\u{E007F}",
    "\u{3164}",
    "\u{3164}\u{115F}\u{1160}\u{FFA0}",
    "\u{180E}\u{34F}\u{FFF9}\u{1BCA0}\u{1D173}\u{E0100}",
    "https://ex\u{AD}ample.com/a.jpg",
    "/images/\u{200E}a.svg",
    "\u{85}",
    "\u{2028}",
    "\u{3000}",
    "\u{a0}",
    "\u{1b}[31m",
    "\u{7f}",
    "\r\n",
    "\n\n\n",
    "\t",
    " ",
    "",
    "..",
    "../x.json",
    "a//b",
    "articles-2.json",
    "pages/2.json?x=1&y=2",
    "yg-1",
    "yg-2025-1224_01",
    "기사",
    "영광군, 공공구매 설명회 개최",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "e\u{301}",
    "…",
    "%2F%2Fevil",
    "/%2F%2Fevil.example",
    "kim@example.com",
    "a@b",
    "<a@b.c>",
    "2025-12-08T10:00:00+09:00",
    "2025-02-29T00:00:00Z",
    "9999-12-31T23:59:60-23:59",
    "0000-01-01T00:00:00Z",
    "null",
    "{}",
    "[]",
    "맑음",
    "구름 많음",
];

/// Pieces repeated to make very long strings.
const PIECES: &[&str] = &[
    "a",
    "가",
    "a\n",
    "가 ",
    " ",
    "\n",
    "😀",
    "\u{0}",
    "a\u{202E}",
    "a\u{AD}",
    "\u{E0067}",
    "\u{2063}가",
    "ab cd ",
    "\t\n",
    "\r\n가나",
];

/// Repeat counts that land near every length limit of the contract.
fn repeat_count() -> BoxedStrategy<usize> {
    prop_oneof![
        0usize..80,
        (limits::SECTION - 5)..(limits::NAME + 5),
        (limits::TITLE - 10)..(limits::TITLE + 10),
        (limits::SUMMARY - 10)..(limits::SUMMARY + 10),
        (limits::CAPTION / 2 - 10)..(limits::CAPTION + 10),
        (limits::NOTICE_BODY / 2 - 10)..(limits::NOTICE_BODY + 10),
        (limits::PARAGRAPH / 2 - 10)..(limits::PARAGRAPH + 10),
    ]
    .boxed()
}

fn any_chars(max: usize) -> BoxedStrategy<String> {
    vec(any::<char>(), 0..max)
        .prop_map(String::from_iter)
        .boxed()
}

/// Any text: hostile samples, arbitrary Unicode (controls included),
/// printable ASCII, concatenations, and very long repetitions.
fn text() -> BoxedStrategy<String> {
    prop_oneof![
        4 => select(HOSTILE).prop_map(str::to_owned),
        3 => any_chars(40),
        2 => "[ -~]{0,30}",
        2 => "[가-힣 ]{0,20}",
        2 => vec(select(HOSTILE), 0..6).prop_map(|v| v.concat()),
        1 => (select(PIECES), repeat_count()).prop_map(|(p, n)| p.repeat(n)),
    ]
    .boxed()
}

/// Number literals, including ones outside every Rust number type.
fn number() -> BoxedStrategy<String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(|f| format!("{f:?}")),
        (-200.0f64..200.0).prop_map(|f| f.to_string()),
        (0u64..25_000).prop_map(|n| n.to_string()),
        select(&[
            "0",
            "-0",
            "1",
            "20000",
            "20001",
            "1e400",
            "-1e400",
            "1e-400",
            "1.5",
            "-90",
            "60",
            "60.0000001",
            "-90.0000001",
            "99999999999999999999999",
            "1E3",
            "0.0",
            "4294967296",
            "18446744073709551616",
            "-9223372036854775809",
        ])
        .prop_map(str::to_owned),
    ]
    .boxed()
}

fn key() -> BoxedStrategy<String> {
    prop_oneof![
        select(&[
            "id",
            "title",
            "src",
            "type",
            "text",
            "articles",
            "body",
            "next_page",
            "stations",
            "notices",
            "",
            "__proto__",
        ])
        .prop_map(str::to_owned),
        text(),
    ]
    .boxed()
}

/// Arbitrary JSON.
fn json() -> BoxedStrategy<J> {
    let leaf = prop_oneof![
        Just(J::Null),
        any::<bool>().prop_map(J::Bool),
        number().prop_map(J::Num),
        text().prop_map(J::Str),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..6).prop_map(J::Arr),
            vec((key(), inner), 0..6).prop_map(J::Obj),
        ]
    })
    .boxed()
}

/// Mostly a string from `s`, sometimes any JSON at all.
fn str_or_junk(s: BoxedStrategy<String>) -> BoxedStrategy<J> {
    prop_oneof![10 => s.prop_map(J::Str), 1 => json()].boxed()
}

/// An object with each of `fields` present most of the time, plus a few
/// unknown fields (which may repeat a known key).
fn object(fields: Vec<(&'static str, BoxedStrategy<J>)>) -> BoxedStrategy<J> {
    object_with(fields, 0..3)
}

/// `object` with `extra` unknown fields.
fn object_with(
    fields: Vec<(&'static str, BoxedStrategy<J>)>,
    extra: std::ops::Range<usize>,
) -> BoxedStrategy<J> {
    let parts: Vec<BoxedStrategy<Option<(String, J)>>> = fields
        .into_iter()
        .map(|(k, s)| option::weighted(0.95, s.prop_map(move |v| (k.to_owned(), v))).boxed())
        .collect();
    (parts, vec((key(), json()), extra))
        .prop_map(|(parts, extra)| J::Obj(parts.into_iter().flatten().chain(extra).collect()))
        .boxed()
}

// ---------------------------------------------------------------------------
// Strategies: contract fields
// ---------------------------------------------------------------------------

fn id_text() -> BoxedStrategy<String> {
    prop_oneof![
            4 => "[A-Za-z0-9_-]{1,64}",
            // A small pool, so that duplicates are common.
            3 => select(&["a", "b", "c", "yg-1", "A_1"]
    ).prop_map(str::to_owned),
            1 => "[A-Za-z0-9_-]{65,70}",
            2 => text(),
        ]
    .boxed()
}

fn timestamp() -> BoxedStrategy<String> {
    let offset = prop_oneof![
        Just("Z".to_owned()),
        Just("z".to_owned()),
        (select(&["+", "-"]), 0u32..=25, 0u32..=61)
            .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
        select(&["", "+0900", "+9:00", "UTC"]).prop_map(str::to_owned),
    ];
    let well_formed = (
        0i64..=9999,
        1u32..=12,
        1u32..=31,
        0u32..=23,
        0u32..=59,
        0u32..=60,
        select(&["T", "t", " ", "_"]),
        select(&["", ".5", ".123456789", "."]),
        offset,
    )
        .prop_map(|(y, mo, d, h, mi, s, sep, frac, off)| {
            format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{off}")
        });
    let valid = (
        0i64..=9999,
        1u32..=12,
        1u32..=28,
        0u32..=23,
        0u32..=59,
        0u32..=59,
        select(&["T", "t", " "]),
        "(\\.[0-9]{1,6})?",
        prop_oneof![
            Just("Z".to_owned()),
            (select(&["+", "-"]), 0u32..=23, 0u32..=59)
                .prop_map(|(s, h, m)| format!("{s}{h:02}:{m:02}")),
        ],
    )
        .prop_map(|(y, mo, d, h, mi, s, sep, frac, off)| {
            format!("{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{off}")
        });
    prop_oneof![6 => valid, 2 => well_formed, 1 => text()].boxed()
}

fn url_text() -> BoxedStrategy<String> {
    let built = (
        select(&[
            "http://",
            "https://",
            "HTTPS://",
            "hTtP://",
            "//",
            "/",
            "///",
            "javascript:",
            "data:image/png,",
            "",
            " ",
            "/\\",
            "https://user@",
            "ftp://",
            "\u{0}https://",
            "mailto:",
        ]),
        "[a-z0-9.:@-]{0,16}",
        "(/[!-~]{0,10}){0,3}",
        select(&["", "?q=1", "#top", " ", "\\x", "\t", "\u{202E}"]),
    )
        .prop_map(|(scheme, host, path, tail)| format!("{scheme}{host}{path}{tail}"));
    let good = (
        select(&["http://", "https://", "HTTPS://", "/"]),
        "[a-z0-9-]{1,10}(\\.[a-z]{2,5}){0,2}",
        "(/[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,10}){0,3}",
        "(\\?[a-z0-9=&]{0,8})?(#[a-z]{0,5})?",
    )
        .prop_map(|(scheme, host, path, tail)| format!("{scheme}{host}{path}{tail}"));
    prop_oneof![
        4 => good,
        4 => built,
        2 => text(),
        1 => ("/", select(PIECES), repeat_count())
            .prop_map(|(slash, p, n)| format!("{slash}{}", p.repeat(n))),
    ]
    .boxed()
}

fn path_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => "[a-z0-9./?&=_-]{0,24}",
        // Dot segments next to a query or fragment (`..?page=2`).
        2 => "(\\.\\.|\\.|[a-z]{1,3})(/(\\.\\.|\\.|[a-z]{1,3})){0,3}/?([?#][a-z=&./]{0,6})?",
        1 => "[a-z0-9./?&=_-]{250,260}",
        2 => text(),
    ]
    .boxed()
}

fn email_text() -> BoxedStrategy<String> {
    prop_oneof![
        "[a-z]{1,8}@[a-z]{1,8}\\.[a-z]{2,3}",
        "[a-z@.<> '\"?&#]{0,16}",
        text(),
    ]
    .boxed()
}

fn temperature() -> BoxedStrategy<J> {
    prop_oneof![
            3 => (-90.0f64..=60.0).prop_map(|t| J::Num(format!("{t:?}"))),
            2 => number().prop_map(J::Num),
            1 => select(&["9.7", "-3", "NaN", "Infinity", ""]
    ).prop_map(J::s),
            1 => json(),
        ]
    .boxed()
}

fn dimension() -> BoxedStrategy<J> {
    prop_oneof![number().prop_map(J::Num), json()].boxed()
}

fn image_obj() -> BoxedStrategy<J> {
    prop_oneof![
        5 => object(vec![
            ("src", str_or_junk(url_text())),
            ("alt", str_or_junk(text())),
        ]),
        1 => json(),
    ]
    .boxed()
}

fn summary_entry() -> BoxedStrategy<J> {
    object(vec![
        ("id", str_or_junk(id_text())),
        ("title", str_or_junk(text())),
        ("summary", str_or_junk(text())),
        ("section", str_or_junk(text())),
        ("published_at", str_or_junk(timestamp())),
        ("thumbnail", image_obj()),
    ])
}

fn article_list_doc() -> BoxedStrategy<J> {
    object(vec![
        (
            "articles",
            prop_oneof![
                8 => vec(prop_oneof![8 => summary_entry(), 1 => json()], 0..12).prop_map(J::Arr),
                1 => json(),
            ]
            .boxed(),
        ),
        ("next_page", str_or_junk(path_text())),
    ])
}

fn block_type() -> BoxedStrategy<J> {
    str_or_junk(
        prop_oneof![
                    6 => select(&["paragraph", "heading", "quote", "image"]
        ).prop_map(str::to_owned),
                    1 => select(&["video", "PARAGRAPH", " image", ""]
        ).prop_map(str::to_owned),
                    1 => text(),
                ]
        .boxed(),
    )
}

fn block() -> BoxedStrategy<J> {
    prop_oneof![
        8 => object(vec![
            ("type", block_type()),
            ("text", str_or_junk(text())),
            ("cite", str_or_junk(text())),
            ("src", str_or_junk(url_text())),
            ("alt", str_or_junk(text())),
            ("caption", str_or_junk(text())),
            ("credit", str_or_junk(text())),
            ("width", dimension()),
            ("height", dimension()),
        ]),
        1 => json(),
    ]
    .boxed()
}

fn tag() -> BoxedStrategy<J> {
    prop_oneof![
            3 => select(&["영광군", "정치", " 정치 ", "정치\u{200B}", "a", "A"]
    ).prop_map(J::s),
            3 => text().prop_map(J::Str),
            1 => json(),
        ]
    .boxed()
}

fn article_doc() -> BoxedStrategy<J> {
    object(vec![
        ("id", str_or_junk(id_text())),
        ("title", str_or_junk(text())),
        ("subtitle", str_or_junk(text())),
        ("section", str_or_junk(text())),
        (
            "author",
            prop_oneof![
                4 => object(vec![
                    ("name", str_or_junk(text())),
                    ("email", str_or_junk(email_text())),
                ]),
                1 => json(),
            ]
            .boxed(),
        ),
        ("published_at", str_or_junk(timestamp())),
        ("updated_at", str_or_junk(timestamp())),
        (
            "body",
            prop_oneof![8 => vec(block(), 0..10).prop_map(J::Arr), 1 => json()].boxed(),
        ),
        (
            "tags",
            prop_oneof![6 => vec(tag(), 0..40).prop_map(J::Arr), 1 => json()].boxed(),
        ),
    ])
}

fn station_entry() -> BoxedStrategy<J> {
    prop_oneof![
        8 => object(vec![
            ("id", str_or_junk(id_text())),
            ("name", str_or_junk(text())),
            ("condition", str_or_junk(text())),
            ("temperature_c", temperature()),
        ]),
        1 => json(),
    ]
    .boxed()
}

fn weather_doc() -> BoxedStrategy<J> {
    object(vec![
        ("provider", str_or_junk(text())),
        ("observed_at", str_or_junk(timestamp())),
        (
            "stations",
            prop_oneof![8 => vec(station_entry(), 0..12).prop_map(J::Arr), 1 => json()].boxed(),
        ),
    ])
}

fn version() -> BoxedStrategy<J> {
    prop_oneof![
        2 => number().prop_map(J::Num),
        2 => text().prop_map(J::Str),
        1 => json(),
    ]
    .boxed()
}

fn notice_entry() -> BoxedStrategy<J> {
    prop_oneof![
        8 => object(vec![
            ("id", str_or_junk(id_text())),
            ("version", version()),
            ("title", str_or_junk(text())),
            ("body", str_or_junk(text())),
            ("image", image_obj()),
            ("link", str_or_junk(url_text())),
            ("starts_at", str_or_junk(timestamp())),
            ("ends_at", str_or_junk(timestamp())),
            ("devices", prop_oneof![
                3 => vec(str_or_junk(select(vec!["pc", "mobile", "PC", " mobile ", "tablet", ""]).prop_map(String::from).boxed()), 0..4).prop_map(J::Arr),
                1 => json(),
            ].boxed()),
            ("snooze_hours", prop_oneof![3 => (-2i64..9000).prop_map(|n| J::Num(n.to_string())), 1 => number().prop_map(J::Num), 1 => json()].boxed()),
        ]),
        1 => json(),
    ]
    .boxed()
}

fn notices_doc() -> BoxedStrategy<J> {
    object(vec![(
        "notices",
        prop_oneof![8 => vec(notice_entry(), 0..10).prop_map(J::Arr), 1 => json()].boxed(),
    )])
}

/// Any contract-shaped document, or any JSON at all.
fn any_doc() -> BoxedStrategy<String> {
    prop_oneof![
        article_list_doc(),
        article_doc(),
        weather_doc(),
        notices_doc(),
        json(),
    ]
    .prop_map(|j| j.text())
    .boxed()
}

/// Not JSON, or JSON with something cut, inserted or replaced.
fn junk_doc() -> BoxedStrategy<String> {
    let mangled =
        (any_doc(), any::<Index>(), any::<Index>(), text()).prop_map(|(doc, at, len, insert)| {
            let bounds: Vec<usize> = doc
                .char_indices()
                .map(|(i, _)| i)
                .chain([doc.len()])
                .collect();
            let start = bounds[at.index(bounds.len())];
            let rest = &bounds[bounds.iter().position(|&b| b == start).unwrap()..];
            let end = rest[len.index(rest.len().min(8))];
            format!("{}{}{}", &doc[..start], insert, &doc[end..])
        });
    prop_oneof![
        3 => mangled,
        2 => any_chars(200),
        2 => "[\\[\\]{}\":,0-9a-z .eE+\\\\-]{0,80}",
        1 => text(),
    ]
    .boxed()
}

/// String literals heavy in escapes, good and bad (surrogate pairs, lone
/// surrogates, short or unknown escapes, raw control characters), alone
/// or inside a list, and nesting around the depth limit.
fn escape_doc() -> BoxedStrategy<String> {
    let piece = select(&[
        "a",
        "가",
        "😀",
        "\\n",
        "\\\"",
        "\\\\",
        "\\/",
        "\\b",
        "\\u00e9",
        "\\u0000",
        "\\uD83D\\uDE00",
        "\\ud800",
        "\\udc00",
        "\\ud800\\u0041",
        "\\ud800\\udbff",
        "\\u12",
        "\\x",
        "\\",
        "\t",
        "\u{1f}",
        "\u{7f}",
        "\\uFFFF",
    ]);
    let literal = vec(piece, 0..8).prop_map(|p| format!("\"{}\"", p.concat()));
    prop_oneof![
        2 => literal.clone(),
        1 => vec(literal, 0..4).prop_map(|l| format!("[{}]", l.join(","))),
        1 => ((MAX_DEPTH - 8)..(MAX_DEPTH + 8), any::<bool>()).prop_map(|(n, obj)| if obj {
            format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))
        } else {
            format!("{}{}", "[".repeat(n), "]".repeat(n))
        }),
    ]
    .boxed()
}

/// Complete JSON string literals full of brackets, escaped quotes and
/// escaped back-slashes: none of their brackets nests anything.
fn bracket_string() -> BoxedStrategy<String> {
    let piece = select(&[
        "[", "]", "{", "}", "\\\"", "\\\\", "\\u005b", "\\u007b", "a", "가", ":", ",",
    ]);
    prop_oneof![
        3 => vec(piece, 0..12).prop_map(|p| format!("\"{}\"", p.concat())),
        1 => (select(&["[", "{", "\\\"[", "\\\\", "\\\\\\\"{"]), 0usize..300)
            .prop_map(|(p, n)| format!("\"{}\"", p.repeat(n))),
    ]
    .boxed()
}

/// A value set beside the nesting chain, and how deep it nests itself.
fn sibling() -> BoxedStrategy<(String, usize)> {
    prop_oneof![
        2 => bracket_string().prop_map(|s| (s, 0)),
        1 => select(&[
            ("1", 0),
            ("null", 0),
            ("[]", 1),
            ("{}", 1),
            ("[[1],{\"a\":\"]\"}]", 2),
            ("{\"a\":{\"b\":[]}}", 3),
            ("[[[[\"}}}}\"]]]]", 4),
        ])
        .prop_map(|(s, d)| (s.to_owned(), d)),
    ]
    .boxed()
}

/// Documents a decoder accepts, each with one valid entry, holding the
/// nested value in a list (or, for notices, in an unknown field): the text
/// before and after it, and how many levels it adds.
const NEST_WRAPPERS: [(&str, &str, usize); 6] = [
    ("", "", 0),
    (
        r#"{"articles":[{"id":"a","title":"제목","published_at":"2025-12-08T10:00:00Z"},"#,
        "]}",
        2,
    ),
    (
        r#"{"id":"x","title":"제목","published_at":"2025-12-08T10:00:00Z","tags":[],"body":[{"type":"heading","text":"한편"},"#,
        "]}",
        2,
    ),
    (
        r#"{"stations":[{"name":"서울","temperature_c":3.4},"#,
        "]}",
        2,
    ),
    (r#"{"notices":[{"id":"n","title":"공지"}],"x":"#, "}", 1),
    (
        r#"[{"path":"articles/1.json","saved_at":1,"size":2},"#,
        "]",
        1,
    ),
];

/// A document nested to a known depth.
#[derive(Clone, Debug)]
struct Nested {
    doc: String,
    /// The deepest nesting of arrays and objects, by construction.
    depth: usize,
    /// Which of [`NEST_WRAPPERS`] holds the nested value.
    wrapper: usize,
    /// Whether the closing brackets were cut off (so it is not JSON).
    cut: bool,
}

/// A chain of arrays and objects (under keys that may hold brackets) around
/// a scalar or bracket-filled string, with values beside some levels (strings
/// full of brackets and escapes, shallow containers), inside one of
/// [`NEST_WRAPPERS`]; mostly within a few levels of [`MAX_DEPTH`], sometimes
/// far deeper. Sometimes the closing brackets are cut off.
fn nested_doc() -> BoxedStrategy<Nested> {
    let target = prop_oneof![
        4 => (MAX_DEPTH - 4)..=(MAX_DEPTH + 4),
        2 => 0..=2 * MAX_DEPTH,
        1 => (2 * MAX_DEPTH)..=20_000,
    ];
    let keys = vec(
        prop_oneof![Just("\"a\"".to_owned()), bracket_string()],
        1..4,
    );
    let beside = vec((any::<Index>(), sibling(), any::<bool>()), 0..6);
    let leaf = prop_oneof![
        select(&["1", "null", "\"\""]).prop_map(str::to_owned),
        bracket_string()
    ];
    (
        target,
        vec(any::<bool>(), 1..6),
        keys,
        beside,
        leaf,
        0..NEST_WRAPPERS.len(),
        proptest::bool::weighted(0.1),
    )
        .prop_map(|(target, arrays, keys, beside, leaf, wrapper, cut)| {
            let (prefix, suffix, base) = NEST_WRAPPERS[wrapper];
            let chain = target.saturating_sub(base);
            let mut side: Vec<Option<(String, usize, bool)>> = vec![None; chain];
            for (at, (value, depth), after) in beside {
                if chain > 0 {
                    side[at.index(chain)] = Some((value, depth, after));
                }
            }
            let mut doc = prefix.to_owned();
            let mut closers = Vec::with_capacity(chain);
            // The depth of the text up to the leaf, and of the whole text
            // (values after the chain sit in the closing part).
            let (mut open_depth, mut depth) = (chain, chain);
            for (level, side) in side.into_iter().enumerate() {
                let array = arrays[level % arrays.len()];
                let mut closer = String::new();
                if let Some((_, d, after)) = &side {
                    // A value beside the chain inside level `level + 1`.
                    depth = depth.max(level + 1 + d);
                    if !after {
                        open_depth = open_depth.max(level + 1 + d);
                    }
                }
                if array {
                    doc.push('[');
                    match side {
                        Some((value, _, false)) => doc.push_str(&format!("{value},")),
                        Some((value, _, true)) => closer.push_str(&format!(",{value}")),
                        None => {}
                    }
                    closer.push(']');
                } else {
                    doc.push('{');
                    match side {
                        Some((value, _, false)) => doc.push_str(&format!("\"s\":{value},")),
                        Some((value, _, true)) => closer.push_str(&format!(",\"t\":{value}")),
                        None => {}
                    }
                    doc.push_str(&keys[level % keys.len()]);
                    doc.push(':');
                    closer.push('}');
                }
                closers.push(closer);
            }
            doc.push_str(&leaf);
            // Cutting nothing off leaves a whole document.
            let cut = cut && !(closers.is_empty() && suffix.is_empty());
            if !cut {
                for closer in closers.iter().rev() {
                    doc.push_str(closer);
                }
                doc.push_str(suffix);
            }
            Nested {
                doc,
                depth: base + if cut { open_depth } else { depth },
                wrapper,
                cut,
            }
        })
        .boxed()
}

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

/// The invisible characters that text keeps: the zero-width non-joiner and
/// joiner, and the text and emoji presentation selectors (VS15, VS16).
const KEPT_INVISIBLE: [char; 4] = ['\u{200C}', '\u{200D}', '\u{FE0E}', '\u{FE0F}'];

/// Unicode's Default_Ignorable_Code_Point and general category Cf but the
/// four kept: read here from the Unicode tables themselves, apart from the
/// app's own filter, so that a character dropped from that filter fails
/// the tests.
fn is_invisible_format(c: char) -> bool {
    !KEPT_INVISIBLE.contains(&c)
        && (CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c)
            || CodePointMapData::<GeneralCategory>::new().get(c) == GeneralCategory::Format)
}

include!("common/reviewed_invisible.rs");

/// A character of either class: one the review listed, any other of the
/// classes (as the Unicode tables list them), or one of the four kept.
fn invisible_char() -> BoxedStrategy<char> {
    let reviewed: Vec<char> = REVIEWED_INVISIBLE
        .iter()
        .flat_map(|&(a, b)| a..=b)
        .collect();
    let classes: Vec<char> = CodePointSetData::new::<DefaultIgnorableCodePoint>()
        .iter_ranges()
        .chain(
            CodePointMapData::<GeneralCategory>::new()
                .iter_ranges_for_value(GeneralCategory::Format),
        )
        .flatten()
        .filter_map(char::from_u32)
        .collect();
    prop_oneof![
        3 => select(reviewed),
        3 => select(classes),
        2 => select(KEPT_INVISIBLE.to_vec()),
    ]
    .boxed()
}

/// What `clean_text` promises about its output, both modes: something
/// printable, no control or invisible format characters (line breaks only
/// in multi-line text), white space folded to single spaces and line breaks,
/// nothing at either end, and at most `max` characters other than line
/// breaks.
fn check_text(s: &str, max: usize, multiline: bool) -> Result<(), TestCaseError> {
    prop_assert!(!s.is_empty(), "empty text");
    for c in s.chars() {
        let allowed_break = multiline && c == '\n';
        prop_assert!(!c.is_control() || allowed_break, "control {c:?} in {s:?}");
        prop_assert!(!is_invisible_format(c), "invisible {c:?} in {s:?}");
        prop_assert!(
            !c.is_whitespace() || c == ' ' || allowed_break,
            "unfolded white space {c:?} in {s:?}"
        );
    }
    prop_assert_eq!(s.trim(), s, "untrimmed text");
    for run in ["  ", " \n", "\n ", "\n\n"] {
        prop_assert!(!s.contains(run), "{run:?} in {s:?}");
    }
    let counted = s.chars().filter(|&c| c != '\n').count();
    prop_assert!(counted <= max, "{counted} chars > {max}");
    Ok(())
}

fn check_line(s: &str, max: usize) -> Result<(), TestCaseError> {
    check_text(s, max, false)
}

fn check_alt(s: &str) -> Result<(), TestCaseError> {
    if s.is_empty() {
        Ok(())
    } else {
        check_line(s, limits::ALT)
    }
}

fn check_id(id: &str) -> Result<(), TestCaseError> {
    prop_assert!(is_valid_id(id), "invalid id {id:?}");
    prop_assert!((1..=MAX_ID_LEN).contains(&id.len()), "id length {id:?}");
    prop_assert!(
        id.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "id alphabet {id:?}"
    );
    Ok(())
}

/// What `SafeUrl` makes of `raw`, as text.
fn safe_url(raw: &str) -> Option<String> {
    SafeUrl::parse(raw).map(|u| u.as_str().to_owned())
}

/// Either an absolute http(s) URL with a host and no user-info, or a
/// same-origin path with a single leading slash; nothing that can hide
/// another destination.
fn check_url(u: &str) -> Result<(), TestCaseError> {
    prop_assert!(u.len() <= MAX_URL_LEN, "URL too long");
    prop_assert!(
        !u.chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\' || is_invisible_format(c)),
        "hidden characters in {u:?}"
    );
    let lower = u.to_ascii_lowercase();
    for bad in ["javascript:", "data:", "vbscript:", "//"] {
        prop_assert!(!lower.starts_with(bad), "{u:?} starts with {bad}");
    }
    if u.starts_with('/') {
        prop_assert!(!u.starts_with("//"), "protocol-relative {u:?}");
    } else {
        let rest = lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"));
        prop_assert!(rest.is_some(), "not http(s) or a path: {u:?}");
        let rest = rest.unwrap();
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        prop_assert!(!authority.is_empty(), "no host in {u:?}");
        prop_assert!(!authority.contains('@'), "user-info in {u:?}");
    }
    prop_assert_eq!(safe_url(u), Some(u.to_owned()), "not a fixed point");
    Ok(())
}

fn check_image(img: &Image) -> Result<(), TestCaseError> {
    check_image_src(img.src.as_str())?;
    check_alt(&img.alt)
}

/// A picture's URL: safe, and never plain `http://` (the page's policy
/// allows only `https:` pictures; the decoder upgrades them).
fn check_image_src(u: &str) -> Result<(), TestCaseError> {
    check_url(u)?;
    prop_assert!(
        !u.get(..7)
            .is_some_and(|s| s.eq_ignore_ascii_case("http://")),
        "plain-http picture {u:?}"
    );
    Ok(())
}

/// What the decoder makes of a picture's URL: the safe URL, with `http://`
/// written `https://`.
fn safe_image_url(raw: &str) -> Option<String> {
    safe_url(raw).map(|u| match u.get(..7) {
        Some(s) if s.eq_ignore_ascii_case("http://") => format!("https://{}", &u[7..]),
        _ => u,
    })
}

/// An instant an RFC 3339 timestamp with a four-digit year can name.
fn check_instant(t: i64) -> Result<(), TestCaseError> {
    prop_assert!(
        (YEAR_0_SECS - DAY..=YEAR_9999_END_SECS + DAY).contains(&t),
        "instant {t} out of range"
    );
    Ok(())
}

fn check_unique<'a>(ids: impl IntoIterator<Item = &'a str>) -> Result<(), TestCaseError> {
    let mut seen = HashSet::new();
    for id in ids {
        prop_assert!(seen.insert(id), "duplicate {id:?}");
    }
    Ok(())
}

fn check_article_list(list: &ArticleList) -> Result<(), TestCaseError> {
    prop_assert!(list.articles.len() <= limits::LIST);
    check_unique(list.articles.iter().map(|a| a.id.as_str()))?;
    for a in &list.articles {
        check_id(a.id.as_str())?;
        check_line(&a.title, limits::TITLE)?;
        if let Some(s) = &a.summary {
            check_line(s, limits::SUMMARY)?;
        }
        if let Some(s) = &a.section {
            check_line(s, limits::SECTION)?;
        }
        check_instant(a.published_at)?;
        if let Some(img) = &a.thumbnail {
            check_image(img)?;
        }
    }
    if let Some(p) = &list.next_page {
        check_next_page(p)?;
    }
    Ok(())
}

fn check_next_page(p: &str) -> Result<(), TestCaseError> {
    prop_assert!(!p.is_empty() && p.len() <= 256, "next_page length {p:?}");
    prop_assert!(!p.starts_with('/'), "absolute next_page {p:?}");
    prop_assert!(!p.contains("//") && !p.contains(':'), "next_page {p:?}");
    prop_assert!(
        p.split('/').all(|seg| seg != "." && seg != ".."),
        "dot segment in {p:?}"
    );
    prop_assert!(
        p.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-./=?&".contains(&b)),
        "next_page alphabet {p:?}"
    );
    prop_assert_eq!(safe_relative_path(p), Some(p.to_owned()));
    let resolved = resolve_under_api(p);
    prop_assert!(
        resolved.starts_with(API_PATH),
        "{p:?} resolves to {resolved:?}, above {API_PATH}"
    );
    Ok(())
}

/// The path of the API base the candidates are resolved against.
const API_PATH: &str = "/site/api/";

/// What a URL parser makes of a relative reference against `API_PATH`
/// (RFC 3986, 5.2: merge, then remove dot segments), query dropped.
fn resolve_under_api(reference: &str) -> String {
    let path = reference.split(['?', '#']).next().unwrap_or("");
    let merged = format!("{API_PATH}{path}");
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = merged.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

#[test]
fn the_resolver_follows_rfc_3986() {
    assert_eq!(resolve_under_api("a.json"), "/site/api/a.json");
    assert_eq!(resolve_under_api("..?page=2"), "/site/");
    assert_eq!(resolve_under_api("p/../q.json"), "/site/api/q.json");
    assert_eq!(resolve_under_api("../../x"), "/x");
}

fn check_email(e: &str) -> Result<(), TestCaseError> {
    check_line(e, limits::EMAIL)?;
    let parts: Vec<&str> = e.split('@').collect();
    prop_assert_eq!(parts.len(), 2, "not one @ in {:?}", e);
    prop_assert!(!parts[0].is_empty() && parts[1].contains('.'), "{e:?}");
    prop_assert!(
        !e.contains([' ', '<', '>', '"', '\'', '?', '&', '#']),
        "{e:?}"
    );
    Ok(())
}

fn check_article(a: &Article) -> Result<(), TestCaseError> {
    check_id(a.id.as_str())?;
    check_line(&a.title, limits::TITLE)?;
    if let Some(s) = &a.subtitle {
        check_line(s, limits::SUMMARY)?;
    }
    if let Some(s) = &a.section {
        check_line(s, limits::SECTION)?;
    }
    if let Some(author) = &a.author {
        check_line(&author.name, limits::NAME)?;
        if let Some(e) = &author.email {
            check_email(e)?;
        }
    }
    check_instant(a.published_at)?;
    if let Some(t) = a.updated_at {
        check_instant(t)?;
    }
    prop_assert!(a.body.len() <= limits::BLOCKS);
    for b in &a.body {
        match b {
            Block::Paragraph { text } => check_text(text, limits::PARAGRAPH, true)?,
            Block::Heading { text } => check_line(text, limits::TITLE)?,
            Block::Quote { text, cite } => {
                check_text(text, limits::PARAGRAPH, true)?;
                if let Some(c) = cite {
                    check_line(c, limits::NAME)?;
                }
            }
            Block::Image {
                src,
                alt,
                caption,
                credit,
                width,
                height,
            } => {
                check_image_src(src.as_str())?;
                check_alt(alt)?;
                if let Some(c) = caption {
                    check_text(c, limits::CAPTION, true)?;
                }
                if let Some(c) = credit {
                    check_line(c, limits::NAME)?;
                }
                for d in [width, height].into_iter().flatten() {
                    prop_assert!((1..=limits::IMAGE_DIMENSION).contains(d), "dimension {d}");
                }
            }
        }
    }
    prop_assert!(a.tags.len() <= limits::TAGS);
    check_unique(a.tags.iter().map(String::as_str))?;
    for t in &a.tags {
        check_line(t, limits::TAG)?;
    }
    check_line(&a.description(), limits::TITLE)?;
    if let Some(img) = a.lead_image() {
        prop_assert!(matches!(img, Block::Image { .. }), "lead image {:?}", img);
    }
    Ok(())
}

fn check_station(s: &Station) -> Result<(), TestCaseError> {
    if let Some(id) = &s.id {
        check_id(id)?;
    }
    check_line(&s.name, limits::NAME)?;
    if !s.condition.is_empty() {
        check_line(&s.condition, limits::CONDITION)?;
    }
    prop_assert!(
        s.temperature_c.is_finite(),
        "temperature {}",
        s.temperature_c
    );
    prop_assert!(
        (-90.0..=60.0).contains(&s.temperature_c),
        "temperature {}",
        s.temperature_c
    );
    Ok(())
}

fn check_weather(w: &Weather) -> Result<(), TestCaseError> {
    check_line(&w.provider, limits::NAME)?;
    if let Some(t) = w.observed_at {
        check_instant(t)?;
    }
    prop_assert!(w.stations.len() <= limits::STATIONS);
    for s in &w.stations {
        check_station(s)?;
    }
    Ok(())
}

fn check_notice(n: &Notice) -> Result<(), TestCaseError> {
    check_id(&n.id)?;
    if let Some(v) = &n.version {
        check_line(v, limits::VERSION)?;
    }
    check_line(&n.title, limits::TITLE)?;
    if let Some(b) = &n.body {
        check_text(b, limits::NOTICE_BODY, true)?;
    }
    if let Some(img) = &n.image {
        check_image(img)?;
    }
    if let Some(l) = &n.link {
        check_url(l.as_str())?;
    }
    for t in [n.starts_at, n.ends_at].into_iter().flatten() {
        check_instant(t)?;
    }
    prop_assert!(n.devices.pc || n.devices.mobile, "a notice shown nowhere");
    if let Some(h) = n.snooze_hours {
        prop_assert!((1..=limits::SNOOZE_HOURS).contains(&h));
    }
    Ok(())
}

fn check_notices(list: &[Notice]) -> Result<(), TestCaseError> {
    prop_assert!(list.len() <= limits::NOTICES);
    check_unique(list.iter().map(|n| n.id.as_str()))?;
    for n in list {
        check_notice(n)?;
    }
    Ok(())
}

/// Runs every decoder on `doc`; whatever is accepted must be valid.
fn check_all_decoders(doc: &str) -> Result<(), TestCaseError> {
    if let Ok(list) = decode_article_list(doc) {
        check_article_list(&list)?;
    }
    if let Ok(a) = decode_article(doc) {
        check_article(&a)?;
    }
    if let Ok(w) = decode_weather(doc) {
        check_weather(&w)?;
    }
    if let Ok(n) = decode_notices(doc) {
        check_notices(&n)?;
    }
    Ok(())
}

/// `%XX` escapes back to text; `None` for a malformed escape or bad UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    [
        31,
        if is_leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][m as usize - 1]
}

/// A document saved: mostly articles, the other documents, and `next_page`
/// paths good and bad (with a query string, outside the API base…).
fn kept_entry() -> BoxedStrategy<Kept> {
    let path = prop_oneof![
        8 => (0u32..70).prop_map(|n| format!("articles/{n}.json")),
        2 => select(&["weather.json", "articles.json", "articles-2.json", "articles-2.json?p=2"])
            .prop_map(str::to_owned),
        1 => path_text(),
    ];
    let size = prop_oneof![
        4 => 0usize..=40_000,
        2 => 0usize..=MAX_BYTES / 2,
        1 => (MAX_BYTES - 10)..=(MAX_BYTES + 10),
    ];
    (path, 0i64..1_000, size)
        .prop_map(|(path, saved_at, size)| Kept {
            path,
            saved_at,
            size,
        })
        .boxed()
}

/// An index as a (possibly tampered) `localStorage` value may hold it.
fn stored_index() -> BoxedStrategy<String> {
    let path = prop_oneof![
        3 => (0u32..80).prop_map(|n| format!("articles/{n}.json")),
        1 => select(&["weather.json", "../x.json", "a.txt", "", ".json", "articles-2.json?p=2"])
            .prop_map(str::to_owned),
        1 => "[a-z/.]{190,210}",
        1 => path_text(),
        1 => any_chars(12),
    ];
    let saved_at = prop_oneof![
        (0i64..1_000).prop_map(|n| J::Num(n.to_string())),
        number().prop_map(J::Num),
        json(),
    ];
    let size = prop_oneof![
        (0usize..=MAX_BYTES).prop_map(|n| J::Num(n.to_string())),
        // Sizes whose sum does not fit a usize (u32 on wasm32).
        select(vec![
            u64::MAX,
            u64::MAX - 1,
            1 << 63,
            u64::from(u32::MAX),
            1 << 31,
            1
        ])
        .prop_map(|n| J::Num(n.to_string())),
        any::<u64>().prop_map(|n| J::Num(n.to_string())),
        number().prop_map(J::Num),
        json(),
    ];
    let entry = object_with(
        vec![
            ("path", str_or_junk(path.boxed())),
            ("saved_at", saved_at.boxed()),
            ("size", size.boxed()),
        ],
        0..1,
    );
    prop_oneof![
        6 => vec(entry, 0..60).prop_map(|v| J::Arr(v).text()),
        1 => json().prop_map(|j| j.text()),
        1 => junk_doc(),
    ]
    .boxed()
}

fn check_cache_bounds(index: &[Kept]) -> Result<(), TestCaseError> {
    let articles = index
        .iter()
        .filter(|k| k.path.starts_with("articles/"))
        .count();
    prop_assert!(articles <= MAX_ARTICLES, "{articles} articles kept");
    let total: u128 = index.iter().map(|k| k.size as u128).sum();
    prop_assert!(total <= MAX_BYTES as u128, "{total} units kept");
    check_unique(index.iter().map(|k| k.path.as_str()))
}

/// A plausible reading of the app clock: 1970 to 2200.
fn now_secs() -> BoxedStrategy<i64> {
    prop_oneof![
        0i64..7_258_118_400,
        // Around Korean midnights.
        (0i64..80_000, -3i64..3).prop_map(|(d, s)| d * DAY - KST_OFFSET_SECS + s),
    ]
    .boxed()
}

/// A stored snooze value: our format with good and bad records, or junk.
fn stored_snoozes(now: i64) -> BoxedStrategy<String> {
    let tonight = kst::next_midnight(now);
    // The longest a notice's own `snooze_hours` may hide it.
    let year = now + i64::from(limits::SNOOZE_HOURS) * 3600;
    let until = prop_oneof![
        3 => (now - 2..=tonight + 2).prop_map(|t| J::Num(t.to_string())),
        1 => Just(J::Num(tonight.to_string())),
        1 => (year - 2..=year + 2).prop_map(|t| J::Num(t.to_string())),
        1 => number().prop_map(J::Num),
        1 => json(),
    ];
    let id = prop_oneof![
        8 => "[A-Za-z0-9_-]{1,64}".prop_map(J::Str),
        1 => select(&["a", "b", "../x", "", "기사"]).prop_map(J::s),
        1 => (0u8..10).prop_map(|n| J::Num(n.to_string())),
    ];
    let version = prop_oneof![
        2 => Just(J::Null),
        4 => "[ -~]{0,12}".prop_map(J::Str),
        1 => "[ -~]{60,70}".prop_map(J::Str),
        1 => number().prop_map(J::Num),
    ];
    let record = prop_oneof![
        8 => object_with(
            vec![
                ("id", id.boxed()),
                ("version", version.boxed()),
                ("until", until.boxed()),
            ],
            0..1,
        ),
        1 => any_chars(4).prop_map(J::Str),
    ];
    let format = prop_oneof![
        4 => Just(J::Num("1".into())),
        1 => select(&["0", "2", "1.0", "-1"]).prop_map(|n| J::Num(n.into())),
        1 => json(),
    ];
    let doc = object(vec![
        ("v", format.boxed()),
        (
            "snoozes",
            prop_oneof![6 => vec(record, 0..120).prop_map(J::Arr), 1 => json()].boxed(),
        ),
    ]);
    prop_oneof![6 => doc.prop_map(|j| j.text()), 1 => junk_doc()].boxed()
}

fn notice_with(id: String, version: Option<String>) -> Notice {
    Notice {
        id,
        version,
        title: "안내".into(),
        body: None,
        image: None,
        link: None,
        starts_at: None,
        ends_at: None,
        devices: Devices::BOTH,
        snooze_hours: None,
    }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    // --- Decoders ---------------------------------------------------------

    #[test]
    fn decoded_article_lists_have_valid_unique_entries_and_safe_urls(doc in article_list_doc()) {
        let doc = doc.text();
        if let Ok(list) = decode_article_list(&doc) {
            check_article_list(&list)?;
        }
    }

    #[test]
    fn decoded_articles_have_clean_text_safe_urls_and_bounded_blocks(doc in article_doc()) {
        let doc = doc.text();
        if let Ok(a) = decode_article(&doc) {
            check_article(&a)?;
        }
    }

    #[test]
    fn decoded_weather_has_named_stations_with_plausible_finite_temperatures(doc in weather_doc()) {
        let doc = doc.text();
        if let Ok(w) = decode_weather(&doc) {
            check_weather(&w)?;
        }
    }

    #[test]
    fn decoded_notices_have_valid_unique_ids_and_safe_links(doc in notices_doc()) {
        let doc = doc.text();
        if let Ok(n) = decode_notices(&doc) {
            check_notices(&n)?;
        }
    }

    #[test]
    fn documents_written_back_decode_to_the_same_value(
        list in article_list_doc(), article in article_doc(),
        weather in weather_doc(), notices in notices_doc(),
    ) {
        if let Ok(l) = decode_article_list(&list.text()) {
            prop_assert_eq!(decode_article_list(&encode::article_list(&l)).unwrap(), l);
        }
        if let Ok(a) = decode_article(&article.text()) {
            prop_assert_eq!(decode_article(&encode::article(&a)).unwrap(), a);
        }
        if let Ok(w) = decode_weather(&weather.text()) {
            prop_assert_eq!(decode_weather(&encode::weather(&w)).unwrap(), w);
        }
        if let Ok(n) = decode_notices(&notices.text()) {
            prop_assert_eq!(decode_notices(&encode::notices(&n)).unwrap(), n);
        }
    }

    #[test]
    fn any_json_document_is_decoded_safely_by_every_decoder(
        doc in prop_oneof![4 => any_doc(), 1 => escape_doc()],
    ) {
        check_all_decoders(&doc)?;
    }

    #[test]
    fn arbitrary_or_mangled_text_is_decoded_safely_by_every_decoder(doc in junk_doc()) {
        check_all_decoders(&doc)?;
    }

    #[test]
    fn documents_nested_past_the_depth_limit_are_refused_by_every_decoder(n in nested_doc()) {
        let doc = n.doc.as_str();
        let deep = n.depth > MAX_DEPTH;
        prop_assert_eq!(codec::too_deep(doc), deep, "depth {}", n.depth);
        let read = codec::from_str::<IgnoredAny>(doc);
        let list = decode_article_list(doc);
        let article = decode_article(doc);
        let weather = decode_weather(doc);
        let notices = decode_notices(doc);
        let index = cache::parse_index(Some(doc));
        if deep || n.cut {
            prop_assert!(read.is_err(), "depth {} read", n.depth);
            prop_assert!(list.is_err() && article.is_err() && weather.is_err() && notices.is_err(), "depth {} decoded", n.depth);
            prop_assert!(index.is_empty(), "depth {} index {:?}", n.depth, index);
        } else {
            // Within the limit the nested value is JSON like any other: read,
            // skipped where it is no entry, and the valid entry kept.
            prop_assert!(read.is_ok(), "depth {}: {:?}", n.depth, read);
            match n.wrapper {
                1 => {
                    let ids: Vec<String> = list.unwrap().articles.iter().map(|a| a.id.as_str().to_owned()).collect();
                    prop_assert_eq!(ids, ["a"]);
                }
                2 => {
                    let body = article.unwrap().body;
                    prop_assert_eq!(body, vec![Block::Heading { text: "한편".into() }]);
                }
                3 => {
                    let names: Vec<String> = weather.unwrap().stations.into_iter().map(|s| s.name).collect();
                    prop_assert_eq!(names, ["서울"]);
                }
                4 => {
                    let ids: Vec<String> = notices.unwrap().into_iter().map(|n| n.id).collect();
                    prop_assert_eq!(ids, ["n"]);
                }
                5 => {
                    prop_assert_eq!(index, vec![Kept { path: "articles/1.json".into(), saved_at: 1, size: 2 }]);
                }
                _ => {}
            }
            check_all_decoders(doc)?;
        }
    }

    #[test]
    fn decoders_keep_exactly_the_first_valid_entries_up_to_each_list_limit(
        kind in 0usize..5,
        extra in 0usize..12,
        below in any::<bool>(),
    ) {
        // Every entry is valid and unique, so the count is exactly the limit
        // (or all of them, below the limit).
        let limit = [limits::LIST, limits::BLOCKS, limits::TAGS, limits::STATIONS, limits::NOTICES][kind];
        let n = if below { limit - 1 - extra.min(limit - 1) } else { limit + extra };
        let entry = |i: usize| -> J {
            let id = J::s(format!("e{i}"));
            let title = J::s(format!("제목 {i}"));
            let at = J::s("2025-12-08T10:00:00+09:00");
            match kind {
                0 => J::Obj(vec![("id".into(), id), ("title".into(), title), ("published_at".into(), at)]),
                1 => J::Obj(vec![("type".into(), J::s("heading")), ("text".into(), title)]),
                2 => title,
                3 => J::Obj(vec![("name".into(), title), ("temperature_c".into(), J::Num(format!("{}", i % 50)))]),
                _ => J::Obj(vec![("id".into(), id), ("title".into(), title)]),
            }
        };
        let items = J::Arr((0..n).map(entry).collect());
        let base = |k: &str| J::Obj(vec![(k.into(), items.clone())]);
        let article = |field: &str| J::Obj(vec![
            ("id".into(), J::s("x")),
            ("title".into(), J::s("제목")),
            ("published_at".into(), J::s("2025-12-08T10:00:00Z")),
            ("body".into(), if field == "body" { items.clone() } else { J::Arr(vec![]) }),
            ("tags".into(), if field == "tags" { items.clone() } else { J::Arr(vec![]) }),
        ]);
        let (count, first_title, last_title) = match kind {
            0 => {
                let l = decode_article_list(&base("articles").text()).unwrap();
                let t: Vec<_> = l.articles.into_iter().map(|a| a.title).collect();
                (t.len(), t.first().cloned(), t.last().cloned())
            }
            1 => {
                let a = decode_article(&article("body").text()).unwrap();
                let t: Vec<_> = a.body.into_iter().map(|b| match b {
                    Block::Heading { text } => text,
                    other => panic!("{other:?}"),
                }).collect();
                (t.len(), t.first().cloned(), t.last().cloned())
            }
            2 => {
                let t = decode_article(&article("tags").text()).unwrap().tags;
                (t.len(), t.first().cloned(), t.last().cloned())
            }
            3 => {
                let t: Vec<_> = decode_weather(&base("stations").text()).unwrap()
                    .stations.into_iter().map(|s| s.name).collect();
                (t.len(), t.first().cloned(), t.last().cloned())
            }
            _ => {
                let t: Vec<_> = decode_notices(&base("notices").text()).unwrap()
                    .into_iter().map(|n| n.title).collect();
                (t.len(), t.first().cloned(), t.last().cloned())
            }
        };
        let kept = n.min(limit);
        prop_assert_eq!(count, kept);
        if kept > 0 {
            prop_assert_eq!(first_title, Some("제목 0".to_owned()));
            prop_assert_eq!(last_title, Some(format!("제목 {}", kept - 1)));
        }
    }

    #[test]
    fn decoded_multiline_text_fits_its_char_limit_counting_line_breaks(
        doc in prop_oneof![article_doc(), notices_doc()],
    ) {
        // `limits` are "in characters"; a line break is a character.
        let doc = doc.text();
        if let Ok(a) = decode_article(&doc) {
            for b in &a.body {
                let (text, max) = match b {
                    Block::Paragraph { text } | Block::Quote { text, .. } => (text, limits::PARAGRAPH),
                    Block::Image { caption: Some(c), .. } => (c, limits::CAPTION),
                    _ => continue,
                };
                prop_assert!(text.chars().count() <= max, "{} chars > {}", text.chars().count(), max);
            }
        }
        if let Ok(list) = decode_notices(&doc) {
            for body in list.iter().filter_map(|n| n.body.as_ref()) {
                let count = body.chars().count();
                prop_assert!(count <= limits::NOTICE_BODY, "{} chars > {}", count, limits::NOTICE_BODY);
            }
        }
    }

    // --- sanitize ---------------------------------------------------------

    #[test]
    fn ids_are_exactly_one_to_sixty_four_contract_characters(
        valid in "[A-Za-z0-9_-]{1,64}",
        bad in any::<char>().prop_filter("outside the alphabet", |c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-')),
        at in any::<Index>(),
        anything in any_chars(80),
    ) {
        prop_assert!(is_valid_id(&valid));
        let mut spoiled = valid.clone();
        let bounds: Vec<usize> = (0..=valid.len()).collect();
        spoiled.insert(bounds[at.index(bounds.len())], bad);
        prop_assert!(!is_valid_id(&spoiled), "{spoiled:?}");
        let too_long = format!("{valid}{}", "a".repeat(65 - valid.len()));
        prop_assert!(!is_valid_id(&too_long), "{:?}", too_long);
        if is_valid_id(&anything) {
            check_id(&anything)?;
        }
        // An `ArticleId` is made exactly from the valid ids, unchanged.
        for raw in [&valid, &spoiled, &too_long, &anything] {
            let id = ArticleId::parse(raw);
            prop_assert_eq!(id.is_some(), is_valid_id(raw), "{:?}", raw);
            if let Some(id) = id {
                prop_assert_eq!(id.as_str(), raw.as_str());
            }
        }
    }

    #[test]
    fn cleaned_text_is_printable_folded_trimmed_and_within_its_limit(
        raw in text(),
        max in 1usize..400,
        multiline in any::<bool>(),
    ) {
        if let Some(out) = clean_text(&raw, max, multiline) {
            check_text(&out, max, multiline)?;
        } else {
            // Nothing printable was there.
            prop_assert!(
                raw.chars().all(|c| c.is_whitespace() || c.is_control() || is_invisible_format(c)),
                "{raw:?} had printable characters"
            );
        }
    }

    #[test]
    fn invisible_characters_never_survive_cleaning_but_the_kept_four(
        pieces in vec(
            prop_oneof![
                2 => "[가-힣a-z \n]{0,6}",
                1 => select(HOSTILE).prop_map(str::to_owned),
                4 => invisible_char().prop_map(String::from),
            ],
            1..16,
        ),
        max in 1usize..400,
        multiline in any::<bool>(),
    ) {
        let raw = pieces.concat();
        let out = clean_text(&raw, max, multiline);
        if let Some(out) = &out {
            for c in out.chars() {
                prop_assert!(!is_invisible_format(c), "invisible {c:?} in {out:?}");
            }
        }
        // Dropped as if they had never been there.
        let visible: String = raw.chars().filter(|&c| !is_invisible_format(c)).collect();
        prop_assert_eq!(&out, &clean_text(&visible, max, multiline));
        // The four kept all stay when nothing is cut.
        let kept = |s: &str| s.chars().filter(|c| KEPT_INVISIBLE.contains(c)).count();
        let full = clean_text(&raw, 1 << 40, multiline).unwrap_or_default();
        prop_assert_eq!(kept(&full), kept(&raw), "{:?}", raw);
    }

    #[test]
    fn cleaning_text_twice_changes_nothing(
        raw in text(),
        max in 1usize..400,
        multiline in any::<bool>(),
    ) {
        if let Some(once) = clean_text(&raw, max, multiline) {
            prop_assert_eq!(clean_text(&once, max, multiline), Some(once));
        }
    }

    #[test]
    fn shortened_text_is_a_prefix_of_the_full_text_plus_an_ellipsis(
        raw in text(),
        max in 1usize..400,
        multiline in any::<bool>(),
    ) {
        let full = clean_text(&raw, 1 << 40, multiline);
        let short = clean_text(&raw, max, multiline);
        prop_assert_eq!(full.is_some(), short.is_some());
        if let (Some(full), Some(short)) = (full, short) {
            if full.chars().count() <= max {
                prop_assert_eq!(short, full);
            } else {
                let kept = short.strip_suffix('…');
                prop_assert!(kept.is_some(), "no ellipsis on {short:?}");
                let kept = kept.unwrap();
                prop_assert!(full.starts_with(kept), "{kept:?} is not a prefix of {full:?}");
                prop_assert!(kept.chars().count() < max, "no room left for the ellipsis");
            }
        }
    }

    #[test]
    fn cleaned_multiline_text_fits_its_char_limit_counting_line_breaks(
        raw in text(),
        max in 1usize..400,
    ) {
        if let Some(out) = clean_text(&raw, max, true) {
            let count = out.chars().count();
            prop_assert!(count <= max, "{count} chars > {max}: {out:?}");
        }
    }

    #[test]
    fn safe_urls_are_http_or_same_origin_paths_and_stay_safe(raw in url_text()) {
        if let Some(out) = safe_url(&raw) {
            prop_assert_eq!(out.as_str(), raw.trim());
            check_url(&out)?;
        }
    }

    #[test]
    fn dangerous_url_forms_are_always_refused(
        scheme in select(&["javascript:", "data:", "vbscript:", "file:", "//", "/\\", "\\\\", "ftp://", "blob:"]
),
        mask in any::<u16>(),
        lead in "[ \t\n]{0,3}",
        rest in any_chars(40),
    ) {
        // Any letter case, any leading white space, anything after.
        let cased: String = scheme
            .chars()
            .enumerate()
            .map(|(i, c)| if mask >> (i % 16) & 1 == 1 { c.to_ascii_uppercase() } else { c })
            .collect();
        let raw = format!("{lead}{cased}{rest}");
        prop_assert_eq!(safe_url(&raw), None, "{:?} accepted", raw);
    }

    #[test]
    fn well_formed_http_urls_and_paths_are_accepted_unchanged(
        scheme in select(&["http://", "https://", "HTTPS://", ""]
),
        host in "[a-z0-9-]{1,12}(\\.[a-z]{2,6}){0,2}(:[0-9]{1,5})?",
        path in "(/[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,12}){0,4}",
        query in "(\\?[A-Za-z0-9=&%]{0,12})?(#[a-z]{0,8})?",
    ) {
        let raw = if scheme.is_empty() {
            // Same-origin: a single leading slash.
            format!("/{}{path}{query}", host)
        } else {
            format!("{scheme}{host}{path}{query}")
        };
        prop_assert_eq!(safe_url(&raw), Some(raw.clone()));
        prop_assert_eq!(safe_url(&format!(" {raw}\n")), Some(raw));
    }

    #[test]
    fn next_page_paths_stay_under_the_api_base(raw in path_text()) {
        if let Some(p) = safe_relative_path(&raw) {
            prop_assert_eq!(p.as_str(), raw.trim());
            check_next_page(&p)?;
        }
    }

    // --- cache ------------------------------------------------------------

    #[test]
    fn cache_index_keeps_one_valid_record_per_path_newest_first(raw in stored_index()) {
        let index = cache::parse_index(Some(&raw));
        check_unique(index.iter().map(|k| k.path.as_str()))?;
        for k in &index {
            // A path the app could have fetched: one under the API base.
            check_next_page(&k.path)?;
        }
        prop_assert!(index.windows(2).all(|w| w[0].saved_at >= w[1].saved_at), "not newest first");
        // What is written back reads back the same.
        prop_assert_eq!(cache::parse_index(Some(&cache::index_value(&index))), index);
    }

    #[test]
    fn admitting_documents_keeps_the_cache_within_its_bounds(
        entries in vec((kept_entry(), any::<bool>()), 1..120),
    ) {
        let mut index = Vec::new();
        let mut clock = 0i64;
        for (mut entry, newest) in entries {
            // Mostly saved now (the clock moves on); sometimes an older time.
            if newest {
                clock += 1 + entry.saved_at % 5;
                entry.saved_at = clock;
            }
            let before: HashSet<String> = index.iter().map(|k: &Kept| k.path.clone()).collect();
            let newest_now = index
                .iter()
                .all(|k| k.path == entry.path || k.saved_at < entry.saved_at);
            let evicted = cache::admit(&mut index, entry.clone());
            check_cache_bounds(&index)?;
            // What is kept reads back: no copy stays in storage that the
            // index forgets (one rule for both).
            prop_assert_eq!(&cache::parse_index(Some(&cache::index_value(&index))), &index);
            let cacheable = cache::is_cacheable_path(&entry.path);
            let after: HashSet<String> = index.iter().map(|k| k.path.clone()).collect();
            // Nothing vanishes unreported, nothing is both kept and evicted.
            for p in before.iter().chain([&entry.path]) {
                prop_assert!(after.contains(p) || evicted.contains(p), "{p} lost");
            }
            for p in &evicted {
                prop_assert!(!after.contains(p), "{p} evicted and kept");
            }
            // The document just saved stays when it fits and is the newest.
            if entry.size <= MAX_BYTES && newest_now && cacheable {
                prop_assert!(index.contains(&entry), "{entry:?} not kept");
            }
            if entry.size > MAX_BYTES || !cacheable {
                prop_assert_eq!(&evicted, &vec![entry.path.clone()]);
            }
        }
    }

    #[test]
    fn admitting_a_document_restores_the_bounds_of_a_tampered_index(
        raw in stored_index(),
        entry in kept_entry(),
    ) {
        let mut index = cache::parse_index(Some(&raw));
        cache::admit(&mut index, entry);
        check_cache_bounds(&index)?;
    }

    #[test]
    fn sweeping_removes_exactly_the_cache_keys_the_index_does_not_list(
        raw in stored_index(),
        others in vec(
            prop_oneof![
                2 => path_text().prop_map(|p| format!("{}{p}", cache::PREFIX)),
                1 => "gazette[.a-z:-]{0,16}",
                1 => text(),
            ],
            0..20,
        ),
    ) {
        let index = cache::parse_index(Some(&raw));
        let listed: HashSet<String> =
            index.iter().map(|k| format!("{}{}", cache::PREFIX, k.path)).collect();
        let mut keys: Vec<String> = listed.iter().cloned().chain(others).collect();
        keys.push(cache::INDEX_KEY.to_owned());
        let orphans = cache::orphaned_keys(keys.clone(), &index);
        for key in &keys {
            let orphan = key.starts_with(cache::PREFIX) && !listed.contains(key);
            prop_assert_eq!(orphans.contains(key), orphan, "{:?}", key);
        }
        prop_assert!(orphans.iter().all(|k| keys.contains(k)));
    }

    // --- notice -----------------------------------------------------------

    #[test]
    fn stored_snoozes_read_back_as_valid_unexpired_records_within_the_longest_snooze(
        (now, raw) in now_secs().prop_flat_map(|now| (Just(now), stored_snoozes(now))),
    ) {
        let snoozes = Snoozes::parse(&raw, now);
        let stored: Value = serde_json::from_str(&snoozes.to_storage()).unwrap();
        prop_assert_eq!(&stored["v"], &Value::from(1));
        let records = stored["snoozes"].as_array().unwrap();
        prop_assert_eq!(records.len(), snoozes.len());
        prop_assert!(records.len() <= 2 * limits::NOTICES);
        // "오늘 하루" lasts until tonight, a notice's own `snooze_hours` at
        // most a year: no record may outlast both.
        let longest = kst::next_midnight(now).max(now + i64::from(limits::SNOOZE_HOURS) * 3600);
        let mut ids = HashSet::new();
        for r in records {
            let id = r["id"].as_str().unwrap();
            check_id(id)?;
            prop_assert!(ids.insert(id.to_owned()), "two records for {id}");
            let until = r["until"].as_i64().unwrap();
            prop_assert!(now < until && until <= longest, "until {until}, now {now}");
            let version = r["version"].as_str().map(str::to_owned);
            prop_assert!(r["version"].is_null() || version.is_some());
            if let Some(v) = &version {
                prop_assert!(!v.trim().is_empty() && v.chars().count() <= limits::VERSION);
            }
            let n = notice_with(id.to_owned(), version);
            prop_assert!(snoozes.is_snoozed(&n, now));
            prop_assert!(!snoozes.is_snoozed(&n, until));
        }
        // Reading what was written gives the same snoozes.
        prop_assert_eq!(Snoozes::parse(&snoozes.to_storage(), now), snoozes);
    }

    #[test]
    fn a_snooze_hides_that_version_until_the_next_korean_midnight_only(
        now in now_secs(),
        id in "[A-Za-z0-9_-]{1,64}",
        // As decoded: cleaned, so never blank.
        version in option::of("[!-~]([ -~]{0,18}[!-~])?"),
        other_version in option::of("[!-~]([ -~]{0,18}[!-~])?"),
        later in 0i64..3 * DAY,
    ) {
        let n = notice_with(id.clone(), version.clone());
        let mut s = Snoozes::default();
        s.snooze(&n, now);
        let tonight = kst::next_midnight(now);
        prop_assert!(0 < tonight - now && tonight - now <= DAY);
        let t = now + later;
        prop_assert_eq!(s.is_snoozed(&n, t), t < tonight);
        let edited = notice_with(id, other_version.clone());
        prop_assert_eq!(s.is_snoozed(&edited, now), other_version == version);
        prop_assert_eq!(Snoozes::parse(&s.to_storage(), t).is_empty(), t >= tonight);
    }

    #[test]
    fn notice_links_lead_only_to_this_site_or_to_http_sites(
        link in url_text(),
        origin in select(&["https://news.example", "http://127.0.0.1:8080", "HTTPS://News.Example", ""]
),
    ) {
        match link_target(&link, &[origin, "https://news.example"]) {
            None => {}
            Some(NoticeLink::External(url)) => {
                prop_assert_eq!(&url, &link);
                let lower = url.to_ascii_lowercase();
                prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{url:?}");
            }
            Some(NoticeLink::InApp(path)) => {
                prop_assert!(path.starts_with('/'), "{path:?}");
            }
        }
    }

    #[test]
    fn in_app_notice_links_never_point_to_another_host(
        raw in prop_oneof![
            url_text(),
            ("https://news.example", "(/[a-z.]{0,8}){0,3}", "[?#]?[a-z]{0,4}")
                .prop_map(|(o, p, q)| format!("{o}{p}{q}")),
        ],
    ) {
        // The decoder only hands over links `SafeUrl` accepted.
        let Some(link) = safe_url(&raw) else { return Ok(()) };
        if let Some(NoticeLink::InApp(path)) = link_target(&link, &["https://news.example"]) {
            // A browser reads `//host` (and `/\host`) as another site.
            prop_assert!(path.starts_with('/'), "{path:?}");
            prop_assert!(!path.starts_with("//") && !path.contains('\\'), "{link:?} became in-app {path:?}");
        }
    }

    // --- reading, storage, links, share ------------------------------------

    #[test]
    fn font_size_reads_only_its_own_values_whatever_the_padding(
        raw in prop_oneof![select(&["normal", "large", "larger", "LARGE", "large ", "largest"]
).prop_map(str::to_owned), text()],
        pad in "[ \t\n]{0,3}",
    ) {
        let size = FontSize::parse(Some(&raw));
        prop_assert!(FontSize::ALL.contains(&size));
        prop_assert_eq!(FontSize::parse(Some(&format!("{pad}{raw}{pad}"))), size);
        if size != FontSize::Normal {
            prop_assert_eq!(raw.trim(), size.value());
        }
        for s in FontSize::ALL {
            prop_assert_eq!(FontSize::parse(Some(&format!("{pad}{}{pad}", s.value()))), s);
        }
    }

    #[test]
    fn stored_flags_are_on_only_for_one_or_true(raw in prop_oneof![select(&["1", "true", "0", "false", "TRUE", "1 ", "yes"]
).prop_map(str::to_owned), text()]) {
        let on = parse_flag(Some(&raw));
        prop_assert_eq!(on, matches!(raw.trim(), "1" | "true"));
        prop_assert_eq!(parse_flag(Some(flag_value(on))), on);
        prop_assert!(!parse_flag(None));
    }

    #[test]
    fn old_cms_links_yield_only_valid_ids(
        path in prop_oneof![
            select(&["/news/articleView.html", "/news/articleView.html/", "/bbs/board.php", "/bbs/board.php//", "/other.php", "", "news/articleView.html", "/news/12", "/photo/0012", "/news/12/", "/free/7", "/%6Eews/3"]
).prop_map(str::to_owned),
            "/[a-z_%0-9./]{0,12}/[0-9a-z%+./-]{0,12}",
            text(),
        ],
        query in prop_oneof![text(), "[?&=a-z_0-9 %.+]{0,40}", "[?&]{0,2}(bo_table=[a-z%./0-9]{0,8}&|wr_id=[0-9a-z%+-]{0,12}&|idxno=[0-9a-z%]{0,8}&){0,4}"],
        list in prop_oneof![select(&["", "news", "news,photo", "photo,news,free", " news ,, ../x"]).prop_map(str::to_owned), text()],
    ) {
        let boards = LegacyBoards::parse(&list);
        for table in boards.tables() {
            prop_assert!(is_board_table(table), "{table:?}");
        }
        if let Some(id) = legacy_article_id(&path, &query, &boards) {
            check_id(id.as_str())?;
            let script = path.trim_end_matches('/');
            if script == "/news/articleView.html" {
                return Ok(());
            }
            // A board link or, with boards configured, a short link of one
            // of them: a post number, with its board's name for several.
            prop_assert!(script == "/bbs/board.php" || !boards.tables().is_empty(), "{path:?}");
            let number = match boards.tables() {
                [_, _, ..] => {
                    let (board, number) = id.as_str().split_once('-').expect("board-number");
                    prop_assert!(boards.tables().iter().any(|t| t == board), "{id}");
                    number
                }
                _ => id.as_str(),
            };
            prop_assert!(!number.starts_with('0'), "{id}");
            prop_assert!(number.parse::<i32>().is_ok_and(|n| n > 0), "{id}");
        }
    }

    #[test]
    fn old_cms_links_find_the_id_among_other_parameters(
        board in any::<bool>(),
        before in vec(("[a-z_]{1,8}", "[^&]{0,8}"), 0..4),
        after in vec(("[a-z_]{1,8}", "[^&]{0,8}"), 0..4),
        id in "[A-Za-z0-9_-]{1,64}",
        wr_id in 1..=i32::MAX,
        zeros in 0..3usize,
        encoded in any::<bool>(),
        list in select(&["", "news", "photo", "news,photo", "free,photo,news"]),
        table in select(&["news", "photo"]),
        table_first in any::<bool>(),
        question in any::<bool>(),
    ) {
        let boards = LegacyBoards::parse(list);
        let params = |kv: &[(String, String)]| -> Vec<String> {
            kv.iter()
                .filter(|(k, _)| !["idxno", "wr_id", "bo_table"].contains(&k.as_str()))
                .map(|(k, v)| format!("{k}={v}"))
                .collect()
        };
        let escape = |raw: &str| if encoded { raw.bytes().map(|b| format!("%{b:02x}")).collect() } else { raw.to_owned() };
        let (path, wanted, expected) = if board {
            let number = format!("{}{wr_id}", "0".repeat(zeros));
            let (table_kv, wr_kv) = (format!("bo_table={}", escape(table)), format!("wr_id={}", escape(&number)));
            let wanted = if table_first { vec![table_kv, wr_kv] } else { vec![wr_kv, table_kv] };
            let expected = match boards.tables() {
                [] => Some(wr_id.to_string()),
                [only] => (only == table).then(|| wr_id.to_string()),
                several => several.iter().any(|t| t == table).then(|| format!("{table}-{wr_id}")),
            };
            // The short link of the same post says the same, once boards
            // are configured.
            let short = legacy_article_id(&format!("/{table}/{number}"), "", &boards).map(|i| i.as_str().to_owned());
            prop_assert_eq!(short, if boards.tables().is_empty() { None } else { expected.clone() });
            ("/bbs/board.php", wanted, expected)
        } else {
            ("/news/articleView.html", vec![format!("idxno={}", escape(&id))], Some(id.clone()))
        };
        let mut parts = params(&before);
        parts.extend(wanted.iter().cloned());
        parts.extend(params(&after));
        let query = format!("{}{}", if question { "?" } else { "" }, parts.join("&"));
        let found = |path: &str| legacy_article_id(path, &query, &boards).map(|i| i.as_str().to_owned());
        prop_assert_eq!(found(path), expected.clone());
        prop_assert_eq!(found(&format!("{path}/")), expected);
    }

    #[test]
    fn encoded_text_has_only_unreserved_characters_and_decodes_back(raw in text()) {
        let e = urls::encode(&raw);
        prop_assert!(e.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)), "{e:?}");
        for (i, _) in e.match_indices('%') {
            let hex = &e[i + 1..i + 3];
            prop_assert!(hex.bytes().all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b)), "{hex:?}");
        }
        prop_assert_eq!(percent_decode(&e), Some(raw.clone()));
        let expected_len: usize = raw.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { 1 } else { 3 }).sum();
        prop_assert_eq!(e.len(), expected_len);
    }

    #[test]
    fn canonical_urls_keep_the_id_in_one_path_segment(
        site in prop_oneof![Just(String::new()), "https://[a-z]{1,8}\\.example/{0,2}"],
        origin in "https?://[a-z0-9.:]{1,16}",
        id in text(),
    ) {
        let url = urls::canonical_url(&site, &origin, &id);
        let base = if site.is_empty() { &origin } else { &site };
        let prefix = format!("{}/article/", base.trim_end_matches('/'));
        prop_assert!(url.starts_with(&prefix), "{url:?}");
        let segment = &url[prefix.len()..];
        prop_assert!(!segment.contains(['/', '?', '#', '\\']), "{segment:?}");
        prop_assert_eq!(percent_decode(segment), Some(id));
    }

    #[test]
    fn share_links_carry_exactly_their_parameters_and_the_exact_title_and_url(
        title in text(),
        url in url_text(),
    ) {
        for service in Service::ALL {
            let link = service.link(&title, &url);
            prop_assert!(!link.contains([' ', '"', '<', '>', '#', '\'', '\n']), "{link:?}");
            let (head, query) = link.split_once('?').unwrap();
            let params: Vec<(&str, &str)> = query.split('&').map(|kv| kv.split_once('=').unwrap()).collect();
            let names: Vec<&str> = params.iter().map(|(k, _)| *k).collect();
            let get = |name: &str| percent_decode(params.iter().find(|(k, _)| *k == name).unwrap().1).unwrap();
            let both = format!("{title}\n{url}");
            match service {
                Service::Band => {
                    prop_assert_eq!(head, "https://band.us/plugin/share");
                    prop_assert_eq!(names, ["body", "route"]);
                    prop_assert_eq!(get("body"), both);
                    prop_assert_eq!(get("route"), url.clone());
                }
                Service::Naver => {
                    prop_assert_eq!(head, "https://share.naver.com/web/shareView");
                    prop_assert_eq!(names, ["url", "title"]);
                    prop_assert_eq!(get("url"), url.clone());
                    prop_assert_eq!(get("title"), title.clone());
                }
                Service::Facebook => {
                    prop_assert_eq!(head, "https://www.facebook.com/sharer/sharer.php");
                    prop_assert_eq!(names, ["u"]);
                    prop_assert_eq!(get("u"), url.clone());
                }
                Service::X => {
                    prop_assert_eq!(head, "https://x.com/intent/post");
                    prop_assert_eq!(names, ["text", "url"]);
                    prop_assert_eq!(get("text"), title.clone());
                    prop_assert_eq!(get("url"), url.clone());
                }
                Service::Email => {
                    prop_assert_eq!(head, "mailto:");
                    prop_assert_eq!(names, ["subject", "body"]);
                    prop_assert_eq!(get("subject"), title.clone());
                    prop_assert_eq!(get("body"), both);
                }
            }
        }
    }

    // --- kst --------------------------------------------------------------

    #[test]
    fn timestamp_parsing_never_panics_and_yields_real_instants(raw in prop_oneof![timestamp(), junk_doc()]) {
        if let Some(t) = kst::parse_rfc3339(&raw) {
            check_instant(t)?;
        }
    }

    #[test]
    fn well_formed_timestamps_parse_to_their_wall_clock_reading(
        y in 0i64..=9999,
        mo in 1u32..=12,
        d in 1u32..=31,
        h in 0u32..=23,
        mi in 0u32..=59,
        s in 0u32..=60,
        sep in select(&["T", "t", " "]
),
        frac in "(\\.[0-9]{1,9})?",
        offset in prop_oneof![Just(None), (any::<bool>(), 0i64..=23, 0i64..=59).prop_map(Some)],
        pad in "[ \t\n]{0,2}",
    ) {
        let (zone, offset_secs) = match offset {
            None => ("Z".to_owned(), 0),
            Some((plus, oh, om)) => (
                format!("{}{oh:02}:{om:02}", if plus { '+' } else { '-' }),
                (if plus { 1 } else { -1 }) * (oh * 3600 + om * 60),
            ),
        };
        let raw = format!("{pad}{y:04}-{mo:02}-{d:02}{sep}{h:02}:{mi:02}:{s:02}{frac}{zone}{pad}");
        let parsed = kst::parse_rfc3339(&raw);
        if d > days_in_month(y, mo) {
            prop_assert_eq!(parsed, None, "{:?}", raw);
        } else {
            prop_assert!(parsed.is_some(), "{raw:?} refused");
            // Read back on the writer's own wall clock (a leap second is :59).
            let wall = KstDateTime::from_unix(parsed.unwrap() + offset_secs - KST_OFFSET_SECS);
            prop_assert_eq!(
                (wall.year, wall.month, wall.day, wall.hour, wall.minute, wall.second),
                (y, mo, d, h, mi, s.min(59)),
                "{:?}", raw
            );
        }
    }

    #[test]
    fn formatted_instants_parse_back_to_the_same_instant(
        t in (YEAR_0_SECS + DAY)..(YEAR_9999_END_SECS - DAY),
        plus in any::<bool>(),
        oh in 0i64..=23,
        om in 0i64..=59,
    ) {
        prop_assert_eq!(kst::parse_rfc3339(&kst::iso_kst(t)), Some(t));
        let offset = (if plus { 1 } else { -1 }) * (oh * 3600 + om * 60);
        let w = KstDateTime::from_unix(t + offset - KST_OFFSET_SECS);
        let written = format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{oh:02}:{om:02}",
            w.year, w.month, w.day, w.hour, w.minute, w.second, if plus { '+' } else { '-' }
        );
        prop_assert_eq!(kst::parse_rfc3339(&written), Some(t), "{}", written);
    }

    #[test]
    fn date_lines_agree_with_the_iso_date_and_weekdays_follow_each_other(
        t in (YEAR_0_SECS + DAY)..(YEAR_9999_END_SECS - 2 * DAY),
    ) {
        let line = kst::date_line(t);
        let iso = kst::iso_kst(t);
        prop_assert_eq!(&line[..10], iso[..10].replace('-', "."));
        let weekday = |l: &str| WEEKDAYS.iter().position(|w| l.ends_with(&format!(" ({w})")));
        let today = weekday(&line);
        prop_assert!(today.is_some(), "{line:?}");
        prop_assert_eq!(weekday(&kst::date_line(t + DAY)), Some((today.unwrap() + 1) % 7));
        let midnight = kst::next_midnight(t);
        prop_assert!(0 < midnight - t && midnight - t <= DAY);
        prop_assert_eq!(kst::date_line(midnight - 1), line.clone());
        prop_assert_ne!(kst::date_line(midnight), line);
        prop_assert!(kst::iso_kst(midnight).contains("T00:00:00+09:00"));
    }

    #[test]
    fn the_clock_ticks_within_a_minute_and_exactly_on_korean_midnight(
        now_ms in prop_oneof![
            -1.0e13f64..1.0e13,
            (0i64..80_000, -70_000.0f64..1_000.0)
                .prop_map(|(d, ms)| ((d * DAY - KST_OFFSET_SECS) * 1000) as f64 + ms),
            select(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0]
),
        ],
    ) {
        let wait = kst::ms_until_next_tick(now_ms);
        prop_assert!((20..=60_000).contains(&wait), "{wait}");
        if now_ms.is_finite() {
            let secs = (now_ms / 1000.0).floor() as i64;
            let midnight_ms = kst::next_midnight(secs) as f64 * 1000.0;
            if wait < 60_000 {
                // A short wait only ever lands just past midnight.
                prop_assert!(now_ms + f64::from(wait) >= midnight_ms, "{now_ms} + {wait} < {midnight_ms}");
                prop_assert!(now_ms + f64::from(wait) <= midnight_ms + 21.0);
            } else {
                prop_assert!(midnight_ms - now_ms + 20.0 >= 60_000.0);
            }
        }
    }

    // --- weather ----------------------------------------------------------

    #[test]
    fn temperatures_print_with_one_decimal_and_a_real_minus(celsius in any::<f64>()) {
        let s = weather::format_temperature(celsius);
        let body = s.strip_suffix('℃');
        prop_assert!(body.is_some(), "{s:?}");
        let body = body.unwrap();
        let (negative, digits) = match body.strip_prefix('\u{2212}') {
            Some(d) => (true, d),
            None => (false, body),
        };
        let (int, frac) = digits.split_once('.').unwrap();
        prop_assert!(!int.is_empty() && int.bytes().all(|b| b.is_ascii_digit()), "{s:?}");
        prop_assert!(frac.len() == 1 && frac.bytes().all(|b| b.is_ascii_digit()), "{s:?}");
        prop_assert!(!(negative && digits == "0.0"), "negative zero {s:?}");
        if celsius.is_finite() && celsius.abs() < 1e12 {
            let value: f64 = digits.parse::<f64>().unwrap() * if negative { -1.0 } else { 1.0 };
            prop_assert!((value - celsius).abs() <= 0.05 + 1e-9 * celsius.abs().max(1.0), "{celsius} printed {s:?}");
            let mirrored = weather::format_temperature(-celsius);
            if s == "0.0℃" {
                prop_assert_eq!(mirrored, s);
            } else if negative {
                prop_assert_eq!(format!("\u{2212}{mirrored}"), s);
            } else {
                prop_assert_eq!(mirrored, format!("\u{2212}{s}"));
            }
        }
    }

    #[test]
    fn sky_words_get_the_same_icon_whatever_the_spacing(
        word in prop_oneof![
            select(&["맑음", "청명", "구름조금", "구름많음", "흐림", "비", "약한비", "소나기", "눈", "비/눈", "진눈깨비", "안개", "박무", "연무", "황사", "뇌우", "뇌우끝·비", "천둥번개", "우박"]
).prop_map(str::to_owned),
            text(),
        ],
        spaces in vec((any::<Index>(), select(&[" ", "\t", "\n", "\u{3000}", "\u{a0}"]
)), 0..4),
        ascii in "[!-~]{0,20}",
    ) {
        let mut spaced = word.clone();
        for (at, ws) in spaces {
            let bounds: Vec<usize> = spaced.char_indices().map(|(i, _)| i).chain([spaced.len()]).collect();
            spaced.insert_str(bounds[at.index(bounds.len())], ws);
        }
        prop_assert_eq!(weather::icon_for(&spaced), weather::icon_for(&word));
        prop_assert_eq!(weather::icon_for(&ascii), Icon::Unknown);
    }

    #[test]
    fn the_belt_copy_never_exceeds_the_list(
        lefts in vec(any::<f64>(), 0..40),
        visible in any::<f64>(),
    ) {
        // The ticker slices its items with this count: it must fit.
        let n = weather::copy_len(&lefts, visible);
        prop_assert!(n <= lefts.len());
        prop_assert!(lefts.is_empty() || n >= 1);
    }

    #[test]
    fn sorted_stations_are_a_stable_ordered_permutation(
        stations in vec((select(&["서울", "강릉", "철원", "Seoul", "a"]
), select(&[-12.5f64, 0.0, -0.0, 3.4, 3.4, 59.9]
)), 0..30),
        by_name in any::<bool>(),
        ascending in any::<bool>(),
    ) {
        let input: Vec<Station> = stations
            .iter()
            .enumerate()
            .map(|(i, (name, t))| Station { id: Some(i.to_string()), name: (*name).into(), condition: String::new(), temperature_c: *t })
            .collect();
        let key = if by_name { SortKey::Name } else { SortKey::Temperature };
        let out = weather::sorted(&input, key, ascending);
        let mut ids: Vec<usize> = out.iter().map(|s| s.id.as_ref().unwrap().parse().unwrap()).collect();
        for (pair, idx) in out.windows(2).zip(ids.windows(2)) {
            let ord = if by_name {
                pair[0].name.cmp(&pair[1].name)
            } else {
                pair[0].temperature_c.partial_cmp(&pair[1].temperature_c).unwrap()
            };
            let ord = if ascending { ord } else { ord.reverse() };
            prop_assert!(ord.is_le(), "out of order: {:?}", pair);
            if ord.is_eq() {
                prop_assert!(idx[0] < idx[1], "tie reordered: {:?}", pair);
            }
        }
        ids.sort_unstable();
        prop_assert_eq!(ids, (0..input.len()).collect::<Vec<_>>());
    }

    // --- config -----------------------------------------------------------

    #[test]
    fn configuration_is_always_usable_whatever_the_meta_tags_say(
        values in vec(
            (
                select(&["api-base", "site-name", "site-description", "site-url", "kakao-app-key", "api-timeout-ms", "clock", "weather-refresh-ms", "preview-image", "api-max-article-bytes", "api-max-update-bytes", "gnuboard-boards"]
),
                prop_oneof![
                    text(),
                    select(&["/api", "https://cms.example/api", "https://news.example/", "abc123", "1500", "99", "120001", "2025-12-24T23:59:50+09:00", "2000", " 5000 ", "-5", "1e3", "/images/og-default.png", " javascript:alert(1)", "//evil.example/api", "/\\evil.example", "/api?x=1", "http://cms.example/p.png", "1023", "1024", "67108864", "67108865", "news", "news,photo", " news , ../x,news", "a b"]
).prop_map(str::to_owned),
                    "[0-9]{1,10}",
                    url_text(),
                ],
            ),
            0..10,
        ),
    ) {
        let map: HashMap<&str, String> = values.into_iter().collect();
        let c = Config::from_lookup(|name| map.get(name).cloned());
        let given = |name: &str| map.get(name).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        let base = c.api_base.to_ascii_lowercase();
        prop_assert!(
            base.starts_with('/') || base.starts_with("https://") || base.starts_with("http://"),
            "{:?}", c.api_base
        );
        prop_assert_eq!(c.api_base.trim(), c.api_base.as_str());
        // A same-origin path or an http(s) URL, nothing that leaves the
        // origin by the back door (`//host`, `/\\host`).
        check_url(&c.api_base)?;
        prop_assert!(!c.api_base.contains(['?', '#']), "{:?}", c.api_base);
        match given("api-base") {
            Some(b) if safe_url(&b).is_some_and(|u| !u.contains(['?', '#'])) => {
                prop_assert_eq!(c.api_base.as_str(), b.as_str());
            }
            _ => prop_assert_eq!(c.api_base.as_str(), "/api"),
        }
        for (name, limit, default) in [
            ("api-max-article-bytes", c.max_article_bytes, 2 * 1024 * 1024),
            ("api-max-update-bytes", c.max_update_bytes, 512 * 1024),
        ] {
            prop_assert!((1024..=64 * 1024 * 1024).contains(&limit), "{name} {limit}");
            if given(name).and_then(|v| v.parse::<u32>().ok()) != Some(limit) {
                prop_assert_eq!(limit, default);
            }
        }
        prop_assert!(!c.site_name.trim().is_empty());
        prop_assert_eq!(c.site_name.trim(), c.site_name.as_str());
        if given("site-name").is_none() {
            prop_assert_eq!(c.site_name.as_str(), DEFAULT_SITE_NAME);
        }
        prop_assert!(!c.site_url.ends_with('/'), "{:?}", c.site_url);
        if let Some(k) = &c.kakao_app_key {
            prop_assert!(!k.is_empty() && k.len() <= 64 && k.bytes().all(|b| b.is_ascii_alphanumeric()), "{k:?}");
        }
        prop_assert!((100..=120_000).contains(&c.timeout_ms));
        prop_assert!((1_000..=86_400_000).contains(&c.weather_refresh_ms));
        if let Some(t) = c.clock_start {
            check_instant(t)?;
            prop_assert!(given("clock").is_some());
        }
        prop_assert_eq!(c.site_description, given("site-description").unwrap_or_default());
        if let Some(p) = &c.preview_image {
            check_image_src(p)?;
        }
        // A safe preview image is kept as given (trimmed, `http://` made
        // `https://`), an unsafe one dropped.
        prop_assert_eq!(c.preview_image, given("preview-image").and_then(|p| safe_image_url(&p)));
        // Board tables only, each once.
        let tables = c.gnuboard_boards.tables();
        for (i, t) in tables.iter().enumerate() {
            prop_assert!(is_board_table(t) && !tables[..i].contains(t), "{tables:?}");
        }
        if given("gnuboard-boards").is_none() {
            prop_assert!(tables.is_empty());
        }
    }

    #[test]
    fn configured_site_url_is_empty_or_an_http_url_with_a_host(
        site in prop_oneof![
            "https?://[a-z.]{0,12}/{0,3}",
            select(&["https://", "http://", "https:///", "https://news.example/"]
).prop_map(str::to_owned),
            text(),
        ],
    ) {
        let c = Config::from_lookup(|name| (name == "site-url").then(|| site.clone()));
        if !c.site_url.is_empty() {
            let rest = c.site_url.strip_prefix("https://").or_else(|| c.site_url.strip_prefix("http://"));
            prop_assert!(rest.is_some_and(|r| !r.is_empty()), "site-url {:?} became {:?}", site, c.site_url);
        }
    }
}
