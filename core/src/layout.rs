//! The phone/PC layout switch's rules: the reader's choice, how the page
//! carries it, and where pressing the switch leads from the layout the
//! reader sees now.

/// The reader's choice, kept in `localStorage` (`prefs::keys::LAYOUT`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Follow the screen: the phone layout on a phone-wide viewport.
    #[default]
    Auto,
    /// Always the phone layout (a narrow column on a wide screen).
    Mobile,
    /// Always the desktop layout: on a phone, a wide viewport the reader
    /// can zoom, as the old site's PC version gave.
    Pc,
}

/// The style sheets' phone width: at most this many CSS pixels.
pub const PHONE_MAX_WIDTH: i32 = 600;
/// [`PHONE_MAX_WIDTH`] as a media query.
pub const PHONE_QUERY: &str = "(max-width: 600px)";
/// `<meta name="viewport">` for the screen's own width.
pub const DEVICE_VIEWPORT: &str = "width=device-width, initial-scale=1";
/// `<meta name="viewport">` of the desktop layout on a phone: wide enough
/// for the article's two columns.
pub const PC_VIEWPORT: &str = "width=1024";

impl Layout {
    /// A stored value; anything unexpected reads as [`Layout::Auto`].
    pub fn parse(raw: Option<&str>) -> Self {
        match raw.map(str::trim) {
            Some("mobile") => Self::Mobile,
            Some("pc") => Self::Pc,
            _ => Self::Auto,
        }
    }

    pub fn value(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Mobile => "mobile",
            Self::Pc => "pc",
        }
    }

    /// `data-layout` on `<html>`, which the style sheets read.
    pub fn attribute(self) -> Option<&'static str> {
        match self {
            Self::Auto => None,
            Self::Mobile => Some("mobile"),
            Self::Pc => Some("pc"),
        }
    }

    /// The page's `<meta name="viewport">` content.
    pub fn viewport(self) -> &'static str {
        match self {
            Self::Pc => PC_VIEWPORT,
            Self::Auto | Self::Mobile => DEVICE_VIEWPORT,
        }
    }

    /// Whether the reader sees the phone layout: `narrow_viewport` says the
    /// viewport matches [`PHONE_QUERY`] now.
    pub fn shows_phone(self, narrow_viewport: bool) -> bool {
        match self {
            Self::Auto => narrow_viewport,
            Self::Mobile => true,
            Self::Pc => false,
        }
    }

    /// The choice after pressing the switch, which offers the other layout
    /// than the one seen now. `narrow_screen`: the device's screen is
    /// phone-wide (under [`Layout::Pc`] the viewport no longer says so).
    /// Where following the screen gives the layout asked for, the choice
    /// goes back to [`Layout::Auto`].
    pub fn switched(self, narrow_viewport: bool, narrow_screen: bool) -> Self {
        match self {
            Self::Auto if narrow_viewport => Self::Pc,
            Self::Auto => Self::Mobile,
            Self::Mobile if narrow_viewport => Self::Pc,
            Self::Mobile => Self::Auto,
            Self::Pc if narrow_screen => Self::Auto,
            Self::Pc => Self::Mobile,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_values_round_trip_and_junk_follows_the_screen() {
        for l in [Layout::Auto, Layout::Mobile, Layout::Pc] {
            assert_eq!(Layout::parse(Some(l.value())), l);
        }
        for junk in [None, Some(""), Some("PC"), Some("{}"), Some("\u{0}")] {
            assert_eq!(Layout::parse(junk), Layout::Auto, "{junk:?}");
        }
        assert_eq!(Layout::parse(Some("mobile ")), Layout::Mobile);
    }

    /// Pressing the switch always changes the layout seen, to the one its
    /// label offered, on a phone and on a wide screen.
    #[test]
    fn the_switch_gives_the_other_layout_than_the_one_seen() {
        // (device, narrow screen): the viewport is narrow unless the choice
        // widened it (Pc on a phone) or the screen is wide.
        for narrow_screen in [true, false] {
            let narrow_viewport = |l: Layout| narrow_screen && l != Layout::Pc;
            for from in [Layout::Auto, Layout::Mobile, Layout::Pc] {
                let before = from.shows_phone(narrow_viewport(from));
                let to = from.switched(narrow_viewport(from), narrow_screen);
                let after = to.shows_phone(narrow_viewport(to));
                assert_ne!(
                    before, after,
                    "{from:?} -> {to:?}, narrow screen {narrow_screen}"
                );
            }
        }
        // On a phone: PC 버전 widens the viewport, and back follows the screen.
        assert_eq!(Layout::Auto.switched(true, true), Layout::Pc);
        assert_eq!(Layout::Pc.viewport(), PC_VIEWPORT);
        assert_eq!(Layout::Pc.switched(false, true), Layout::Auto);
        // On a wide screen: 모바일 버전 and back.
        assert_eq!(Layout::Auto.switched(false, false), Layout::Mobile);
        assert_eq!(Layout::Mobile.switched(false, false), Layout::Auto);
    }
}
