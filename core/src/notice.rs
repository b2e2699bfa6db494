//! Popup notice rules in plain Rust: which notices are active, the
//! "오늘 하루 보지 않기" snooze records kept in localStorage, the one-at-a-time
//! pager of the layer, and where a notice's link may lead.
//!
//! Instants are Unix seconds from [`crate::clock::now_secs`]; "today" always
//! ends at 00:00 Korea time, whatever time zone the reader's device is in.

use crate::codec;
#[cfg(test)]
use crate::contract::Devices;
use crate::contract::{limits, Notice};
use crate::ids::is_valid_id;
use crate::kst::next_midnight;
use crate::lenient::{object, List, Num, Obj, Str};
use serde::Serialize;

/// Whether `now` lies within the notice's [`starts_at`, `ends_at`); a missing
/// bound is open.
pub fn is_active(notice: &Notice, now: i64) -> bool {
    notice.starts_at.is_none_or(|start| start <= now) && notice.ends_at.is_none_or(|end| now < end)
}

/// The active notices for a reader who sees the phone layout (`phone`) or
/// the desktop one, in feed order (the notice centre's list).
pub fn active(notices: &[Notice], now: i64, phone: bool) -> Vec<Notice> {
    notices
        .iter()
        .filter(|n| is_active(n, now) && n.devices.includes(phone))
        .cloned()
        .collect()
}

/// The notices the layer opens with: [`active`] and not snoozed.
pub fn due(notices: &[Notice], snoozes: &Snoozes, now: i64, phone: bool) -> Vec<Notice> {
    notices
        .iter()
        .filter(|n| is_active(n, now) && n.devices.includes(phone) && !snoozes.is_snoozed(n, now))
        .cloned()
        .collect()
}

/// The snooze button's words: "오늘 하루 보지 않기", or "N시간 동안 보지 않기"
/// for a notice with its own `snooze_hours`.
pub fn snooze_label(notice: &Notice) -> String {
    match notice.snooze_hours {
        Some(hours) => format!("{hours}시간 동안 보지 않기"),
        None => "오늘 하루 보지 않기".to_owned(),
    }
}

/// How the notice centre marks a snoozed notice: "오늘 하루 숨김", or "N시간
/// 숨김" for a notice with its own `snooze_hours`.
pub fn snoozed_label(notice: &Notice) -> String {
    match notice.snooze_hours {
        Some(hours) => format!("{hours}시간 숨김"),
        None => "오늘 하루 숨김".to_owned(),
    }
}

/// The latest a snooze made at `now` can last: the next Korean midnight, or
/// [`limits::SNOOZE_HOURS`] for a notice with its own duration.
fn longest_snooze(now: i64) -> i64 {
    next_midnight(now).max(now + i64::from(limits::SNOOZE_HOURS) * 3600)
}

/// Format marker of the stored record; anything else is an old or foreign
/// value and is dropped.
const FORMAT: i64 = 1;
/// A stored value longer than this is not ours and is not even parsed.
const MAX_STORED_LEN: usize = 16 * 1024;
/// More records than the feed can hold notices means the value is not ours.
const MAX_RECORDS: usize = limits::NOTICES * 2;

/// "오늘 하루 보지 않기" for one version of one notice, until 00:00 KST.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Snooze {
    pub id: String,
    pub version: Option<String>,
    /// Unix seconds: the first Korean midnight after the reader snoozed.
    pub until: i64,
}

impl Snooze {
    fn matches(&self, notice: &Notice) -> bool {
        self.id == notice.id && self.version == notice.version
    }

    /// One record of the stored list, or `None` for anything malformed,
    /// expired, or lasting longer than any record made by
    /// [`Snoozes::snooze`] can (it would hide a notice too long).
    fn from_raw(raw: RawSnooze, now: i64) -> Option<Self> {
        let id = raw.id.0.filter(|id| is_valid_id(id))?;
        let version = match (raw.version.0, raw.version_kind_ok) {
            (None, true) => None,
            (Some(v), _) if !v.trim().is_empty() && v.chars().count() <= limits::VERSION => Some(v),
            _ => return None,
        };
        let until = raw.until.integer()?;
        (now < until && until <= longest_snooze(now)).then_some(Self { id, version, until })
    }
}

/// A stored record as read: `version` is a string or `null` (or missing);
/// any other kind makes the record foreign.
#[derive(Default)]
struct RawSnooze {
    id: Str,
    until: Num,
    version: Str,
    version_kind_ok: bool,
}

