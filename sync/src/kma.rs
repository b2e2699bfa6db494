//! KMA API허브 surface observations (`kma_sfctm2.php`, hourly ASOS) to the
//! ticker's weather document.
//!
//! The answer is EUC-KR text: `#` header lines, then whitespace-separated
//! data lines between `#START7777` and `#7777END` (46 columns, `TM STN WD
//! WS … TA(11) … WW(24) CA_TOT(25) …`). A missing marker means the answer
//! was cut off, and a JSON body means the service refused the request;
//! both are errors rather than an empty ticker.
//!
//! Sky words, from the KMA sources gathered in
//! `/work/shared/notes/newsroom-data.md`: present-weather codes seen in the
//! answers come first (01 비, 02 이슬비, 04 소나기, 05 눈, 06 진눈깨비); the
//! ticker (`gazette_core::weather::icon_for`) has no 이슬비, so drizzle reads
//! 비. Fog, haze, dust and thunder codes are not documented by the API, so
//! any other code falls back to the total cloud amount in tenths with the
//! forecast convention: 0–5 맑음, 6–8 구름많음, 9–10 흐림. No cloud amount
//! gives no word (the ticker shows its neutral icon).

use gazette_core::contract::{decode_weather, limits, Station, Weather};
use gazette_core::encode;
use gazette_core::kst::parse_rfc3339;
use std::collections::HashMap;

/// The checked-in station table (`sync/stations.tsv`).
pub const STATIONS_TSV: &str = include_str!("../stations.tsv");

const COL_TM: usize = 0;
const COL_STN: usize = 1;
const COL_TA: usize = 11;
const COL_WW: usize = 24;
const COL_CA_TOT: usize = 25;

/// One station of the ticker: its ASOS number and the name shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StationName {
    pub number: u32,
    pub name: String,
}

/// What one data line says about the ticker's fields.
#[derive(Clone, Debug, PartialEq)]
struct Observation {
    observed_at: i64,
    temperature_c: Option<f64>,
    weather_code: Option<u32>,
    cloud_tenths: Option<u32>,
}

/// Reads the station table: one `number<TAB>name` per line, `#` comments
/// and blank lines skipped. The order is the ticker's order.
pub fn parse_stations(text: &str) -> Result<Vec<StationName>, String> {
    let mut stations: Vec<StationName> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let at = |msg: &str| format!("station table line {}: {msg}: {line:?}", i + 1);
        let (number, name) = line
            .split_once('\t')
            .ok_or_else(|| at("expected a number, a tab and a name"))?;
        let number: u32 = number
            .trim()
            .parse()
            .map_err(|_| at("the station number is not a whole number"))?;
        let name = gazette_core::sanitize::clean_text(name, limits::NAME, false)
            .ok_or_else(|| at("the name is empty"))?;
        if stations.iter().any(|s| s.number == number) {
            return Err(at("the station number is listed twice"));
        }
        stations.push(StationName { number, name });
    }
    Ok(stations)
}

/// The weather document from one `kma_sfctm2.php` answer. Stations come
/// in the table's order; those the answer lacks or gives no temperature
/// are left out. `observed_at` is the hour asked for with `tm=` (`None`
/// for the latest hour): lines of another hour are then ignored. The
/// document's time is the latest `TM` among the stations kept. Fewer than
/// `min_stations` usable stations is an error, so a bad hour does not
/// replace a good ticker.
pub fn weather(
    answer: &[u8],
    stations: &[StationName],
    min_stations: usize,
    observed_at: Option<i64>,
) -> Result<Weather, String> {
    refusal(answer)?;
    let text = encoding_rs::EUC_KR
        .decode_without_bom_handling_and_without_replacement(answer)
        .ok_or("KMA answer is not EUC-KR text")?;
    if text.trim().is_empty() {
        return Err("KMA answer is empty".into());
    }
    let observations = data_lines(&text)?;
    let kept: Vec<(Station, i64)> = stations
        .iter()
        .filter_map(|s| {
            let o = observations.get(&s.number)?;
            if observed_at.is_some_and(|t| t != o.observed_at) {
                return None;
            }
            Some((station(s, o)?, o.observed_at))
        })
        .take(limits::STATIONS)
        .collect();
    if kept.len() < min_stations {
        return Err(format!(
            "KMA answer has {} usable stations of the table's {}, fewer than the {min_stations} required",
            kept.len(),
            stations.len()
        ));
    }
    let w = Weather {
        provider: "기상청".into(),
        observed_at: kept.iter().map(|(_, t)| *t).max(),
        stations: kept.into_iter().map(|(s, _)| s).collect(),
    };
    let back = decode_weather(&encode::weather(&w)).map_err(|e| e.to_string())?;
    if back != w {
        return Err("the weather document does not read back unchanged".into());
    }
    Ok(w)
}

