//! Gnuboard5 rows to contract types: posts with their board and attached
//! pictures to articles and list entries, popups (`new_win`) to notices.
//!
//! The rows are plain structs holding what the database reader selects,
//! datetimes as text (`DATE_FORMAT`), because Gnuboard's zero dates break
//! Rust MySQL drivers. Only public fields are read: a post's e-mail, IP,
//! member id and password are never selected, so they cannot leak here.
//! Every article is written and read back through `gazette-core`'s
//! encoder and decoder before it is returned, so what the sync publishes
//! is exactly what a reader's browser will accept.

use crate::body;
use gazette_core::contract::{
    decode_article, decode_notices, limits, Article, ArticleSummary, Author, Block, Devices, Image,
    Notice,
};
use gazette_core::encode;
use gazette_core::ids::ArticleId;
use gazette_core::kst::parse_rfc3339;
use gazette_core::sanitize::clean_text;
use gazette_core::urls;

/// One row of a board's `write_{bo_table}` table.
#[derive(Clone, Debug, PartialEq)]
pub struct PostRow {
    pub bo_table: String,
    pub wr_id: u64,
    pub wr_num: i64,
    pub wr_reply: String,
    pub wr_is_comment: i64,
    pub ca_name: String,
    pub wr_option: String,
    pub wr_subject: String,
    pub wr_content: String,
    pub wr_name: String,
    /// `YYYY-MM-DD HH:MM:SS`, naive Korea time; may be the zero date.
    pub wr_datetime: String,
}

/// One row of `board`.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRow {
    pub bo_table: String,
    pub bo_subject: String,
    pub bo_read_level: i64,
}

/// One row of `board_file`.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRow {
    pub bo_table: String,
    pub wr_id: u64,
    pub bf_no: i64,
    pub bf_file: String,
    pub bf_content: String,
    pub bf_width: i64,
    pub bf_height: i64,
    pub bf_type: i64,
}

/// One row of `new_win`.
#[derive(Clone, Debug, PartialEq)]
pub struct PopupRow {
    pub nw_id: u64,
    pub nw_division: String,
    pub nw_device: String,
    pub nw_begin_time: String,
    pub nw_end_time: String,
    pub nw_disable_hours: i64,
    pub nw_subject: String,
    pub nw_content: String,
}

/// `bf_type` values of pictures (GIF, JPEG, PNG, WEBP, as PHP's
/// `getimagesize` numbers them); other attachments are not shown inline.
const PICTURE_TYPES: [i64; 4] = [1, 2, 3, 18];

/// The article id of a post. `wr_id` counts per board, so with several
/// boards the board's name keeps two boards' post 12 apart.
pub fn article_id(bo_table: &str, wr_id: u64, several_boards: bool) -> Result<ArticleId, String> {
    let raw = if several_boards {
        format!("{bo_table}-{wr_id}")
    } else {
        wr_id.to_string()
    };
    ArticleId::parse(&raw)
        .ok_or_else(|| format!("board {bo_table:?}: {raw:?} is not an article id"))
}

/// A naive Korea time `YYYY-MM-DD HH:MM:SS` as Unix seconds. Gnuboard
/// runs without strict SQL modes, so the zero date is stored for "none".
pub fn naive_kst(datetime: &str) -> Result<i64, String> {
    let t = datetime.trim();
    if t.is_empty() || t.starts_with("0000-00-00") {
        return Err(format!("no time (zero date {t:?})"));
    }
    let well_formed = t.len() == 19 && t.as_bytes()[10] == b' ';
    well_formed
        .then(|| parse_rfc3339(&format!("{t}+09:00")))
        .flatten()
        .ok_or_else(|| format!("{t:?} is not a time of the form YYYY-MM-DD HH:MM:SS"))
}

/// Whether a guest may read the board (Gnuboard's level 1 is a visitor).
pub fn readable(board: &BoardRow) -> bool {
    board.bo_read_level <= 1
}

/// Whether a post belongs in the public list: not a comment, not secret
/// (the same rule as Gnuboard's own RSS feed).
pub fn listable(post: &PostRow) -> bool {
    post.wr_is_comment == 0 && !body::has_option(&post.wr_option, "secret")
}