impl<'de> crate::lenient::FromMap<'de> for RawSnooze {
    fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> Result<Self, A::Error> {
        let mut out = Self {
            version_kind_ok: true,
            ..Self::default()
        };
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => out.id = map.next_value()?,
                "until" => out.until = map.next_value()?,
                "version" => {
                    let v: Option<StrOrNull> = map.next_value()?;
                    (out.version, out.version_kind_ok) = match v {
                        None => (Str(None), true),
                        Some(StrOrNull(s)) => (Str(s.clone()), s.is_some()),
                    };
                }
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(out)
    }
}

/// A value that is a string (`Some`) or anything else but `null` (`None`);
/// `null` itself reads as the outer `Option`'s `None`.
struct StrOrNull(Option<String>);

impl<'de> serde::Deserialize<'de> for StrOrNull {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Str::deserialize(d).map(|s| StrOrNull(s.0))
    }
}

object! {
    struct RawSnoozes {
        v: Num = "v",
        snoozes: List<Obj<RawSnooze>, MAX_RECORDS> = "snoozes",
    }
}

/// Every snooze of this reader, as read from and written to localStorage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snoozes {
    records: Vec<Snooze>,
}

impl Snoozes {
    /// Reads a stored value. Corrupt, old-format, foreign and expired records
    /// are dropped; this never fails.
    pub fn parse(raw: &str, now: i64) -> Self {
        if raw.len() > MAX_STORED_LEN {
            return Self::default();
        }
        let Ok(Obj(Some(doc))) = codec::from_str::<Obj<RawSnoozes>>(raw) else {
            return Self::default();
        };
        if doc.v.integer() != Some(FORMAT) {
            return Self::default();
        }
        let mut snoozes = Self::default();
        for record in doc
            .snoozes
            .0
            .unwrap_or_default()
            .into_iter()
            .filter_map(|r| Snooze::from_raw(r.0?, now))
        {
            snoozes.insert(record);
        }
        snoozes
    }

    /// The value to store.
    pub fn to_storage(&self) -> String {
        #[derive(Serialize)]
        struct Stored<'a> {
            snoozes: &'a [Snooze],
            v: i64,
        }
        codec::to_string(&Stored {
            snoozes: &self.records,
            v: FORMAT,
        })
    }

    /// Hides `notice` (this version of it) for its `snooze_hours`, or else
    /// until the next 00:00 KST after `now`.
    pub fn snooze(&mut self, notice: &Notice, now: i64) {
        let until = match notice.snooze_hours {
            Some(hours) => now + i64::from(hours.min(limits::SNOOZE_HOURS)) * 3600,
            None => next_midnight(now),
        };
        self.insert(Snooze {
            id: notice.id.clone(),
            version: notice.version.clone(),
            until,
        });
    }

    /// Whether this version of `notice` is snoozed at `now`; an edited notice
    /// (new `version`) is not.
    pub fn is_snoozed(&self, notice: &Notice, now: i64) -> bool {
        self.records
            .iter()
            .any(|s| s.matches(notice) && now < s.until)
    }

    /// Drops the records that have expired by `now`.
    pub fn prune(&mut self, now: i64) {
        self.records.retain(|s| now < s.until);
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// One record per notice id: a newer snooze replaces the older one, even
    /// of another version.
    fn insert(&mut self, record: Snooze) {
        match self.records.iter_mut().find(|s| s.id == record.id) {
            Some(existing) if existing.until > record.until => {}
            Some(existing) => *existing = record,
            None => self.records.push(record),
        }
    }
}

/// The layer's notices, one on screen at a time ("1/3", 이전, 다음).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pager {
    notices: Vec<Notice>,
    index: usize,
}

impl Pager {
    /// Starts at `index` (clamped to the list).
    pub fn new(notices: Vec<Notice>, index: usize) -> Self {
        let index = index.min(notices.len().saturating_sub(1));
        Self { notices, index }
    }

    pub fn current(&self) -> Option<&Notice> {
        self.notices.get(self.index)
    }

    pub fn len(&self) -> usize {
        self.notices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notices.is_empty()
    }

    /// "2/3", or empty when there is nothing to show.
    pub fn position(&self) -> String {
        if self.is_empty() {
            String::new()
        } else {
            format!("{}/{}", self.index + 1, self.len())
        }
    }