/// API허브 refuses with a JSON body (HTTP 403 when the key has not been
/// granted this service). It may not be EUC-KR, so it is looked at first.
fn refusal(answer: &[u8]) -> Result<(), String> {
    let trimmed = answer.trim_ascii_start();
    if !trimmed.starts_with(b"{") {
        return Ok(());
    }
    let json: serde_json::Value = serde_json::from_slice(trimmed)
        .map_err(|e| format!("KMA answer starts like JSON but is not: {e}"))?;
    let result = &json["result"];
    let status = result["status"].as_i64().unwrap_or_default();
    let message = result["message"]
        .as_str()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if status == 403 {
        return Err(format!(
            "KMA API허브 refused the key (403): apply for the service kma_sfctm2 (활용신청) on apihub.kma.go.kr first ({message})"
        ));
    }
    Err(format!(
        "KMA API허브 answered JSON instead of observations: status {status} ({message})"
    ))
}

/// The observations between the markers, by station number (the latest
/// one when a station is listed twice).
fn data_lines(text: &str) -> Result<HashMap<u32, Observation>, String> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let start = lines.iter().position(|l| l.starts_with("#START7777"));
    let end = lines.iter().position(|l| l.starts_with("#7777END"));
    let (Some(start), Some(end)) = (start, end) else {
        return Err("KMA answer is truncated: #START7777 or #7777END is missing".into());
    };
    if end < start {
        return Err("KMA answer has #7777END before #START7777".into());
    }
    let mut observations: HashMap<u32, Observation> = HashMap::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start + 1) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (number, o) =
            observation(line).map_err(|e| format!("KMA answer line {}: {e}", i + 1))?;
        match observations.get(&number) {
            Some(old) if old.observed_at >= o.observed_at => {}
            _ => {
                observations.insert(number, o);
            }
        }
    }
    Ok(observations)
}

fn observation(line: &str) -> Result<(u32, Observation), String> {
    let cols: Vec<&str> = line.split_whitespace().collect();
    if cols.len() <= COL_CA_TOT {
        return Err(format!(
            "{} columns, expected at least {}",
            cols.len(),
            COL_CA_TOT + 1
        ));
    }
    let number = cols[COL_STN]
        .parse()
        .map_err(|_| format!("STN {:?} is not a station number", cols[COL_STN]))?;
    Ok((
        number,
        Observation {
            observed_at: tm(cols[COL_TM])?,
            temperature_c: value(cols[COL_TA]),
            weather_code: code(cols[COL_WW]),
            cloud_tenths: code(cols[COL_CA_TOT]).filter(|n| *n <= 10),
        },
    ))
}

/// `TM`, `YYYYMMDDHHmm` in Korea time.
fn tm(raw: &str) -> Result<i64, String> {
    let b = raw.as_bytes();
    let iso = (b.len() == 12 && b.iter().all(u8::is_ascii_digit)).then(|| {
        format!(
            "{}-{}-{}T{}:{}:00+09:00",
            &raw[0..4],
            &raw[4..6],
            &raw[6..8],
            &raw[8..10],
            &raw[10..12]
        )
    });
    iso.as_deref()
        .and_then(parse_rfc3339)
        .ok_or_else(|| format!("TM {raw:?} is not YYYYMMDDHHmm"))
}

/// KMA's missing-value marks. A true reading of −9.0 ℃ looks the same as
/// the mark and is left out for that hour: a missing station is better
/// than a wrong temperature.
const MISSING: [&str; 3] = ["-9", "-9.0", "-99.0"];

