//! Rules of the weather ticker: how a station reads, which icon a KMA sky
//! word gets, when data is stale, and how the all-stations table sorts.

use crate::contract::Station;
use std::cmp::Ordering;

/// Observations older than this are marked stale.
pub const STALE_AFTER_SECS: i64 = 3 * 3600;
/// How often the ticker refreshes, in milliseconds.
pub const REFRESH_MS: u32 = 10 * 60 * 1000;
/// Ticker speed, whatever the number of stations.
pub const SPEED_PX_PER_SEC: f64 = 60.0;

/// One decimal and a real minus sign: `−3.2℃`, `0.0℃`, `15.8℃`.
pub fn format_temperature(celsius: f64) -> String {
    let tenths = (celsius * 10.0).round();
    if tenths == 0.0 || !tenths.is_finite() {
        return "0.0℃".to_owned();
    }
    let abs = tenths.abs() as u64;
    let sign = if tenths < 0.0 { "\u{2212}" } else { "" };
    format!("{sign}{}.{}℃", abs / 10, abs % 10)
}

/// The pictogram drawn for a sky condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Icon {
    Clear,
    PartlyCloudy,
    MostlyCloudy,
    Overcast,
    Rain,
    Shower,
    Snow,
    Sleet,
    Fog,
    Mist,
    Haze,
    Dust,
    Thunder,
    Unknown,
}

impl Icon {
    /// The class that shows this pictogram on a `.wx-icon` (from the strip
    /// `public/images/weather-icons.svg`, see `style/main.css`).
    pub fn class(self) -> &'static str {
        match self {
            Icon::Clear => "wx-clear",
            Icon::PartlyCloudy => "wx-partly",
            Icon::MostlyCloudy => "wx-mostly",
            Icon::Overcast => "wx-overcast",
            Icon::Rain => "wx-rain",
            Icon::Shower => "wx-shower",
            Icon::Snow => "wx-snow",
            Icon::Sleet => "wx-sleet",
            Icon::Fog => "wx-fog",
            Icon::Mist => "wx-mist",
            Icon::Haze => "wx-haze",
            Icon::Dust => "wx-dust",
            Icon::Thunder => "wx-thunder",
            Icon::Unknown => "wx-unknown",
        }
    }

    pub const ALL: [Icon; 14] = [
        Icon::Clear,
        Icon::PartlyCloudy,
        Icon::MostlyCloudy,
        Icon::Overcast,
        Icon::Rain,
        Icon::Shower,
        Icon::Snow,
        Icon::Sleet,
        Icon::Fog,
        Icon::Mist,
        Icon::Haze,
        Icon::Dust,
        Icon::Thunder,
        Icon::Unknown,
    ];
}

/// Maps a KMA sky word (맑음, 구름많음, 뇌우끝·비 …) to its icon. Spaces are
/// ignored; an unknown word gets the neutral icon and keeps its text.
pub fn icon_for(condition: &str) -> Icon {
    let word: String = condition.chars().filter(|c| !c.is_whitespace()).collect();
    match word.as_str() {
        "맑음" | "청명" => Icon::Clear,
        "구름조금" => Icon::PartlyCloudy,
        "구름많음" => Icon::MostlyCloudy,
        "흐림" => Icon::Overcast,
        "비" | "약한비" | "강한비" | "가끔비" | "비끝" => Icon::Rain,
        "소나기" => Icon::Shower,
        "눈" | "약한눈" | "강한눈" | "가끔눈" | "눈끝" => Icon::Snow,
        "비/눈" | "눈/비" | "진눈깨비" | "비또는눈" => Icon::Sleet,
        "안개" | "안개비" => Icon::Fog,
        "박무" => Icon::Mist,
        "연무" => Icon::Haze,
        "황사" => Icon::Dust,
        _ if word.starts_with("뇌우") || word.starts_with("천둥") => Icon::Thunder,
        _ => Icon::Unknown,
    }
}

/// Whether an observation should be flagged as out of date.
pub fn is_stale(observed_at: Option<i64>, now: i64) -> bool {
    match observed_at {
        Some(t) => now - t > STALE_AFTER_SECS,
        None => true,
    }
}

/// How many leading stations the belt's copy needs: those that start
/// within the visible width (offsets from the list's start, in order), plus
/// one that fills the rest, so the copy covers the visible width when the
/// loop turns. Never more than the list.
pub fn copy_len(item_lefts: &[f64], visible_width: f64) -> usize {
    let starting_inside = item_lefts
        .iter()
        .take_while(|&&left| left < visible_width || left.is_nan())
        .count();
    (starting_inside + 1).min(item_lefts.len())
}

/// Stations the belt adds per task. A first answer of about ninety
/// stations built in one task is one long task on a phone during the page's
/// start; a slice of this many costs about a quarter of it.
pub const BELT_SLICE: usize = 24;

/// How many stations the belt shows after its next step, when it shows
/// `shown` of `total`: one more slice while some are missing, all of a list
/// that shrank, and never more than the list.
pub fn next_shown(shown: usize, total: usize) -> usize {
    if shown >= total {
        total
    } else {
        shown.saturating_add(BELT_SLICE).min(total)
    }
}

/// Seconds one loop of the ticker takes so that it moves at
/// [`SPEED_PX_PER_SEC`] whatever its width.
pub fn loop_duration_secs(track_width_px: f64) -> f64 {
    if !track_width_px.is_finite() || track_width_px <= 0.0 {
        return 60.0;
    }
    (track_width_px / SPEED_PX_PER_SEC).clamp(5.0, 3_600.0)
}

