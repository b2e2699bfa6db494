//! Reading aids for the article view: the reader's font size and the note
//! on old stories.

use crate::kst;

/// The article text size the reader chose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FontSize {
    #[default]
    Normal,
    Large,
    Larger,
}

impl FontSize {
    pub const ALL: [FontSize; 3] = [FontSize::Normal, FontSize::Large, FontSize::Larger];

    pub fn label(self) -> &'static str {
        match self {
            FontSize::Normal => "기본",
            FontSize::Large => "크게",
            FontSize::Larger => "더크게",
        }
    }

    /// The value kept in storage and set as `data-font` on the story.
    pub fn value(self) -> &'static str {
        match self {
            FontSize::Normal => "normal",
            FontSize::Large => "large",
            FontSize::Larger => "larger",
        }
    }

    /// Reads a stored value; anything unknown is the default size.
    pub fn parse(raw: Option<&str>) -> Self {
        match raw.map(str::trim) {
            Some("large") => FontSize::Large,
            Some("larger") => FontSize::Larger,
            _ => FontSize::Normal,
        }
    }
}

/// "3년 전 기사입니다" for a story published at least a year before `now`.
pub fn age_note(published_at: i64, now: i64) -> Option<String> {
    let years = kst::whole_years_between(published_at, now);
    (years >= 1).then(|| format!("{years}년 전 기사입니다"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kst::parse_rfc3339;

    fn at(s: &str) -> i64 {
        parse_rfc3339(s).unwrap()
    }

    #[test]
    fn font_size_round_trips_and_tolerates_junk() {
        for size in FontSize::ALL {
            assert_eq!(FontSize::parse(Some(size.value())), size);
        }
        for junk in [
            None,
            Some(""),
            Some("huge"),
            Some("{\"a\":1}"),
            Some("LARGE"),
        ] {
            assert_eq!(FontSize::parse(junk), FontSize::Normal, "{junk:?}");
        }
        let labels: Vec<_> = FontSize::ALL.iter().map(|s| s.label()).collect();
        assert_eq!(labels, ["기본", "크게", "더크게"]);
    }

    #[test]
    fn old_stories_say_how_many_years_old_they_are() {
        let now = at("2025-12-24T15:00:00+09:00");
        assert_eq!(age_note(at("2025-06-01T09:00:00+09:00"), now), None);
        assert_eq!(
            age_note(at("2024-12-24T15:00:00+09:00"), now).as_deref(),
            Some("1년 전 기사입니다")
        );
        assert_eq!(age_note(at("2024-12-24T15:00:01+09:00"), now), None);
        assert_eq!(
            age_note(at("2022-03-01T10:00:00+09:00"), now).as_deref(),
            Some("3년 전 기사입니다")
        );
        // A story "from the future" (clock skew) has no note.
        assert_eq!(age_note(now + 86_400, now), None);
    }
}
