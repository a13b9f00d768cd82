//! The `veiviser-server` binary: a real server on 127.0.0.1:0, keys, and the command line.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use veiviser_core::sync::protocol::{Changeset, Latest};
use veiviser_core::sync::signing::{SigningKey, TrustedKeys};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_veiviser-server"))
}

/// A running server; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Server {
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

fn get(url: &str) -> (u16, Vec<u8>) {
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

fn keygen(dir: &Path) -> (std::path::PathBuf, SigningKey) {
    let path = dir.join("key.toml");
    let out = bin().args(["keygen", "--out"]).arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let key = SigningKey::from_file(&path).unwrap();
    assert!(
        stdout.contains(&format!("key id: {}", key.key_id())),
        "{stdout}"
    );
    assert!(stdout.contains(&key.public_key_base64()), "{stdout}");
    (path, key)
}

#[test]
fn serve_with_a_key_on_port_0_answers_over_real_tcp_and_sees_later_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let (key_path, key) = keygen(tmp.path());
    let data = tmp.path().join("data");
    let files = content_of_every_kind(&tmp.path().join("content"));
    let out = bin()
        .arg("import")
        .args(&files)
        .arg("--data")
        .arg(&data)
        .arg("--key")
        .arg(&key_path)
        .args(["--actor", "kari"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("published guides at sequence 1"),
        "{stdout}"
    );

    let server = start(&[
        "--data",
        data.to_str().unwrap(),
        "--key",
        key_path.to_str().unwrap(),
        "--rescan-secs",
        "1",
    ]);
    let (status, body) = get(&format!("{}/healthz", server.url));
    assert_eq!(
        (status, String::from_utf8(body).unwrap()),
        (200, r#"{"sequence":3,"status":"ok"}"#.to_string())
    );
    let (status, body) = get(&format!("{}/v1/collections/guides/changeset", server.url));
    assert_eq!(status, 200);
    let cs: Changeset = serde_json::from_slice(&body).unwrap();
    assert_eq!(cs.signature.key_id, key.key_id());

    // An import while the server runs is picked up by its rescan.
    let g = write(tmp.path(), "g2.toml", &guide_toml("guide-b", 1));
    let out = bin()
        .arg("import")
        .arg(&g)
        .arg("--data")
        .arg(&data)
        .arg("--key")
        .arg(&key_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = get(&format!("{}/v1/latest", server.url));
        let latest: Latest = serde_json::from_slice(&body).unwrap();
        if latest.sequence == 4 {
            break;
        }
        assert!(Instant::now() < deadline, "the server never saw sequence 4");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, _) = get(&format!(
        "{}/v1/collections/guides/changeset?since=nope",
        server.url
    ));
    assert_eq!(status, 400);
}

#[test]
fn serve_refuses_to_start_without_a_key() {
    let tmp = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(tmp.path().join("data"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "it must not listen");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("refusing to start") && err.contains("--key") && err.contains("--demo"),
        "{err}"
    );

    // A key file that is not a key is refused too, naming the file.
    let bad = write(tmp.path(), "bad.toml", "key_id = \"x\"\n");
    let out = bin()
        .args(["serve", "--listen", "127.0.0.1:0", "--key"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml"));
}

#[test]
fn serve_refuses_content_that_does_not_verify_with_its_key() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let files = content_of_every_kind(&tmp.path().join("content"));
    import_paths(
        &veiviser_server::data_dir::DataDir::new(&data),
        &files,
        &opts("kari"),
    )
    .unwrap();
    // Same key id, different secret: the signatures cannot verify.
    let impostor = SigningKey::from_seed("server-test", [6u8; 32]).unwrap();
    let key_path = write(tmp.path(), "impostor.toml", &impostor.to_toml_string());
    let out = bin()
        .args(["serve", "--listen", "127.0.0.1:0", "--data"])
        .arg(&data)
        .arg("--key")
        .arg(&key_path)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to serve"));
}

#[test]
fn serve_demo_publishes_the_demo_content_into_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let server = start(&["--demo", "--data", data.to_str().unwrap()]);
    let (status, body) = get(&format!("{}/v1/latest", server.url));
    assert_eq!(status, 200);
    let latest: Latest = serde_json::from_slice(&body).unwrap();
    assert!(latest.sequence >= 1);
    let (_, body) = get(&format!("{}/v1/collections/guides/changeset", server.url));
    let cs: Changeset = serde_json::from_slice(&body).unwrap();
    let demo =
        TrustedKeys::from_toml_str(veiviser_server::publishing::keys::DEMO_TRUSTED_KEYS, "demo")
            .unwrap();
    assert!(
        demo.get(&cs.signature.key_id).is_some(),
        "signed with the demo key"
    );
    assert!(cs
        .records
        .iter()
        .any(|r| r.id == "fra-bekymring-til-handling"));
    drop(server);

    // The audit trail names the bootstrap actor; the export equals `export --demo`.
    let out = bin().args(["audit", "--data"]).arg(&data).output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("bootstrap"));
    let a = tmp.path().join("a.json");
    let b = tmp.path().join("b.json");
    assert!(bin()
        .args(["export", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&a)
        .status()
        .unwrap()
        .success());
    assert!(bin()
        .args(["export", "--demo", "--out"])
        .arg(&b)
        .status()
        .unwrap()
        .success());
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn keygen_refuses_to_overwrite_and_import_errors_exit_1() {
    let tmp = tempfile::tempdir().unwrap();
    let (key_path, _) = keygen(tmp.path());
    let before = std::fs::read(&key_path).unwrap();
    let out = bin()
        .args(["keygen", "--out"])
        .arg(&key_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&key_path).unwrap(), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key_path).unwrap().permissions().mode() & 0o077,
            0,
            "secret key must be private"
        );
    }

    let broken = write(
        tmp.path(),
        "broken.toml",
        &guide_toml("guide-x", 1).replacen("start = \"S0\"", "start = \"NOPE\"", 1),
    );
    let data = tmp.path().join("data");
    let out = bin()
        .arg("import")
        .arg(&broken)
        .arg("--data")
        .arg(&data)
        .arg("--key")
        .arg(&key_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("broken.toml")
            && err.contains("start")
            && err.contains("nothing was published"),
        "{err}"
    );
    assert!(
        !data.join("published").exists()
            || std::fs::read_dir(data.join("published"))
                .unwrap()
                .next()
                .is_none()
    );

    let out = bin()
        .arg("import")
        .arg(&broken)
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "import without a key");
}

