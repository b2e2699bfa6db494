//! Korea Standard Time (Asia/Seoul, UTC+9, no daylight saving): parsing the
//! contract's RFC 3339 timestamps and formatting instants the way Korean
//! newspapers print them, whatever time zone the reader's device is in.
//!
//! Instants are plain Unix seconds (`i64`) so the rules are testable natively
//! without a clock or a time-zone database.

/// Offset of Korea Standard Time from UTC, in seconds.
pub const KST_OFFSET_SECS: i64 = 9 * 3600;
const DAY_SECS: i64 = 86_400;

/// Korean weekday names, Monday first.
const WEEKDAYS: [&str; 7] = ["월", "화", "수", "목", "금", "토", "일"];

/// A calendar date and wall-clock time in Korea.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KstDateTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 0 = Monday … 6 = Sunday.
    pub weekday: u32,
}

impl KstDateTime {
    /// The Korean wall-clock reading of a Unix instant.
    pub fn from_unix(secs: i64) -> Self {
        let local = secs + KST_OFFSET_SECS;
        let days = local.div_euclid(DAY_SECS);
        let rem = local.rem_euclid(DAY_SECS);
        let (year, month, day) = civil_from_days(days);
        // 1970-01-01 was a Thursday (index 3 when Monday is 0).
        let weekday = (days + 3).rem_euclid(7) as u32;
        Self {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem % 3600 / 60) as u32,
            second: (rem % 60) as u32,
            weekday,
        }
    }

    /// Korean weekday name, e.g. "수".
    pub fn weekday_name(&self) -> &'static str {
        WEEKDAYS[self.weekday as usize % 7]
    }
}

/// The header's date line: `2025.12.24 (수)`.
pub fn date_line(secs: i64) -> String {
    let t = KstDateTime::from_unix(secs);
    format!(
        "{:04}.{:02}.{:02} ({})",
        t.year,
        t.month,
        t.day,
        t.weekday_name()
    )
}

/// Date and time as printed in bylines: `2025.12.24 14:30`.
pub fn date_time(secs: i64) -> String {
    let t = KstDateTime::from_unix(secs);
    format!(
        "{:04}.{:02}.{:02} {:02}:{:02}",
        t.year, t.month, t.day, t.hour, t.minute
    )
}

/// Wall-clock time only: `15:00`.
pub fn clock(secs: i64) -> String {
    let t = KstDateTime::from_unix(secs);
    format!("{:02}:{:02}", t.hour, t.minute)
}

/// ISO date-time in Korea time with its offset, for `<time datetime>`.
pub fn iso_kst(secs: i64) -> String {
    let t = KstDateTime::from_unix(secs);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+09:00",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// `secs` as RFC 3339 text that [`parse_rfc3339`] reads back to the same
/// instant: in Korea time, or, for the few instants whose Korean date has no
/// four-digit year (the parser accepts offsets up to ±23:59), at the offset
/// that gives one. `None` when no offset does.
pub fn rfc3339(secs: i64) -> Option<String> {
    const EDGE: i64 = 23 * 3600 + 59 * 60;
    [KST_OFFSET_SECS, -EDGE, EDGE]
        .into_iter()
        .find_map(|offset| {
            let t = KstDateTime::from_unix(secs + offset - KST_OFFSET_SECS);
            (0..=9999).contains(&t.year).then(|| {
                let (sign, abs) = if offset < 0 {
                    ('-', -offset)
                } else {
                    ('+', offset)
                };
                format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{sign}{:02}:{:02}",
                    t.year,
                    t.month,
                    t.day,
                    t.hour,
                    t.minute,
                    t.second,
                    abs / 3600,
                    abs % 3600 / 60
                )
            })
        })
}

/// The first instant of the next Korean calendar day after `secs`.
pub fn next_midnight(secs: i64) -> i64 {
    let local = secs + KST_OFFSET_SECS;
    (local.div_euclid(DAY_SECS) + 1) * DAY_SECS - KST_OFFSET_SECS
}

/// How long a once-a-minute clock should wait from `now_ms` (Unix ms) for
/// its next tick: a minute, or just past the next 00:00 KST if that is sooner,
/// so the date rolls over on time and a sleeping device catches up quickly.
pub fn ms_until_next_tick(now_ms: f64) -> u32 {
    const MINUTE_MS: f64 = 60_000.0;
    // Beyond ±30,000 years the date arithmetic would overflow; no clock
    // says that anyway.
    if !now_ms.is_finite() || now_ms.abs() > 1e15 {
        return MINUTE_MS as u32;
    }
    let secs = (now_ms / 1000.0).floor() as i64;
    let to_midnight = next_midnight(secs) as f64 * 1000.0 - now_ms;
    // 20 ms past midnight so the new date is certain when it fires.
    (to_midnight + 20.0).clamp(20.0, MINUTE_MS) as u32
}

/// Whole years between two instants, counted on the Korean calendar
/// (a story from 2023.12.25 is 1 year old on 2025.12.24, 2 on 2025.12.25).
pub fn whole_years_between(earlier: i64, later: i64) -> i64 {
    if later <= earlier {
        return 0;
    }
    let a = KstDateTime::from_unix(earlier);
    let b = KstDateTime::from_unix(later);
    let mut years = b.year - a.year;
    if (b.month, b.day, b.hour, b.minute, b.second) < (a.month, a.day, a.hour, a.minute, a.second) {
        years -= 1;
    }
    years.max(0)
}

