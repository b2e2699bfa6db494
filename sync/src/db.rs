//! Reading Gnuboard5's tables from MariaDB/MySQL.
//!
//! Text columns are read as the bytes stored (`HEX(…)`: the server would
//! turn a stray byte into `?` on the way out, even cast to binary) and
//! checked as UTF-8 here, so a stray byte in a `utf8` (utf8mb3) column is reported
//! with its row instead of being replaced silently; times are read as text
//! (`CAST(… AS CHAR)`), since Gnuboard runs with `sql_mode=''` and stores
//! zero dates that drivers refuse as dates. Posts are streamed board by
//! board, so memory holds one post at a time, not the archive.

use crate::gnuboard::{BoardRow, FileRow, PopupRow, PostRow};
use mysql::prelude::Queryable;
use mysql::{Conn, OptsBuilder, Row};
use std::time::Duration;

/// Where the database is: `mysql://USER@HOST:PORT/DATABASE`, optionally
/// `?socket=/run/mysqld/mysqld.sock`. The password is never part of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dsn {
    pub user: String,
    pub host: String,
    pub port: u16,
    pub database: String,
    pub socket: Option<String>,
}

impl Dsn {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let usage = "--dsn must look like mysql://USER@HOST:PORT/DATABASE";
        let rest = raw.strip_prefix("mysql://").ok_or(usage)?;
        let (authority, path) = rest.split_once('/').ok_or(usage)?;
        let (user, host_port) = authority.rsplit_once('@').ok_or(usage)?;
        if user.contains(':') {
            return Err(
                "--dsn must not hold a password: set GAZETTE_DB_PASSWORD instead".to_owned(),
            );
        }
        let (host, port) = match host_port.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse()
                    .map_err(|_| format!("--dsn: port {port:?} is not a number"))?,
            ),
            None => (host_port, 3306),
        };
        let (database, query) = path.split_once('?').unwrap_or((path, ""));
        let socket = query
            .split('&')
            .find_map(|p| p.strip_prefix("socket="))
            .map(str::to_owned);
        if user.is_empty() || host.is_empty() || !is_name(database) {
            return Err(usage.to_owned());
        }
        Ok(Dsn {
            user: user.to_owned(),
            host: host.to_owned(),
            port,
            database: database.to_owned(),
            socket,
        })
    }
}