    /// The same position read out in words: "알림 3건 중 2번째".
    pub fn spoken_position(&self) -> String {
        if self.is_empty() {
            String::new()
        } else {
            format!("알림 {}건 중 {}번째", self.len(), self.index + 1)
        }
    }

    pub fn has_previous(&self) -> bool {
        self.index > 0
    }

    pub fn has_next(&self) -> bool {
        self.index + 1 < self.len()
    }

    pub fn previous(&mut self) {
        self.index = self.index.saturating_sub(1);
    }

    pub fn next(&mut self) {
        if self.has_next() {
            self.index += 1;
        }
    }

    /// Takes the notice on screen out of the list (it was snoozed); the
    /// next one, or else the previous one, takes its place.
    pub fn remove_current(&mut self) {
        if self.index < self.notices.len() {
            self.notices.remove(self.index);
        }
        self.index = self.index.min(self.notices.len().saturating_sub(1));
    }
}

/// Where a notice's link leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeLink {
    /// A path of this site, opened inside the app.
    InApp(String),
    /// Another site's http(s) address, opened in a new tab.
    External(String),
}

/// Sorts a link into same-site (a root-relative path, or an absolute URL on
/// one of `own_origins`, such as the page's origin and the configured site
/// URL) and other-site http(s). Anything else is not followed.
pub fn link_target(link: &str, own_origins: &[&str]) -> Option<NoticeLink> {
    // A path the router may take: one leading slash (a second would make
    // the browser read a host), no backslash (which some read as a slash).
    let in_app =
        |path: &str| path.starts_with('/') && !path.starts_with("//") && !path.contains('\\');
    if link.starts_with('/') {
        return in_app(link).then(|| NoticeLink::InApp(link.to_owned()));
    }
    let scheme = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    if !(scheme.starts_with("https://") || scheme.starts_with("http://")) {
        return None;
    }
    for origin in own_origins.iter().filter(|o| !o.is_empty()) {
        let Some(head) = link.get(..origin.len()) else {
            continue;
        };
        let rest = &link[origin.len()..];
        if head.eq_ignore_ascii_case(origin)
            && (rest.is_empty() || rest.starts_with(['/', '?', '#']))
        {
            let path = if rest.starts_with('/') {
                rest.to_owned()
            } else {
                format!("/{rest}")
            };
            if in_app(&path) {
                return Some(NoticeLink::InApp(path));
            }
            break;
        }
    }
    Some(NoticeLink::External(link.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kst::parse_rfc3339;

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).expect("valid timestamp")
    }

    fn notice(id: &str, version: Option<&str>) -> Notice {
        Notice {
            id: id.into(),
            version: version.map(str::to_owned),
            title: format!("{id} 안내"),
            body: None,
            image: None,
            link: None,
            starts_at: None,
            ends_at: None,
            devices: Devices::BOTH,
            snooze_hours: None,
        }
    }

    fn scheduled(starts: Option<&str>, ends: Option<&str>) -> Notice {
        Notice {
            starts_at: starts.map(at),
            ends_at: ends.map(at),
            ..notice("n", None)
        }
    }

    #[test]
    fn missing_bounds_are_open() {
        let now = at("2025-12-24T12:00:00+09:00");
        assert!(is_active(&scheduled(None, None), now));
        assert!(is_active(
            &scheduled(Some("2025-12-01T00:00:00+09:00"), None),
            now
        ));
        assert!(is_active(
            &scheduled(None, Some("2026-01-01T00:00:00+09:00")),
            now
        ));
        assert!(!is_active(
            &scheduled(Some("2025-12-25T00:00:00+09:00"), None),
            now
        ));
        assert!(!is_active(
            &scheduled(None, Some("2025-12-24T00:00:00+09:00")),
            now
        ));
    }

    #[test]
    fn starts_at_is_inclusive_and_ends_at_exclusive() {
        let n = scheduled(
            Some("2025-12-24T09:00:00+09:00"),
            Some("2025-12-25T00:00:00+09:00"),
        );
        assert!(!is_active(&n, at("2025-12-24T08:59:59+09:00")));
        assert!(is_active(&n, at("2025-12-24T09:00:00+09:00")));
        assert!(is_active(&n, at("2025-12-24T23:59:59+09:00")));
        assert!(!is_active(&n, at("2025-12-25T00:00:00+09:00")));
        // The bounds are instants: the same end written in UTC.
        assert!(!is_active(&n, at("2025-12-24T15:00:00Z")));
    }

    #[test]
    fn empty_or_inverted_schedules_are_never_active() {
        let n = scheduled(
            Some("2025-12-24T09:00:00+09:00"),
            Some("2025-12-24T09:00:00+09:00"),
        );
        assert!(!is_active(&n, at("2025-12-24T09:00:00+09:00")));
        let inverted = scheduled(
            Some("2025-12-25T00:00:00+09:00"),
            Some("2025-12-24T00:00:00+09:00"),
        );
        assert!(!is_active(&inverted, at("2025-12-24T12:00:00+09:00")));
    }

    #[test]
    fn snooze_lasts_until_next_midnight_in_korea() {
        let n = notice("holiday", Some("1"));
        let mut s = Snoozes::default();
        s.snooze(&n, at("2025-12-24T23:59:50+09:00"));
        assert!(s.is_snoozed(&n, at("2025-12-24T23:59:59+09:00")));
        assert!(!s.is_snoozed(&n, at("2025-12-25T00:00:00+09:00")));
        // Not 24 hours: snoozed in the morning, back at midnight all the same.
        let mut s = Snoozes::default();
        s.snooze(&n, at("2025-12-24T08:00:00+09:00"));
        assert!(s.is_snoozed(&n, at("2025-12-24T23:59:59+09:00")));
        assert!(!s.is_snoozed(&n, at("2025-12-25T00:00:00+09:00")));
    }

    #[test]
    fn snooze_from_a_device_in_los_angeles_uses_korean_midnight() {
        let n = notice("holiday", Some("1"));
        let mut s = Snoozes::default();
        // 06:59:50 in Los Angeles (UTC−8) is 23:59:50 in Korea.
        s.snooze(&n, at("2025-12-24T06:59:50-08:00"));
        assert_eq!(s.records[0].until, at("2025-12-25T00:00:00+09:00"));
        assert!(s.is_snoozed(&n, at("2025-12-24T06:59:59-08:00")));
        // Korean midnight is 07:00 there, long before the device's own midnight.
        assert!(!s.is_snoozed(&n, at("2025-12-24T07:00:00-08:00")));
        assert!(!s.is_snoozed(&n, at("2025-12-24T23:59:59-08:00")));

        // 10:00 in Los Angeles is already 03:00 the next day in Korea.
        let mut s = Snoozes::default();
        s.snooze(&n, at("2025-12-24T10:00:00-08:00"));
        assert_eq!(s.records[0].until, at("2025-12-26T00:00:00+09:00"));
    }

    #[test]
    fn new_version_shows_again_and_replaces_the_old_record() {
        let now = at("2025-12-24T12:00:00+09:00");
        let v1 = notice("holiday", Some("1"));
        let v2 = notice("holiday", Some("2"));
        let unversioned = notice("holiday", None);
        let mut s = Snoozes::default();
        s.snooze(&v1, now);
        assert!(s.is_snoozed(&v1, now));
        assert!(!s.is_snoozed(&v2, now));
        assert!(!s.is_snoozed(&unversioned, now));
        assert!(!s.is_snoozed(&notice("other", Some("1")), now));
        s.snooze(&v2, now);
        assert_eq!(s.len(), 1);
        assert!(s.is_snoozed(&v2, now));
        assert!(!s.is_snoozed(&v1, now));
    }

    #[test]
    fn snoozes_survive_a_round_trip_through_storage() {
        let now = at("2025-12-24T23:59:50+09:00");
        let mut s = Snoozes::default();
        s.snooze(&notice("a", Some("1")), now);
        s.snooze(&notice("b", None), now);
        let stored = s.to_storage();
        let read = Snoozes::parse(&stored, at("2025-12-24T23:59:59+09:00"));
        assert_eq!(read, s);
        // Read back after midnight, every record has expired.
        assert!(Snoozes::parse(&stored, at("2025-12-25T00:00:00+09:00")).is_empty());
    }

    #[test]
    fn prune_drops_expired_records() {
        let mut s = Snoozes::default();
        s.snooze(&notice("a", None), at("2025-12-23T12:00:00+09:00"));
        s.snooze(&notice("b", None), at("2025-12-24T12:00:00+09:00"));
        s.prune(at("2025-12-24T12:00:01+09:00"));
        assert_eq!(s.len(), 1);
        assert!(s.is_snoozed(&notice("b", None), at("2025-12-24T12:00:01+09:00")));
    }

    #[test]
    fn corrupt_values_yield_no_snoozes() {
        let now = at("2025-12-24T12:00:00+09:00");
        let huge = format!(r#"{{"v":1,"snoozes":[],"pad":"{}"}}"#, "가".repeat(50_000));
        for raw in [
            "",
            "{",
            "null",
            "[1,2]",
            "1",
            "\"text\"",
            "{}",
            r#"{"v":1}"#,
            r#"{"v":1,"snoozes":{}}"#,
            r#"{"v":"1","snoozes":[]}"#,
            r#"{"v":1,"snoozes":[1,"a",null,[],{}]}"#,
            r#"{"v":1,"snoozes":[{"id":42,"until":1766588400}]}"#,
            r#"{"v":1,"snoozes":[{"id":"a","until":"1766588400"}]}"#,
            r#"{"v":1,"snoozes":[{"id":"a","until":1766588400.5}]}"#,
            r#"{"v":1,"snoozes":[{"id":"a","version":3,"until":1766588400}]}"#,
            r#"{"v":1,"snoozes":[{"id":"../x","until":1766588400}]}"#,
            huge.as_str(),
        ] {
            assert!(
                Snoozes::parse(raw, now).is_empty(),
                "{}",
                raw.get(..60).unwrap_or(raw)
            );
        }
    }

    #[test]
    fn old_format_values_are_dropped() {
        let now = at("2025-12-24T12:00:00+09:00");
        // A per-notice map of expiry times, or a bare list: not this format.
        for raw in [
            r#"{"holiday-2025":1766588400}"#,
            r#"{"v":0,"snoozes":[{"id":"a","until":1766588400}]}"#,
            r#"[{"id":"a","until":1766588400}]"#,
        ] {
            assert!(Snoozes::parse(raw, now).is_empty(), "{raw}");
        }
    }

    #[test]
    fn expired_and_overlong_records_are_dropped_good_ones_kept() {
        let now = at("2025-12-24T12:00:00+09:00");
        let tonight = at("2025-12-25T00:00:00+09:00");
        let raw = format!(
            r#"{{"v":1,"snoozes":[
                {{"id":"old","until":{}}},
                {{"id":"forever","until":{}}},
                {{"id":"ok","version":"2","until":{tonight}}},
                {{"id":"bad","until":-1}}
            ]}}"#,
            at("2025-12-24T00:00:00+09:00"),
            i64::MAX,
        );
        let s = Snoozes::parse(&raw, now);
        assert_eq!(s.len(), 1);
        assert!(s.is_snoozed(&notice("ok", Some("2")), now));
        assert!(!s.is_snoozed(&notice("forever", None), now));
    }

    #[test]
    fn due_leaves_out_snoozed_and_inactive_notices() {
        let now = at("2025-12-24T12:00:00+09:00");
        let expired = Notice {
            ends_at: Some(at("2025-01-01T00:00:00+09:00")),
            ..notice("expired", None)
        };
        let list = vec![notice("a", None), notice("b", Some("1")), expired];
        let mut s = Snoozes::default();
        s.snooze(&list[1], now);
        let ids = |v: Vec<Notice>| v.into_iter().map(|n| n.id).collect::<Vec<_>>();
        assert_eq!(ids(due(&list, &s, now, false)), ["a"]);
        assert_eq!(ids(active(&list, now, false)), ["a", "b"]);
    }

    #[test]
    fn a_notice_for_one_kind_of_device_shows_in_that_layout_only() {
        let now = at("2025-12-24T12:00:00+09:00");
        let only = |id: &str, pc: bool, mobile: bool| Notice {
            devices: Devices { pc, mobile },
            ..notice(id, None)
        };
        let list = vec![
            only("pc", true, false),
            only("mobile", false, true),
            notice("both", None),
        ];
        let ids = |v: Vec<Notice>| v.into_iter().map(|n| n.id).collect::<Vec<_>>();
        let none = Snoozes::default();
        assert_eq!(ids(due(&list, &none, now, false)), ["pc", "both"]);
        assert_eq!(ids(due(&list, &none, now, true)), ["mobile", "both"]);
        assert_eq!(ids(active(&list, now, true)), ["mobile", "both"]);
    }

    #[test]
    fn a_notice_with_its_own_snooze_hours_hides_that_long() {
        let now = at("2025-12-24T23:00:00+09:00");
        let weekly = Notice {
            snooze_hours: Some(168),
            ..notice("weekly", Some("3"))
        };
        assert_eq!(snooze_label(&weekly), "168시간 동안 보지 않기");
        assert_eq!(snooze_label(&notice("daily", None)), "오늘 하루 보지 않기");
        assert_eq!(snoozed_label(&weekly), "168시간 숨김");
        assert_eq!(snoozed_label(&notice("daily", None)), "오늘 하루 숨김");
        let mut s = Snoozes::default();
        s.snooze(&weekly, now);
        s.snooze(&notice("daily", None), now);
        assert!(s.is_snoozed(&weekly, now + 167 * 3600));
        assert!(!s.is_snoozed(&weekly, now + 168 * 3600));
        assert!(
            !s.is_snoozed(&notice("daily", None), now + 3600),
            "daily ends at midnight"
        );
        // Kept across page views, and a record longer than any notice may
        // ask for is not ours.
        let read = Snoozes::parse(&s.to_storage(), now + 3600);
        assert!(read.is_snoozed(&weekly, now + 100 * 3600));
        let forged = format!(
            r#"{{"v":1,"snoozes":[{{"id":"weekly","version":"3","until":{}}}]}}"#,
            now + (i64::from(limits::SNOOZE_HOURS) + 2) * 3600
        );
        assert!(Snoozes::parse(&forged, now).is_empty());
    }

    #[test]
    fn pager_pages_through_three_notices() {
        let mut p = Pager::new(
            vec![notice("a", None), notice("b", None), notice("c", None)],
            0,
        );
        assert_eq!(p.position(), "1/3");
        assert!(!p.has_previous());
        p.previous();
        assert_eq!(p.position(), "1/3");
        p.next();
        assert_eq!(p.position(), "2/3");
        assert_eq!(p.spoken_position(), "알림 3건 중 2번째");
        p.next();
        p.next();
        assert_eq!(p.position(), "3/3");
        assert!(!p.has_next());
        p.remove_current();
        assert_eq!(p.position(), "2/2");
        assert_eq!(p.current().map(|n| n.id.as_str()), Some("b"));
        p.remove_current();
        p.remove_current();
        assert!(p.is_empty());
        assert_eq!(p.current(), None);
        assert_eq!(p.position(), "");
        p.remove_current();
        assert_eq!(Pager::new(vec![notice("a", None)], 9).position(), "1/1");
    }

    #[test]
    fn same_site_links_stay_in_the_app() {
        let own = ["http://127.0.0.1:8080", "https://news.example"];
        assert_eq!(
            link_target("/article/1206", &own),
            Some(NoticeLink::InApp("/article/1206".into()))
        );
        assert_eq!(
            link_target("https://news.example/article/1?x=1", &own),
            Some(NoticeLink::InApp("/article/1?x=1".into()))
        );
        assert_eq!(
            link_target("HTTPS://NEWS.EXAMPLE", &own),
            Some(NoticeLink::InApp("/".into()))
        );
        assert_eq!(
            link_target("http://127.0.0.1:8080#top", &own),
            Some(NoticeLink::InApp("/#top".into()))
        );
    }

    #[test]
    fn other_sites_open_apart_and_other_schemes_are_refused() {
        let own = ["https://news.example", ""];
        assert_eq!(
            link_target("https://news.example.evil.test/x", &own),
            Some(NoticeLink::External(
                "https://news.example.evil.test/x".into()
            ))
        );
        assert_eq!(
            link_target("http://gov.example/", &own),
            Some(NoticeLink::External("http://gov.example/".into()))
        );
        // Our own origin, but a path the browser would read as another host:
        // never an in-app route.
        for tricky in [
            "https://news.example//evil.example/x",
            "https://news.example/\\evil",
        ] {
            assert_eq!(
                link_target(tricky, &own),
                Some(NoticeLink::External(tricky.into())),
                "{tricky}"
            );
        }
        for bad in [
            "javascript:alert(1)",
            "//evil.example/x",
            "/\\evil.example",
            "data:text/html,x",
            "mailto:a@b.example",
            "",
        ] {
            assert_eq!(link_target(bad, &own), None, "{bad}");
        }
    }
}
