//! A real `veiviser-server` on a loopback port, with its own data folder.

use crate::bins::command;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};
use veiviser_core::sync::protocol::{Changeset, Collection, Latest};
use veiviser_core::sync::transport::{HttpRequest, HttpTransport, Transport};

/// A running `veiviser-server serve --demo` on `127.0.0.1:0`; killed when dropped.
#[derive(Debug)]
pub struct Server {
    child: Option<Child>,
    url: String,
    data: PathBuf,
}

impl Server {
    /// Starts a demo server on an empty (or existing) data folder `data`; `extra` are more
    /// `serve` flags. Returns once it printed its address.
    pub fn start(data: &Path, extra: &[&str]) -> Server {
        let mut child = command("veiviser-server")
            .arg("serve")
            .arg("--demo")
            .arg("--data")
            .arg(data)
            .args(["--listen", "127.0.0.1:0", "--rescan-secs", "1"])
            .args(extra)
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("veiviser-server starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("reading the server's first line");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from the server: {line:?}"))
            .to_string();
        Server {
            child: Some(child),
            url,
            data: data.to_path_buf(),
        }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The server's data folder.
    pub fn data(&self) -> &Path {
        &self.data
    }

    /// Stops the server (SIGKILL) and waits for it.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// `GET /v1/latest`.
    pub fn latest(&self) -> Latest {
        let resp = get(&format!("{}/v1/latest", self.url));
        assert_eq!(resp.status, 200, "GET /v1/latest");
        serde_json::from_slice(&resp.body).expect("a Latest document")
    }

    /// The full current state of a collection (`GET …/changeset` without `since`).
    pub fn full(&self, collection: Collection) -> Changeset {
        let resp = get(&format!("{}{}", self.url, collection.changeset_path(None)));
        assert_eq!(resp.status, 200, "GET full {collection}");
        serde_json::from_slice(&resp.body).expect("a changeset")
    }

    /// Publishes content files with `veiviser-server import --demo` into this server's data
    /// folder and waits until the running server serves a newer sequence of every collection
    /// in `changes`; returns the new `/v1/latest`.
    pub fn import(&self, files: &[&Path], changes: &[Collection]) -> Latest {
        self.import_with(files, &[], changes)
    }

    /// Like [`Server::import`], with extra `import` arguments (e.g. `--summary TEXT`).
    pub fn import_with(&self, files: &[&Path], extra: &[&str], changes: &[Collection]) -> Latest {
        let before = self.latest();
        let out = command("veiviser-server")
            .arg("import")
            .arg("--demo")
            .arg("--data")
            .arg(&self.data)
            .args(["--actor", "e2e-test"])
            .args(extra)
            .args(files)
            .output()
            .expect("veiviser-server import runs");
        assert!(
            out.status.success(),
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let seq = |l: &Latest, c: &Collection| l.collections.get(c).map(|h| h.sequence);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let now = self.latest();
            if changes.iter().all(|c| seq(&now, c) > seq(&before, c)) {
                return now;
            }
            assert!(
                Instant::now() < deadline,
                "the server did not pick up the import of {files:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A plain GET through the core's HTTP transport (decodes gzip/zstd).
pub fn get(url: &str) -> veiviser_core::sync::transport::HttpResponse {
    HttpTransport::new(Duration::from_secs(20))
        .send(&HttpRequest {
            url: url.to_string(),
            headers: vec![],
        })
        .unwrap_or_else(|e| panic!("GET {url}: {e}"))
}