/// Parses an RFC 3339 timestamp with an explicit offset
/// (`2025-12-24T14:30:00+09:00`, `2025-12-24T05:30:00.123Z`) into Unix seconds.
/// Anything else, including out-of-range fields, is `None`.
pub fn parse_rfc3339(input: &str) -> Option<i64> {
    let s = input.trim().as_bytes();
    if s.len() < 20 || s.len() > 40 {
        return None;
    }
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(range)?;
        if part.is_empty() || !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(part).ok()?.parse().ok()
    };
    let year = num(0..4)?;
    let month = num(5..7)?;
    let day = num(8..10)?;
    let hour = num(11..13)?;
    let minute = num(14..16)?;
    let second = num(17..19)?;
    if s[4] != b'-' || s[7] != b'-' || !matches!(s[10], b'T' | b't' | b' ') {
        return None;
    }
    if s[13] != b':' || s[16] != b':' {
        return None;
    }
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month as u32) as i64
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    if rest.first() == Some(&b'.') {
        let digits = rest[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &rest[1 + digits..];
    }
    let offset = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let oh = i64::from(h1 - b'0') * 10 + i64::from(h2 - b'0');
            let om = i64::from(m1 - b'0') * 10 + i64::from(m2 - b'0');
            if oh > 23 || om > 59 {
                return None;
            }
            let total = oh * 3600 + om * 60;
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return None,
    };
    let days = days_from_civil(year, month as u32, day as u32);
    Some(days * DAY_SECS + hour * 3600 + minute * 60 + second.min(59) - offset)
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).expect("valid timestamp")
    }

    #[test]
    fn clock_ticks_at_korean_midnight_or_each_minute() {
        let just_before = at("2025-12-24T23:59:59+09:00") as f64 * 1000.0 + 500.0;
        assert_eq!(ms_until_next_tick(just_before), 520);
        assert_eq!(
            date_line(((just_before + 520.0) / 1000.0).floor() as i64),
            "2025.12.25 (목)"
        );
        let noon = at("2025-12-24T12:00:00+09:00") as f64 * 1000.0;
        assert_eq!(ms_until_next_tick(noon), 60_000);
        assert_eq!(ms_until_next_tick(f64::NAN), 60_000);
        assert_eq!(ms_until_next_tick(1e300), 60_000);
        // Midnight in Korea is 15:00 UTC, whatever the device's zone.
        let utc_1459 = at("2025-12-24T14:59:30Z") as f64 * 1000.0;
        assert_eq!(ms_until_next_tick(utc_1459), 30_020);
    }

    #[test]
    fn date_line_uses_korean_weekday() {
        assert_eq!(
            date_line(at("2025-12-24T10:00:00+09:00")),
            "2025.12.24 (수)"
        );
        assert_eq!(
            date_line(at("2026-11-29T12:00:00+09:00")),
            "2026.11.29 (일)"
        );
        assert_eq!(
            date_line(at("2026-11-30T12:00:00+09:00")),
            "2026.11.30 (월)"
        );
    }

    #[test]
    fn utc_evening_is_already_tomorrow_in_korea() {
        // 15:00 UTC on the 23rd is 00:00 KST on the 24th.
        assert_eq!(date_line(at("2025-12-23T15:00:00Z")), "2025.12.24 (수)");
        assert_eq!(date_line(at("2025-12-23T14:59:59Z")), "2025.12.23 (화)");
    }

    #[test]
    fn device_time_zone_does_not_matter() {
        // The same instant written in Los Angeles time (UTC-8).
        assert_eq!(
            at("2025-12-23T07:00:00-08:00"),
            at("2025-12-24T00:00:00+09:00")
        );
        assert_eq!(
            date_line(at("2025-12-23T07:00:00-08:00")),
            "2025.12.24 (수)"
        );
    }

    #[test]
    fn byline_and_clock_formats() {
        let t = at("2025-12-24T05:30:09Z");
        assert_eq!(date_time(t), "2025.12.24 14:30");
        assert_eq!(clock(t), "14:30");
        assert_eq!(iso_kst(t), "2025-12-24T14:30:09+09:00");
    }

    #[test]
    fn parses_fractions_and_lowercase_z() {
        assert_eq!(at("1970-01-01T00:00:00.250z"), 0);
        assert_eq!(at("1970-01-01T09:00:00+09:00"), 0);
    }

    #[test]
    fn rejects_malformed_timestamps() {
        for bad in [
            "",
            "2025-12-24",
            "2025-12-24T14:30:00",
            "2025-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2025-12-24T24:00:00Z",
            "2025-12-24T14:30:00+9:00",
            "2025-12-24T14:30:00.Z",
            "２０２５-12-24T14:30:00Z",
            "2025-12-24T14:30:00+09:00 trailing",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad:?}");
        }
        assert!(parse_rfc3339("2024-02-29T00:00:00Z").is_some());
    }

    #[test]
    fn next_midnight_is_korean_midnight() {
        let before = at("2025-12-24T23:59:59+09:00");
        assert_eq!(next_midnight(before), at("2025-12-25T00:00:00+09:00"));
        let exactly = at("2025-12-25T00:00:00+09:00");
        assert_eq!(next_midnight(exactly), at("2025-12-26T00:00:00+09:00"));
    }

    #[test]
    fn whole_years_follow_the_calendar() {
        let published = at("2023-12-25T09:00:00+09:00");
        assert_eq!(
            whole_years_between(published, at("2025-12-24T09:00:00+09:00")),
            1
        );
        assert_eq!(
            whole_years_between(published, at("2025-12-25T09:00:00+09:00")),
            2
        );
        assert_eq!(whole_years_between(published, published - 10), 0);
    }

    #[test]
    fn civil_round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