/// A table name part: Gnuboard's table prefixes and board names are
/// `[A-Za-z0-9_]`, which is also what may be put in a query unquoted.
pub fn is_name(s: &str) -> bool {
    !s.is_empty() && s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// An open connection and the install's table prefix.
pub struct Db {
    conn: Conn,
    prefix: String,
    database: String,
}

/// One line for an error of the database or its driver.
fn message(e: mysql::Error, dsn: &Dsn) -> String {
    let at = format!("{}@{}:{}", dsn.user, dsn.host, dsn.port);
    match e {
        mysql::Error::MySqlError(e) => match e.code {
            1045 => format!("access denied for {at} (is GAZETTE_DB_PASSWORD right?)"),
            1049 => format!("database {:?} does not exist on {at}", dsn.database),
            1044 => format!(
                "database {:?} on {at} does not exist or {} may not read it",
                dsn.database, dsn.user
            ),
            _ => format!("{at}: {} (error {})", e.message, e.code),
        },
        mysql::Error::IoError(e) => format!("cannot reach the database at {at}: {e}"),
        mysql::Error::DriverError(mysql::DriverError::CouldNotConnect(e)) => format!(
            "cannot reach the database at {at}: {}",
            e.map_or_else(|| "no answer".to_owned(), |(_, why, _)| why)
        ),
        mysql::Error::DriverError(e) => format!("database at {at}: {e}"),
        other => format!("database at {at}: {other}"),
    }
}

impl Db {
    /// Connects, with the password from `password` (none when `None`).
    pub fn connect(dsn: &Dsn, password: Option<String>, prefix: &str) -> Result<Self, String> {
        if !(prefix.is_empty() || is_name(prefix)) {
            return Err(format!(
                "--prefix {prefix:?} may hold only A-Z, a-z, 0-9 and _"
            ));
        }
        let opts = OptsBuilder::new()
            .user(Some(&dsn.user))
            .pass(password)
            .ip_or_hostname(Some(&dsn.host))
            .tcp_port(dsn.port)
            .socket(dsn.socket.clone())
            .prefer_socket(dsn.socket.is_some())
            .db_name(Some(&dsn.database))
            .tcp_connect_timeout(Some(Duration::from_secs(10)))
            .read_timeout(Some(Duration::from_secs(300)))
            // Text comes out as UTF-8 bytes whatever the server's default.
            .init(vec!["SET NAMES utf8mb4"]);
        let conn = Conn::new(opts).map_err(|e| message(e, dsn))?;
        Ok(Db {
            conn,
            prefix: prefix.to_owned(),
            database: dsn.database.clone(),
        })
    }

    fn table(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// Runs `query` on `table`, with a message naming the table (and what
    /// to check) when it or a column is missing.
    fn rows(&mut self, table: &str, query: &str) -> Result<Vec<Row>, String> {
        let (database, prefix) = (self.database.clone(), self.prefix.clone());
        self.conn
            .query(query)
            .map_err(|e| missing(table, &database, &prefix, e))
    }

    /// The rows of `board` for `boards`, in the order asked; a board that
    /// is not there is an error naming it.
    pub fn boards(&mut self, boards: &[String]) -> Result<Vec<BoardRow>, String> {
        let table = self.table("board");
        let list = boards
            .iter()
            .map(|b| format!("'{b}'"))
            .collect::<Vec<_>>()
            .join(",");
        let rows = self.rows(
            &table,
            &format!(
                "SELECT HEX(bo_table), HEX(bo_subject), bo_read_level FROM {table} WHERE bo_table IN ({list})"
            ),
        )?;
        let mut found = Vec::new();
        for row in rows {
            let at = format!("{table} row");
            let r = Reader::new(&row, &at);
            found.push(BoardRow {
                bo_table: r.text(0, "bo_table")?,
                bo_subject: r.text(1, "bo_subject")?,
                bo_read_level: r.int(2, "bo_read_level")?,
            });
        }
        boards
            .iter()
            .map(|b| {
                found
                    .iter()
                    .find(|row| &row.bo_table == b)
                    .cloned()
                    .ok_or_else(|| format!("board {b:?} is not in {table}"))
            })
            .collect()
    }

    /// Every post (not comment) of `board`, in Gnuboard's list order
    /// (`wr_num`, `wr_reply`), given one by one to `each`; a row that cannot
    /// be read is given as an error naming it.
    pub fn posts(
        &mut self,
        board: &str,
        mut each: impl FnMut(Result<PostRow, String>) -> Result<(), String>,
    ) -> Result<(), String> {
        let table = self.table(&format!("write_{board}"));
        let query = format!(
            "SELECT wr_id, wr_num, HEX(wr_reply), wr_is_comment, HEX(ca_name), \
             HEX(wr_option), HEX(wr_subject), HEX(wr_content), \
             HEX(wr_name), HEX(CAST(wr_datetime AS CHAR)) \
             FROM {table} WHERE wr_is_comment = 0 ORDER BY wr_num, wr_reply"
        );
        let (database, prefix) = (self.database.clone(), self.prefix.clone());
        let failed = |e| missing(&table, &database, &prefix, e);
        let result = self.conn.query_iter(query).map_err(failed)?;
        for row in result {
            let row = row.map_err(failed)?;
            let id = row.get::<Option<u64>, _>(0).flatten().unwrap_or(0);
            let at = format!("{table} wr_id {id}");
            let r = Reader::new(&row, &at);
            let post = (|| {
                Ok(PostRow {
                    bo_table: board.to_owned(),
                    wr_id: id,
                    wr_num: r.int(1, "wr_num")?,
                    wr_reply: r.text(2, "wr_reply")?,
                    wr_is_comment: r.int(3, "wr_is_comment")?,
                    ca_name: r.text(4, "ca_name")?,
                    wr_option: r.text(5, "wr_option")?,
                    wr_subject: r.text(6, "wr_subject")?,
                    wr_content: r.text(7, "wr_content")?,
                    wr_name: r.text(8, "wr_name")?,
                    wr_datetime: r.text(9, "wr_datetime")?,
                })
            })();
            each(post)?;
        }
        Ok(())
    }

    /// The attachments of `board`, by post and `bf_no`.
    pub fn files(&mut self, board: &str) -> Result<Vec<FileRow>, String> {
        let table = self.table("board_file");
        let rows = self.rows(
            &table,
            &format!(
                "SELECT wr_id, bf_no, HEX(bf_file), HEX(bf_content), bf_width, bf_height, bf_type \
                 FROM {table} WHERE bo_table = '{board}' ORDER BY wr_id, bf_no"
            ),
        )?;
        rows.iter()
            .map(|row| {
                let id = row.get::<Option<u64>, _>(0).flatten().unwrap_or(0);
                let at = format!("{table} {board}/{id}");
                let r = Reader::new(row, &at);
                Ok(FileRow {
                    bo_table: board.to_owned(),
                    wr_id: id,
                    bf_no: r.int(1, "bf_no")?,
                    bf_file: r.text(2, "bf_file")?,
                    bf_content: r.text(3, "bf_content")?,
                    bf_width: r.int(4, "bf_width")?,
                    bf_height: r.int(5, "bf_height")?,
                    bf_type: r.int(6, "bf_type")?,
                })
            })
            .collect()
    }

    /// Every popup of `new_win`, by `nw_id`.
    pub fn popups(&mut self) -> Result<Vec<Result<PopupRow, String>>, String> {
        let table = self.table("new_win");
        let rows = self.rows(
            &table,
            &format!(
                "SELECT nw_id, HEX(nw_division), HEX(nw_device), HEX(CAST(nw_begin_time AS CHAR)), \
                 HEX(CAST(nw_end_time AS CHAR)), nw_disable_hours, HEX(nw_subject), HEX(nw_content) \
                 FROM {table} ORDER BY nw_id"
            ),
        )?;
        Ok(rows
            .iter()
            .map(|row| {
                let id = row.get::<Option<u64>, _>(0).flatten().unwrap_or(0);
                let at = format!("{table} nw_id {id}");
                let r = Reader::new(row, &at);
                Ok(PopupRow {
                    nw_id: id,
                    nw_division: r.text(1, "nw_division")?,
                    nw_device: r.text(2, "nw_device")?,
                    nw_begin_time: r.text(3, "nw_begin_time")?,
                    nw_end_time: r.text(4, "nw_end_time")?,
                    nw_disable_hours: r.int(5, "nw_disable_hours")?,
                    nw_subject: r.text(6, "nw_subject")?,
                    nw_content: r.text(7, "nw_content")?,
                })
            })
            .collect())
    }
}

/// One line for a failed query on `table`, saying what to check when the
/// table or a column is missing.
fn missing(table: &str, database: &str, prefix: &str, e: mysql::Error) -> String {
    match &e {
        mysql::Error::MySqlError(m) if m.code == 1146 => {
            format!("table {table} does not exist in {database} (is --prefix {prefix:?} right?)")
        }
        mysql::Error::MySqlError(m) if m.code == 1054 => {
            format!("{table}: {} (not a Gnuboard5 table?)", m.message)
        }
        _ => format!("{table}: {e}"),
    }
}

/// Reads one row's columns, with messages naming the row and column.
struct Reader<'a> {
    row: &'a Row,
    at: &'a str,
}

impl<'a> Reader<'a> {
    fn new(row: &'a Row, at: &'a str) -> Self {
        Reader { row, at }
    }

    /// A text column, read as `HEX(column)`: NULL is empty, bytes that are
    /// not UTF-8 are an error naming the first bad byte.
    fn text(&self, index: usize, column: &str) -> Result<String, String> {
        let hex = match self.row.as_ref(index) {
            Some(mysql::Value::Bytes(b)) => b.as_slice(),
            Some(mysql::Value::NULL) | None => &[],
            Some(_) => return Err(format!("{}: {column} is not text", self.at)),
        };
        let bytes = hex
            .chunks(2)
            .map(|pair| {
                std::str::from_utf8(pair)
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| format!("{}: {column} came back garbled", self.at))?;
        String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes().get(at).copied().unwrap_or(0);
            format!(
                "{}: {column} is not UTF-8 (byte 0x{byte:02x} at {at})",
                self.at
            )
        })
    }

    /// A whole-number column: NULL is 0.
    fn int(&self, index: usize, column: &str) -> Result<i64, String> {
        match self.row.as_ref(index) {
            Some(mysql::Value::Int(n)) => Ok(*n),
            Some(mysql::Value::UInt(n)) => {
                i64::try_from(*n).map_err(|_| format!("{}: {column} {n} is too large", self.at))
            }
            Some(mysql::Value::NULL) | None => Ok(0),
            Some(mysql::Value::Bytes(b)) => std::str::from_utf8(b)
                .ok()
                .and_then(|s| s.trim().parse().ok())
                .ok_or_else(|| format!("{}: {column} is not a number", self.at)),
            Some(_) => Err(format!("{}: {column} is not a number", self.at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dsn_names_user_host_port_and_database_but_never_a_password() {
        let d = Dsn::parse("mysql://g5@db.example:3307/gnuboard").unwrap();
        assert_eq!(
            (
                d.user.as_str(),
                d.host.as_str(),
                d.port,
                d.database.as_str()
            ),
            ("g5", "db.example", 3307, "gnuboard")
        );
        let local = Dsn::parse("mysql://g5@localhost/g5?socket=/run/mysqld/mysqld.sock").unwrap();
        assert_eq!(
            (local.port, local.socket.as_deref()),
            (3306, Some("/run/mysqld/mysqld.sock"))
        );
        let e = Dsn::parse("mysql://g5:secret@localhost/g5").unwrap_err();
        assert!(
            e.contains("GAZETTE_DB_PASSWORD") && !e.contains("secret"),
            "{e}"
        );
        for bad in [
            "postgres://a@b/c",
            "mysql://a@b:x/c",
            "mysql://@b/c",
            "mysql://a@b/c;DROP",
            "mysql://a@b",
        ] {
            assert!(Dsn::parse(bad).is_err(), "{bad}");
        }
    }
}