/// A measured value, `None` when missing or unreadable.
fn value(raw: &str) -> Option<f64> {
    if MISSING.contains(&raw) {
        return None;
    }
    raw.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A code (`WW`, `CA_TOT`); `-` and the missing marks are none.
fn code(raw: &str) -> Option<u32> {
    raw.parse().ok()
}

/// The ticker's station, or `None` without a plausible temperature.
fn station(s: &StationName, o: &Observation) -> Option<Station> {
    let temperature_c = o.temperature_c.filter(|t| (-90.0..=60.0).contains(t))?;
    Some(Station {
        id: Some(s.number.to_string()),
        name: s.name.clone(),
        condition: sky_word(o.weather_code, o.cloud_tenths).to_owned(),
        temperature_c,
    })
}

/// The sky word: known present weather first, then the cloud amount.
pub fn sky_word(weather_code: Option<u32>, cloud_tenths: Option<u32>) -> &'static str {
    let weather = match weather_code {
        Some(1 | 2) => Some("비"),
        Some(4) => Some("소나기"),
        Some(5) => Some("눈"),
        Some(6) => Some("진눈깨비"),
        _ => None,
    };
    weather.unwrap_or(match cloud_tenths {
        Some(0..=5) => "맑음",
        Some(6..=8) => "구름많음",
        Some(9..=10) => "흐림",
        _ => "",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette_core::weather::{icon_for, Icon};

    /// A data line with the ticker's columns set and the rest missing.
    fn line(tm: &str, stn: u32, ta: &str, ww: &str, ca: &str) -> String {
        let mut cols = vec!["-9".to_owned(); 46];
        cols[COL_TM] = tm.into();
        cols[COL_STN] = stn.to_string();
        cols[COL_TA] = ta.into();
        cols[COL_WW] = ww.into();
        cols[COL_CA_TOT] = ca.into();
        cols.join(" ")
    }

    fn answer(lines: &[String]) -> Vec<u8> {
        let text = format!(
            "#START7777\n#--------------------------------\n# 지상관측자료 (시간자료)\n\
             # YYMMDDHHMI STN  WD   WS ...\n{}\n#7777END\n",
            lines.join("\n")
        );
        let (bytes, _, unmappable) = encoding_rs::EUC_KR.encode(&text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn table() -> Vec<StationName> {
        parse_stations("90\t속초\n95\t철원\n98\t동두천\n99\t파주\n101\t춘천\n").unwrap()
    }

    const TM: &str = "202512241500";

    fn at_tm() -> i64 {
        parse_rfc3339("2025-12-24T15:00:00+09:00").unwrap()
    }

    #[test]
    fn stations_come_in_table_order_with_sky_words() {
        let a = answer(&[
            line(TM, 101, "2.4", "-", "10"),
            line(TM, 90, "7.2", "-", "7"),
            line(TM, 95, "-1.2", "01", "10"),
            line(TM, 99, "2.9", "-", "3"),
            line(TM, 400, "1.0", "-", "0"),
        ]);
        let w = weather(&a, &table(), 3, None).unwrap();
        let got: Vec<_> = w
            .stations
            .iter()
            .map(|s| (s.name.as_str(), s.condition.as_str(), s.temperature_c))
            .collect();
        assert_eq!(
            got,
            [
                ("속초", "구름많음", 7.2),
                ("철원", "비", -1.2),
                ("파주", "맑음", 2.9),
                ("춘천", "흐림", 2.4)
            ]
        );
        assert_eq!(w.stations[0].id.as_deref(), Some("90"));
        assert_eq!(w.observed_at, Some(at_tm()));
        assert_eq!(w.provider, "기상청");
    }

    #[test]
    fn missing_temperatures_drop_the_station_and_missing_sky_is_no_word() {
        let a = answer(&[
            line(TM, 90, "-99.0", "-", "7"),
            line(TM, 95, "-9.0", "-", "7"),
            line(TM, 98, "2.0", "-", "-9"),
            line(TM, 99, "abc", "-", "3"),
        ]);
        let w = weather(&a, &table(), 1, None).unwrap();
        assert_eq!(w.stations.len(), 1);
        assert_eq!(
            (
                w.stations[0].name.as_str(),
                w.stations[0].condition.as_str()
            ),
            ("동두천", "")
        );
    }

    #[test]
    fn known_weather_codes_win_and_unknown_ones_fall_back_to_clouds() {
        assert_eq!(sky_word(Some(1), Some(0)), "비");
        assert_eq!(sky_word(Some(2), None), "비");
        assert_eq!(sky_word(Some(4), Some(10)), "소나기");
        assert_eq!(sky_word(Some(5), Some(10)), "눈");
        assert_eq!(sky_word(Some(6), Some(10)), "진눈깨비");
        assert_eq!(sky_word(Some(40), Some(9)), "흐림", "an undocumented code");
        assert_eq!(sky_word(None, Some(5)), "맑음");
        assert_eq!(sky_word(None, Some(6)), "구름많음");
        assert_eq!(sky_word(None, Some(8)), "구름많음");
        assert_eq!(sky_word(None, Some(11)), "");
        let a = answer(&[
            line(TM, 90, "7.2", "9", "4"),
            line(TM, 95, "1.2", "05", "10"),
        ]);
        let w = weather(&a, &table(), 2, None).unwrap();
        assert_eq!(w.stations[0].condition, "맑음");
        assert_eq!(w.stations[1].condition, "눈");
    }

    #[test]
    fn every_sky_word_has_a_ticker_icon() {
        for ww in [None, Some(1), Some(2), Some(4), Some(5), Some(6), Some(99)] {
            for ca in 0..=10 {
                let word = sky_word(ww, Some(ca));
                assert_ne!(icon_for(word), Icon::Unknown, "{word}");
            }
        }
    }

    #[test]
    fn a_truncated_answer_is_an_error() {
        let mut a = answer(&[line(TM, 90, "7.2", "-", "7")]);
        let cut = a.len() - "#7777END\n".len();
        a.truncate(cut);
        assert!(weather(&a, &table(), 1, None)
            .unwrap_err()
            .contains("truncated"));
        let (no_start, _, _) = encoding_rs::EUC_KR.encode("# 헤더\n");
        assert!(weather(&no_start, &table(), 0, None)
            .unwrap_err()
            .contains("truncated"));
    }

    #[test]
    fn empty_and_undecodable_answers_are_errors() {
        assert!(weather(b"", &table(), 1, None)
            .unwrap_err()
            .contains("empty"));
        assert!(weather(b" \n", &table(), 1, None)
            .unwrap_err()
            .contains("empty"));
        assert!(weather(&[0x23, 0xFF, 0xFF, 0x0A], &table(), 1, None)
            .unwrap_err()
            .contains("EUC-KR"));
    }

    #[test]
    fn a_refused_key_says_the_service_must_be_applied_for() {
        let body =
            r#"{"result":{"status":403,"message":"활용신청이 필요한 API 입니다.\n(apihub)"}}"#;
        let e = weather(body.as_bytes(), &table(), 1, None).unwrap_err();
        assert!(
            e.contains("403") && e.contains("apply for") && e.contains("활용신청이 필요한"),
            "{e}"
        );
        assert!(!e.contains('\n'), "one line: {e}");
        let other = weather(
            br#"{"result":{"status":500,"message":"x"}}"#,
            &table(),
            1,
            None,
        );
        assert!(other.unwrap_err().contains("status 500"));
    }

    #[test]
    fn too_few_stations_is_an_error() {
        let a = answer(&[line(TM, 90, "7.2", "-", "7")]);
        let e = weather(&a, &table(), 2, None).unwrap_err();
        assert!(
            e.contains("1 usable stations") && e.contains("2 required"),
            "{e}"
        );
    }

    #[test]
    fn malformed_lines_are_errors_naming_the_line() {
        let a = answer(&["202512241500 90 7.2".to_owned()]);
        let e = weather(&a, &table(), 0, None).unwrap_err();
        assert!(e.contains("line 5") && e.contains("columns"), "{e}");
        let a = answer(&[line("2025122415", 90, "7.2", "-", "7")]);
        assert!(weather(&a, &table(), 0, None).unwrap_err().contains("TM"));
    }

    #[test]
    fn lines_of_another_hour_are_ignored_when_an_hour_was_asked_for() {
        let a = answer(&[
            line(TM, 90, "7.2", "-", "7"),
            line("202512241400", 95, "1.0", "-", "7"),
        ]);
        let w = weather(&a, &table(), 1, Some(at_tm())).unwrap();
        assert_eq!(w.stations.len(), 1);
        let latest = weather(&a, &table(), 2, None).unwrap();
        assert_eq!(latest.observed_at, Some(at_tm()));
    }

    #[test]
    fn the_document_reads_back_unchanged() {
        let a = answer(&[
            line(TM, 90, "-12.5", "-", "0"),
            line(TM, 95, "0.1", "06", "-9"),
        ]);
        let w = weather(&a, &table(), 2, None).unwrap();
        assert_eq!(decode_weather(&encode::weather(&w)).unwrap(), w);
    }

    #[test]
    fn the_checked_in_table_holds_the_reference_stations_in_order() {
        let stations = parse_stations(STATIONS_TSV).unwrap();
        assert_eq!(stations.len(), 97);
        let first: Vec<_> = stations
            .iter()
            .take(7)
            .map(|s| (s.number, s.name.as_str()))
            .collect();
        assert_eq!(
            first,
            [
                (90, "속초"),
                (93, "북춘천"),
                (95, "철원"),
                (98, "동두천"),
                (99, "파주"),
                (100, "대관령"),
                (101, "춘천")
            ]
        );
        assert!(stations.windows(2).all(|w| w[0].number < w[1].number));
        assert!(stations
            .iter()
            .any(|s| s.number == 252 && s.name == "영광군"));
    }

    #[test]
    fn bad_station_tables_are_errors_naming_the_line() {
        assert!(parse_stations("# c\n90\t속초\nx\t서울\n")
            .unwrap_err()
            .contains("line 3"));
        assert!(parse_stations("90 속초\n").unwrap_err().contains("tab"));
        assert!(parse_stations("90\t속초\n90\t서울\n")
            .unwrap_err()
            .contains("twice"));
        assert!(parse_stations("90\t \n").unwrap_err().contains("empty"));
    }
}