/// Sorts one board's posts the way Gnuboard lists them, newest first:
/// `wr_num` ascending (it is negative and falls with each new thread),
/// then `wr_reply` ascending so replies follow their thread. Across
/// boards `wr_num` means nothing: merge lists by `published_at`.
pub fn sort_posts(posts: &mut [PostRow]) {
    posts.sort_by(|a, b| (a.wr_num, &a.wr_reply).cmp(&(b.wr_num, &b.wr_reply)));
}

/// A post as a whole article and as its list entry. `files` may hold the
/// rows of other posts too; only this post's are used, in `bf_no` order.
/// `files_url` is the site's public address (`https://news.example`).
/// Secret posts, comments and posts of boards a guest cannot read are
/// refused, so a caller's missing filter cannot publish them.
pub fn article(
    post: &PostRow,
    board: &BoardRow,
    files: &[FileRow],
    several_boards: bool,
    files_url: &str,
) -> Result<(Article, ArticleSummary), String> {
    let at = |msg: String| format!("post {}/{}: {msg}", post.bo_table, post.wr_id);
    if post.bo_table != board.bo_table {
        return Err(at(format!("board row is {:?}", board.bo_table)));
    }
    if !readable(board) || !listable(post) {
        return Err(at(
            "not public (secret, comment or members-only board)".into()
        ));
    }
    let id = article_id(&post.bo_table, post.wr_id, several_boards).map_err(at)?;
    let title = clean_text(&post.wr_subject, limits::TITLE, false)
        .ok_or_else(|| at("wr_subject is empty".into()))?;
    let published_at = naive_kst(&post.wr_datetime).map_err(|e| at(format!("wr_datetime: {e}")))?;
    let mut content = body::blocks(&post.wr_content, &post.wr_option, files_url)
        .map_err(|e| at(format!("wr_content: {e}")))?;
    let mut blocks = pictures(post, files, files_url);
    blocks.append(&mut content);
    blocks.truncate(limits::BLOCKS);
    let section = Some(&post.ca_name)
        .filter(|c| !c.trim().is_empty())
        .unwrap_or(&board.bo_subject);
    let article = Article {
        id: id.clone(),
        title: title.clone(),
        subtitle: None,
        section: clean_text(section, limits::SECTION, false),
        author: clean_text(&post.wr_name, limits::NAME, false)
            .map(|name| Author { name, email: None }),
        published_at,
        updated_at: None,
        body: blocks,
        tags: Vec::new(),
    };
    let summary = ArticleSummary {
        id,
        title,
        summary: body::summary(&article.body),
        section: article.section.clone(),
        published_at,
        thumbnail: article.body.iter().find_map(|b| match b {
            Block::Image { src, alt, .. } => Some(Image {
                src: src.clone(),
                alt: alt.clone(),
            }),
            _ => None,
        }),
    };
    let back = decode_article(&encode::article(&article)).map_err(|e| at(e.to_string()))?;
    if back != article {
        return Err(at("the article does not read back unchanged".into()));
    }
    Ok((article, summary))
}

/// The post's attached pictures as image blocks, in `bf_no` order.
fn pictures(post: &PostRow, files: &[FileRow], files_url: &str) -> Vec<Block> {
    let mut own: Vec<&FileRow> = files
        .iter()
        .filter(|f| f.bo_table == post.bo_table && f.wr_id == post.wr_id)
        .filter(|f| PICTURE_TYPES.contains(&f.bf_type) && !f.bf_file.trim().is_empty())
        .collect();
    own.sort_by_key(|f| f.bf_no);
    own.into_iter()
        .filter_map(|f| picture(f, files_url))
        .collect()
}

