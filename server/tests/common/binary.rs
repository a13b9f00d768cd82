//! The real `veiviser-server` binary: running commands, a server on `127.0.0.1:0`, plain GETs.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use veiviser_core::sync::signing::SigningKey;

/// A `veiviser-server` command.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_veiviser-server"))
}

/// Asserts the command succeeded (showing its stderr if not) and returns its stdout.
pub fn assert_success(out: &Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Asserts the command exited with `code` (showing its stderr if not) and returns its stderr.
pub fn assert_exit(out: &Output, code: i32) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{stderr}");
    stderr
}

/// `veiviser-server import FILES --data DATA --key KEY` plus `extra` arguments.
pub fn import_with_cli(files: &[PathBuf], data: &Path, key: &Path, extra: &[&str]) -> Output {
    bin()
        .arg("import")
        .args(files)
        .arg("--data")
        .arg(data)
        .arg("--key")
        .arg(key)
        .args(extra)
        .output()
        .unwrap()
}

/// `veiviser-server keygen --out DIR/key.toml`: the key file and the key, checked against
/// what keygen printed.
pub fn keygen(dir: &Path) -> (PathBuf, SigningKey) {
    let path = dir.join("key.toml");
    let out = bin().args(["keygen", "--out"]).arg(&path).output().unwrap();
    let stdout = assert_success(&out);
    let key = SigningKey::from_file(&path).unwrap();
    assert!(
        stdout.contains(&format!("key id: {}", key.key_id())),
        "{stdout}"
    );
    assert!(stdout.contains(&key.public_key_base64()), "{stdout}");
    (path, key)
}

/// A running server; killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `veiviser-server serve --listen 127.0.0.1:0 ARGS`, once it printed its address.
pub fn start(args: &[&str]) -> Server {
    let mut child = bin()
        .arg("serve")
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line was {line:?}"))
        .to_string();
    assert!(
        url.starts_with("http://127.0.0.1:") && !url.ends_with(":0"),
        "{url}"
    );
    Server { child, url }
}

/// `GET url`: the status and the body (errors are answers too).
pub fn http_get(url: &str) -> (u16, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut resp = agent.get(url).call().unwrap();
    let status = resp.status().as_u16();
    let mut body = Vec::new();
    resp.body_mut().as_reader().read_to_end(&mut body).unwrap();
    (status, body)
}

/// Like [`start`], for a prepared command (e.g. `sh -c 'ulimit -n 1024; exec …'`) whose
/// stderr is already set up; the command must run `serve --listen 127.0.0.1:0`.
pub fn start_command(mut command: Command) -> Server {
    let mut child = command.stdout(Stdio::piped()).spawn().unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("first line was {line:?}"))
        .to_string();
    Server { child, url }
}