#[test]
fn backup_and_restore_through_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let (key_path, _) = keygen(tmp.path());
    let data = tmp.path().join("data");
    let files = content_of_every_kind(&tmp.path().join("content"));
    let st = bin()
        .arg("import")
        .args(&files)
        .arg("--data")
        .arg(&data)
        .arg("--key")
        .arg(&key_path)
        .output()
        .unwrap();
    assert!(st.status.success());
    let backup = tmp.path().join("backup");
    let out = bin()
        .args(["backup", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&backup)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = tmp.path().join("restored");
    // Without anything to verify against, restore refuses.
    let out = bin()
        .arg("restore")
        .arg(&backup)
        .arg("--data")
        .arg(&restored)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // Verifying with the demo key fails: exit 4, nothing restored.
    let out = bin()
        .arg("restore")
        .arg(&backup)
        .arg("--data")
        .arg(&restored)
        .arg("--demo")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = bin()
        .arg("restore")
        .arg(&backup)
        .arg("--data")
        .arg(&restored)
        .arg("--key")
        .arg(&key_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let server = start(&[
        "--data",
        restored.to_str().unwrap(),
        "--key",
        key_path.to_str().unwrap(),
    ]);
    let (_, body) = get(&format!("{}/v1/latest", server.url));
    let latest: Latest = serde_json::from_slice(&body).unwrap();
    assert_eq!(latest.sequence, 3);
}