fn picture(file: &FileRow, files_url: &str) -> Option<Block> {
    let url = format!(
        "{}/data/file/{}/{}",
        files_url.trim_end_matches('/'),
        urls::encode(&file.bo_table),
        urls::encode(file.bf_file.trim())
    );
    let size = |n: i64| {
        u32::try_from(n)
            .ok()
            .and_then(|n| body::dimension(&n.to_string()))
    };
    Some(Block::Image {
        src: body::absolute_src(&url, files_url)?,
        // The caption is read with the figure; an alt repeating it would be
        // read twice.
        alt: String::new(),
        caption: Some(&file.bf_content)
            .filter(|c| !is_file_name(c))
            .and_then(|c| clean_text(c, limits::CAPTION, true)),
        credit: None,
        width: size(file.bf_width),
        height: size(file.bf_height),
    })
}

/// Whether a caption is only an uploaded file's name
/// (`1.사회적경제기업제품 구매 설명회.jpg`), which Gnuboard stores when the
/// reporter wrote none.
pub fn is_file_name(caption: &str) -> bool {
    let c = caption.trim().to_ascii_lowercase();
    !c.contains('\n')
        && [".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp"]
            .iter()
            .any(|ext| c.ends_with(ext))
}

/// A popup as a notice, when Gnuboard would show it on the community side
/// (`nw_division` both or comm) now or later: `Ok(None)` for shop popups
/// and expired ones. Gnuboard shows a popup while `begin <= now <= end`
/// (to the second); the contract's `ends_at` is exclusive, so it is the
/// end plus one second. A zero begin time is no start; a popup without an
/// end time is an error, as it would otherwise never go away.
pub fn notice(popup: &PopupRow, now: i64, files_url: &str) -> Result<Option<Notice>, String> {
    let at = |msg: String| format!("popup {}: {msg}", popup.nw_id);
    if !matches!(popup.nw_division.trim(), "both" | "comm") {
        return Ok(None);
    }
    let ends_at = naive_kst(&popup.nw_end_time).map_err(|e| at(format!("nw_end_time: {e}")))? + 1;
    if now >= ends_at {
        return Ok(None);
    }
    let starts_at = match naive_kst(&popup.nw_begin_time) {
        Ok(t) => Some(t),
        Err(_) if is_zero(&popup.nw_begin_time) => None,
        Err(e) => return Err(at(format!("nw_begin_time: {e}"))),
    };
    let blocks = body::blocks(&popup.nw_content, "html1", files_url)
        .map_err(|e| at(format!("nw_content: {e}")))?;
    let text: Vec<&str> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text, .. } => {
                Some(text.as_str())
            }
            Block::Image { .. } => None,
        })
        .collect();
    let notice = Notice {
        id: format!("popup-{}", popup.nw_id),
        version: Some(version(popup)),
        title: clean_text(&popup.nw_subject, limits::TITLE, false)
            .ok_or_else(|| at("nw_subject is empty".into()))?,
        body: clean_text(&text.join("\n"), limits::NOTICE_BODY, true),
        image: blocks.iter().find_map(|b| match b {
            Block::Image { src, alt, .. } => Some(Image {
                src: src.clone(),
                alt: alt.clone(),
            }),
            _ => None,
        }),
        link: body::first_link(&popup.nw_content),
        starts_at,
        ends_at: Some(ends_at),
        devices: devices(&popup.nw_device).map_err(at)?,
        // "N시간 동안 다시 열람하지 않습니다"; 0 (or out of range) leaves the
        // contract's default, until the next midnight.
        snooze_hours: u32::try_from(popup.nw_disable_hours)
            .ok()
            .filter(|h| (1..=limits::SNOOZE_HOURS).contains(h)),
    };
    let back = decode_notices(&encode::notices(std::slice::from_ref(&notice)))
        .map_err(|e| at(e.to_string()))?;
    if back.as_slice() != std::slice::from_ref(&notice) {
        return Err(at("the notice does not read back unchanged".into()));
    }
    Ok(Some(notice))
}

fn is_zero(datetime: &str) -> bool {
    let t = datetime.trim();
    t.is_empty() || t.starts_with("0000-00-00")
}

/// `nw_device`: `both` shows everywhere, `pc` or `mobile` only there.
fn devices(nw_device: &str) -> Result<Devices, String> {
    match nw_device.trim() {
        "both" | "" => Ok(Devices::BOTH),
        "pc" => Ok(Devices {
            pc: true,
            mobile: false,
        }),
        "mobile" => Ok(Devices {
            pc: false,
            mobile: true,
        }),
        other => Err(format!("nw_device {other:?} is not both, pc or mobile")),
    }
}