/// The key of `station`'s row at `position` in a keyed list (the belt, the
/// all-stations table): everything the row shows, so a refresh that
/// changes a figure rebuilds the row, and one that changes nothing keeps it.
pub fn row_key(position: usize, station: &Station) -> (usize, String, String, u64) {
    (
        position,
        station.name.clone(),
        station.condition.clone(),
        station.temperature_c.to_bits(),
    )
}

/// Columns of the all-stations table the reader can sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Temperature,
}

/// Sorts a copy of the stations; ties keep the feed's order.
pub fn sorted(stations: &[Station], key: SortKey, ascending: bool) -> Vec<Station> {
    let mut out = stations.to_vec();
    out.sort_by(|a, b| {
        let ord = match key {
            SortKey::Name => a.name.cmp(&b.name),
            SortKey::Temperature => a
                .temperature_c
                .partial_cmp(&b.temperature_c)
                .unwrap_or(Ordering::Equal),
        };
        if ascending {
            ord
        } else {
            ord.reverse()
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_rebuilt_when_anything_it_shows_changes() {
        let a = st("속초", 7.2);
        assert_eq!(row_key(0, &a), row_key(0, &a.clone()));
        assert_ne!(row_key(0, &a), row_key(1, &a));
        assert_ne!(row_key(0, &a), row_key(0, &st("속초", 7.3)));
        assert_ne!(row_key(0, &a), row_key(0, &st("강릉", 7.2)));
        let snow = Station {
            condition: "눈".to_owned(),
            ..a.clone()
        };
        assert_ne!(row_key(0, &a), row_key(0, &snow));
    }

    fn st(name: &str, t: f64) -> Station {
        Station {
            id: None,
            name: name.into(),
            condition: "흐림".into(),
            temperature_c: t,
        }
    }

    #[test]
    fn the_belt_grows_a_slice_at_a_time_up_to_the_list() {
        let mut steps = vec![0];
        while let Some(&n) = steps.last().filter(|&&n| n < 93) {
            steps.push(next_shown(n, 93));
        }
        assert_eq!(steps, [0, 24, 48, 72, 93]);
        assert_eq!(next_shown(0, 5), 5);
        assert_eq!(next_shown(0, 0), 0);
        // A refresh with fewer stations shows the new list at once.
        assert_eq!(next_shown(93, 40), 40);
        assert_eq!(next_shown(usize::MAX - 1, usize::MAX), usize::MAX);
    }

    #[test]
    fn temperatures_use_one_decimal_and_a_real_minus() {
        assert_eq!(format_temperature(3.4), "3.4℃");
        assert_eq!(format_temperature(-3.25), "\u{2212}3.3℃");
        assert_eq!(format_temperature(-0.04), "0.0℃");
        assert_eq!(format_temperature(15.0), "15.0℃");
        assert_eq!(format_temperature(-12.0), "−12.0℃");
    }

    #[test]
    fn every_kma_word_has_its_icon() {
        let cases = [
            ("맑음", Icon::Clear),
            ("구름조금", Icon::PartlyCloudy),
            ("구름많음", Icon::MostlyCloudy),
            ("흐림", Icon::Overcast),
            ("비", Icon::Rain),
            ("눈", Icon::Snow),
            ("비/눈", Icon::Sleet),
            ("진눈깨비", Icon::Sleet),
            ("소나기", Icon::Shower),
            ("안개", Icon::Fog),
            ("박무", Icon::Mist),
            ("연무", Icon::Haze),
            ("황사", Icon::Dust),
            ("뇌우", Icon::Thunder),
            ("뇌우끝·비", Icon::Thunder),
            (" 구름 많음 ", Icon::MostlyCloudy),
        ];
        for (word, icon) in cases {
            assert_eq!(icon_for(word), icon, "{word}");
        }
    }

    #[test]
    fn unknown_word_gets_the_neutral_icon() {
        assert_eq!(icon_for("우박"), Icon::Unknown);
        assert_eq!(icon_for(""), Icon::Unknown);
    }

    #[test]
    fn icon_classes_are_distinct() {
        let mut ids: Vec<_> = Icon::ALL.iter().map(|i| i.class()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Icon::ALL.len());
    }

    #[test]
    fn data_older_than_three_hours_is_stale() {
        let now = 1_000_000;
        assert!(!is_stale(Some(now - 3 * 3600), now));
        assert!(is_stale(Some(now - 3 * 3600 - 1), now));
        assert!(is_stale(None, now));
    }

    #[test]
    fn the_copy_covers_the_visible_width_and_no_more() {
        let lefts = [0.0, 120.0, 250.0, 380.0, 500.0, 640.0];
        // 390 px visible: items starting at 0..380 plus the one that fills
        // the rest (starting at 500).
        assert_eq!(copy_len(&lefts, 390.0), 5);
        assert_eq!(copy_len(&lefts, 380.0), 4);
        assert_eq!(copy_len(&lefts, 10_000.0), 6);
        assert_eq!(copy_len(&lefts, 0.0), 1);
        assert_eq!(copy_len(&[], 390.0), 0);
        // Before layout every offset may be NaN: copy everything.
        assert_eq!(copy_len(&[f64::NAN; 3], 390.0), 3);
    }

    #[test]
    fn loop_duration_keeps_speed_constant() {
        assert_eq!(loop_duration_secs(600.0), 10.0);
        assert_eq!(loop_duration_secs(6_000.0), 100.0);
        assert_eq!(loop_duration_secs(f64::NAN), 60.0);
    }

    #[test]
    fn stations_sort_by_name_and_temperature() {
        let list = [st("서울", 3.4), st("강릉", 9.2), st("철원", -1.2)];
        let by_name: Vec<_> = sorted(&list, SortKey::Name, true)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(by_name, ["강릉", "서울", "철원"]);
        let coldest_last: Vec<_> = sorted(&list, SortKey::Temperature, false)
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(coldest_last, ["강릉", "서울", "철원"]);
    }
}
