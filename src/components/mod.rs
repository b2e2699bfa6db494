//! One file per visible part of the page, named after what the reader sees.

pub mod article_list;
pub mod date_line;
pub mod dialog_head;
pub mod footer;
pub mod header;
pub mod notices;
pub mod share;
pub mod site_head;
pub mod status;
pub mod story;
pub mod story_tools;
pub mod ticker;
