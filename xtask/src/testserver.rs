//! A small HTTP server for tests of reading a live backend: one thread per
//! connection, answers written by the test (whole, chunked without a
//! length, redirects, slow). Used by `source.rs`'s tests and by
//! `tests/hostile_backend.rs`.
#![allow(dead_code)]

/// Serves HTTP on a free port under `/api/`, one thread per
/// connection: `answer` writes the whole answer to a request's path.
pub fn serve_with(
    answer: impl Fn(&str, &mut std::net::TcpStream) + Send + Sync + 'static,
) -> String {
    use std::io::{BufRead, BufReader};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/api", listener.local_addr().unwrap());
    let answer = std::sync::Arc::new(answer);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let answer = answer.clone();
            std::thread::spawn(move || {
                let mut line = String::new();
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                reader.read_line(&mut line).unwrap();
                let mut header = String::new();
                while reader.read_line(&mut header).unwrap_or(0) > 2 {
                    header.clear();
                }
                let path = line.split_whitespace().nth(1).unwrap_or("/");
                let mut out = stream;
                answer(path.trim_start_matches("/api/"), &mut out);
            });
        }
    });
    base
}

/// A whole answer with a `Content-Length`.
pub fn respond(out: &mut std::net::TcpStream, status: &str, extra: &str, body: &[u8]) {
    use std::io::Write;
    let _ = write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(body);
}

/// `size` bytes of a JSON string, chunked, with no `Content-Length`:
/// stops writing when the reader goes away.
pub fn respond_chunked(out: &mut std::net::TcpStream, size: usize) {
    use std::io::Write;
    let _ = write!(
        out,
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    );
    let chunk = vec![b' '; 64 * 1024];
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
