//! A small HTTP server for the command tests (after the build step's
//! `xtask/src/testserver.rs`; the sync crate does not depend on xtask):
//! one thread per connection, answers written by the test, and every
//! request's path kept for the test to look at.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// A running server: its base URL (`http://127.0.0.1:PORT`) and the paths
/// asked for so far.
pub struct Server {
    pub base: String,
    pub paths: Arc<Mutex<Vec<String>>>,
}

impl Server {
    pub fn paths(&self) -> Vec<String> {
        self.paths.lock().unwrap().clone()
    }
}

/// Serves HTTP on a free port: `answer` writes the whole answer to a
/// request for a path (with its query).
pub fn serve_with(answer: impl Fn(&str, &mut TcpStream) + Send + Sync + 'static) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let answer = Arc::new(answer);
    let paths = Arc::new(Mutex::new(Vec::new()));
    let seen = paths.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            let seen = seen.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut line).unwrap_or(0);
                let mut header = String::new();
                while reader.read_line(&mut header).unwrap_or(0) > 2 {
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
                seen.lock().unwrap().push(path.clone());
                let mut out = stream;
                answer(&path, &mut out);
            });
        }
    });
    Server { base, paths }
}

/// Serves the same answer to every request.
pub fn serve(status: &'static str, content_type: &'static str, body: Vec<u8>) -> Server {
    serve_with(move |_, out| respond(out, status, content_type, "", &body))
}

/// A whole answer with a `Content-Length`.
pub fn respond(out: &mut TcpStream, status: &str, content_type: &str, extra: &str, body: &[u8]) {
    let _ = write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(body);
}

/// `size` bytes of `fill`, chunked, with no `Content-Length`: stops
/// writing when the reader goes away.
pub fn respond_chunked(out: &mut TcpStream, size: usize, fill: u8) {
    let _ = write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    let chunk = vec![fill; 64 * 1024];
    let mut sent = 0;
    while sent < size {
        let n = chunk.len().min(size - sent);
        if write!(out, "{n:x}\r\n").is_err()
            || out.write_all(&chunk[..n]).is_err()
            || out.write_all(b"\r\n").is_err()
        {
            return;
        }
        sent += n;
    }
    let _ = out.write_all(b"0\r\n\r\n");
}