/// The notice's version: a hash of what a reader sees and when, so an
/// edited popup shows again to readers who hid the old one. FNV-1a (64
/// bits) is enough: this tells versions of one popup apart, it does not
/// defend against anyone.
fn version(popup: &PopupRow) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in [
        &popup.nw_subject,
        &popup.nw_content,
        &popup.nw_begin_time,
        &popup.nw_end_time,
    ] {
        for byte in field.bytes().chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str = "https://news.example";

    fn kst(t: &str) -> i64 {
        naive_kst(t).unwrap()
    }

    fn board() -> BoardRow {
        BoardRow {
            bo_table: "news".into(),
            bo_subject: "지역뉴스".into(),
            bo_read_level: 1,
        }
    }

    fn post(wr_id: u64) -> PostRow {
        PostRow {
            bo_table: "news".into(),
            wr_id,
            wr_num: -(wr_id as i64),
            wr_reply: String::new(),
            wr_is_comment: 0,
            ca_name: String::new(),
            wr_option: "html1".into(),
            wr_subject: "영광군, 공공구매 설명회 개최".into(),
            wr_content: "<p>영광군은 지난 7일 설명회를 개최했다.</p>".into(),
            wr_name: "김기자".into(),
            wr_datetime: "2025-12-08 10:00:00".into(),
        }
    }

    fn file(bf_no: i64, bf_file: &str, caption: &str, bf_type: i64) -> FileRow {
        FileRow {
            bo_table: "news".into(),
            wr_id: 7,
            bf_no,
            bf_file: bf_file.into(),
            bf_content: caption.into(),
            bf_width: 1200,
            bf_height: 675,
            bf_type,
        }
    }

    fn popup(division: &str, device: &str, begin: &str, end: &str) -> PopupRow {
        PopupRow {
            nw_id: 3,
            nw_division: division.into(),
            nw_device: device.into(),
            nw_begin_time: begin.into(),
            nw_end_time: end.into(),
            nw_disable_hours: 24,
            nw_subject: "연말 휴무 안내".into(),
            nw_content: "<p>12월 31일은 쉽니다.</p><img src=\"/data/editor/2512/p.png\">\
                         <a href=\"javascript:x()\">x</a> <a href=\"https://city.example/a\">자세히</a>"
                .into(),
        }
    }

    #[test]
    fn ids_name_the_board_only_when_there_are_several() {
        assert_eq!(article_id("news", 12, false).unwrap().as_str(), "12");
        let a = article_id("news", 12, true).unwrap();
        let b = article_id("notice", 12, true).unwrap();
        assert_eq!(a.as_str(), "news-12");
        assert_ne!(a, b, "two boards' post 12 stay apart");
        assert!(article_id(&"b".repeat(70), 1, true)
            .unwrap_err()
            .contains("not an article id"));
    }

    #[test]
    fn naive_times_are_korea_time_and_zero_dates_are_errors() {
        assert_eq!(kst("2025-12-08 10:00:00"), 1_765_155_600);
        let zero = naive_kst("0000-00-00 00:00:00").unwrap_err();
        assert!(zero.contains("zero date"), "{zero}");
        assert!(naive_kst("").is_err());
        for bad in [
            "2025-12-08T10:00:00",
            "2025-13-08 10:00:00",
            "2025-12-08 10:00:00Z",
            "어제",
        ] {
            assert!(naive_kst(bad).unwrap_err().contains("YYYY-MM-DD"), "{bad}");
        }
    }

    #[test]
    fn guests_read_boards_of_level_one_and_below() {
        assert!(readable(&board()));
        assert!(!readable(&BoardRow {
            bo_read_level: 2,
            ..board()
        }));
    }

    #[test]
    fn comments_and_secret_posts_are_not_listed() {
        assert!(listable(&post(1)));
        let comment = PostRow {
            wr_is_comment: 1,
            ..post(1)
        };
        let secret = PostRow {
            wr_option: "html1,secret".into(),
            ..post(1)
        };
        assert!(!listable(&comment));
        assert!(!listable(&secret));
        for refused in [comment, secret] {
            assert!(article(&refused, &board(), &[], false, SITE)
                .unwrap_err()
                .contains("not public"));
        }
        let members = BoardRow {
            bo_read_level: 2,
            ..board()
        };
        assert!(article(&post(1), &members, &[], false, SITE).is_err());
    }

    #[test]
    fn replies_follow_their_thread_newest_thread_first() {
        let mut posts = vec![
            PostRow {
                wr_num: -1,
                ..post(1)
            },
            PostRow {
                wr_num: -2,
                wr_reply: "A".into(),
                ..post(4)
            },
            PostRow {
                wr_num: -3,
                ..post(3)
            },
            PostRow {
                wr_num: -2,
                ..post(2)
            },
            PostRow {
                wr_num: -2,
                wr_reply: "AA".into(),
                ..post(5)
            },
            PostRow {
                wr_num: -2,
                wr_reply: "B".into(),
                ..post(6)
            },
        ];
        sort_posts(&mut posts);
        let ids: Vec<u64> = posts.iter().map(|p| p.wr_id).collect();
        assert_eq!(ids, [3, 2, 4, 5, 6, 1]);
    }

    #[test]
    fn article_has_pictures_first_then_the_text() {
        let files = [
            file(1, "b.png", "설명회 모습", 3),
            file(
                0,
                "a 1.jpg",
                "1.사회적경제기업제품 우선구매 설명회를 통해 제도와 이용방법.jpg",
                2,
            ),
            file(2, "doc.hwp", "첨부", 0),
            FileRow {
                wr_id: 8,
                ..file(3, "other.jpg", "", 2)
            },
        ];
        let p = PostRow {
            wr_id: 7,
            ca_name: "행정".into(),
            ..post(7)
        };
        let (a, s) = article(&p, &board(), &files, true, SITE).unwrap();
        assert_eq!(a.id.as_str(), "news-7");
        assert_eq!(a.section.as_deref(), Some("행정"));
        assert_eq!(
            a.author,
            Some(Author {
                name: "김기자".into(),
                email: None
            })
        );
        assert_eq!(a.updated_at, None);
        assert_eq!(a.body.len(), 3);
        match &a.body[0] {
            Block::Image {
                src,
                caption,
                width,
                height,
                ..
            } => {
                assert_eq!(
                    src.as_str(),
                    "https://news.example/data/file/news/a%201.jpg"
                );
                assert_eq!(*caption, None, "a file name is no caption");
                assert_eq!((*width, *height), (Some(1200), Some(675)));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&a.body[1], Block::Image { caption: Some(c), .. } if c == "설명회 모습"));
        assert!(matches!(&a.body[2], Block::Paragraph { .. }));
        assert_eq!(
            s.thumbnail.unwrap().src.as_str(),
            "https://news.example/data/file/news/a%201.jpg"
        );
        assert_eq!(
            s.summary.as_deref(),
            Some("영광군은 지난 7일 설명회를 개최했다.")
        );
        assert_eq!(s.published_at, kst("2025-12-08 10:00:00"));
    }

    #[test]
    fn section_falls_back_to_the_board_name() {
        let (a, s) = article(&post(1), &board(), &[], false, SITE).unwrap();
        assert_eq!(a.section.as_deref(), Some("지역뉴스"));
        assert_eq!(s.section.as_deref(), Some("지역뉴스"));
        assert_eq!(s.thumbnail, None);
    }

    #[test]
    fn articles_with_zero_dates_or_no_title_are_refused_by_row() {
        let zero = PostRow {
            wr_datetime: "0000-00-00 00:00:00".into(),
            ..post(9)
        };
        let e = article(&zero, &board(), &[], false, SITE).unwrap_err();
        assert!(
            e.contains("post news/9") && e.contains("wr_datetime"),
            "{e}"
        );
        let untitled = PostRow {
            wr_subject: " \u{3164} ".into(),
            ..post(9)
        };
        assert!(article(&untitled, &board(), &[], false, SITE)
            .unwrap_err()
            .contains("wr_subject"));
    }

    #[test]
    fn file_names_are_told_from_captions() {
        assert!(is_file_name("1.사회적경제기업제품 구매 설명회.jpg"));
        assert!(is_file_name(" photo.JPEG "));
        assert!(!is_file_name("설명회 모습"));
        assert!(!is_file_name("jpg 파일 모음"));
    }

    #[test]
    fn a_popup_shows_from_begin_to_end_inclusive() {
        let p = popup("comm", "both", "2025-12-20 00:00:00", "2025-12-31 23:59:59");
        let end = kst("2025-12-31 23:59:59");
        let n = notice(&p, end, SITE)
            .unwrap()
            .expect("shown at its last second");
        assert_eq!(n.ends_at, Some(end + 1));
        assert!(gazette_core::notice::is_active(&n, end));
        assert!(!gazette_core::notice::is_active(&n, end + 1));
        assert_eq!(notice(&p, end + 1, SITE).unwrap(), None, "expired");
        let early = notice(&p, kst("2025-12-01 00:00:00"), SITE)
            .unwrap()
            .unwrap();
        assert_eq!(early.starts_at, Some(kst("2025-12-20 00:00:00")));
    }

    #[test]
    fn a_popup_keeps_its_text_picture_link_device_and_snooze() {
        let p = popup(
            "both",
            "mobile",
            "0000-00-00 00:00:00",
            "2025-12-31 23:59:59",
        );
        let n = notice(&p, kst("2025-12-24 12:00:00"), SITE)
            .unwrap()
            .unwrap();
        assert_eq!(n.id, "popup-3");
        assert_eq!(n.title, "연말 휴무 안내");
        assert_eq!(n.body.as_deref(), Some("12월 31일은 쉽니다.\nx 자세히"));
        assert_eq!(n.starts_at, None);
        assert_eq!(
            n.image.unwrap().src.as_str(),
            "https://news.example/data/editor/2512/p.png"
        );
        assert_eq!(n.link.unwrap().as_str(), "https://city.example/a");
        assert_eq!(
            n.devices,
            Devices {
                pc: false,
                mobile: true
            }
        );
        assert_eq!(n.snooze_hours, Some(24));
        let pc = notice(&popup("comm", "pc", "", "2025-12-31 23:59:59"), 0, SITE)
            .unwrap()
            .unwrap();
        assert_eq!(
            pc.devices,
            Devices {
                pc: true,
                mobile: false
            }
        );
        let both = notice(
            &PopupRow {
                nw_disable_hours: 0,
                ..popup("comm", "both", "", "2025-12-31 23:59:59")
            },
            0,
            SITE,
        )
        .unwrap()
        .unwrap();
        assert_eq!((both.devices, both.snooze_hours), (Devices::BOTH, None));
    }

    #[test]
    fn shop_popups_are_skipped_and_endless_ones_are_errors() {
        assert_eq!(
            notice(&popup("shop", "both", "", "2025-12-31 23:59:59"), 0, SITE).unwrap(),
            None
        );
        for end in ["", "0000-00-00 00:00:00"] {
            let e = notice(&popup("both", "both", "", end), 0, SITE).unwrap_err();
            assert!(e.contains("popup 3") && e.contains("nw_end_time"), "{e}");
        }
        let e = notice(&popup("both", "tv", "", "2025-12-31 23:59:59"), 0, SITE).unwrap_err();
        assert!(e.contains("nw_device"), "{e}");
    }

    #[test]
    fn an_edited_popup_gets_a_new_version() {
        let p = popup("both", "both", "", "2025-12-31 23:59:59");
        let v = |p: &PopupRow| notice(p, 0, SITE).unwrap().unwrap().version.unwrap();
        assert_eq!(v(&p), v(&p.clone()));
        assert_eq!(v(&p).len(), 16);
        let edited = PopupRow {
            nw_content: "<p>1월 2일도 쉽니다.</p>".into(),
            ..p.clone()
        };
        let moved = PopupRow {
            nw_end_time: "2026-01-02 23:59:59".into(),
            ..p.clone()
        };
        assert_ne!(v(&p), v(&edited));
        assert_ne!(v(&p), v(&moved));
    }
}
