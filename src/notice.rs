//! Popup notice rules in plain Rust: which notices are active, and the
//! "오늘 하루 보지 않기" snooze records kept in localStorage.
