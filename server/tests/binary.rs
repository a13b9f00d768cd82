//! The `veiviser-server` binary: a real server on 127.0.0.1:0, keys, and the command line.

mod common;

use common::binary::*;
use common::*;
use std::time::{Duration, Instant};
use veiviser_core::sync::protocol::{Changeset, Latest};
use veiviser_core::sync::signing::{SigningKey, TrustedKeys};

#[test]
fn serve_with_a_key_on_port_0_answers_over_real_tcp_and_sees_later_imports() {
    let tmp = tempfile::tempdir().unwrap();
    let (key_path, key) = keygen(tmp.path());
    let data = tmp.path().join("data");
    let files = content_of_every_kind(&tmp.path().join("content"));
    let out = import_with_cli(&files, &data, &key_path, &["--actor", "kari"]);
    let stdout = assert_success(&out);
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
    let (status, body) = http_get(&format!("{}/healthz", server.url));
    assert_eq!(
        (status, String::from_utf8(body).unwrap()),
        (200, r#"{"sequence":3,"status":"ok"}"#.to_string())
    );
    let (status, body) = http_get(&format!("{}/v1/collections/guides/changeset", server.url));
    assert_eq!(status, 200);
    let cs: Changeset = serde_json::from_slice(&body).unwrap();
    assert_eq!(cs.signature.key_id, key.key_id());

    // An import while the server runs is picked up by its rescan.
    let g = write(tmp.path(), "g2.toml", &guide_toml("guide-b", 1));
    assert_success(&import_with_cli(&[g], &data, &key_path, &[]));
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, body) = http_get(&format!("{}/v1/latest", server.url));
        let latest: Latest = serde_json::from_slice(&body).unwrap();
        if latest.sequence == 4 {
            break;
        }
        assert!(Instant::now() < deadline, "the server never saw sequence 4");
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, _) = http_get(&format!(
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
    let data = published_data(tmp.path()).root().to_path_buf();
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
    assert_exit(&out, 4);
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to serve"));
}

#[test]
fn serve_demo_publishes_the_demo_content_into_an_empty_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let server = start(&["--demo", "--data", data.to_str().unwrap()]);
    let (status, body) = http_get(&format!("{}/v1/latest", server.url));
    assert_eq!(status, 200);
    let latest: Latest = serde_json::from_slice(&body).unwrap();
    assert!(latest.sequence >= 1);
    let (_, body) = http_get(&format!("{}/v1/collections/guides/changeset", server.url));
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
    let out = import_with_cli(std::slice::from_ref(&broken), &data, &key_path, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("broken.toml")
            && err.contains("start")
            && err.contains("nothing was published"),
        "{err}"
    );
    assert!(is_empty_dir(&data.join("published")));

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
    assert_success(&import_with_cli(&files, &data, &key_path, &[]));
    let backup = tmp.path().join("backup");
    let out = bin()
        .args(["backup", "--data"])
        .arg(&data)
        .arg("--out")
        .arg(&backup)
        .output()
        .unwrap();
    assert_success(&out);
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
    assert_exit(&out, 4);
    let out = bin()
        .arg("restore")
        .arg(&backup)
        .arg("--data")
        .arg(&restored)
        .arg("--key")
        .arg(&key_path)
        .output()
        .unwrap();
    assert_success(&out);
    let server = start(&[
        "--data",
        restored.to_str().unwrap(),
        "--key",
        key_path.to_str().unwrap(),
    ]);
    let (_, body) = http_get(&format!("{}/v1/latest", server.url));
    let latest: Latest = serde_json::from_slice(&body).unwrap();
    assert_eq!(latest.sequence, 3);
}

/// The exit codes README.md documents for the server, through the real binary: one case per
/// code not covered above, each with the message that says what to do.
#[test]
fn exit_codes_are_the_documented_ones() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");

    // 2: a flag clap does not know.
    let out = bin().args(["audit", "--no-such-flag"]).output().unwrap();
    assert_exit(&out, 2);
    // 2: a trusted-keys file that cannot be read.
    let out = bin()
        .arg("restore")
        .arg(tmp.path())
        .arg("--data")
        .arg(&empty)
        .arg("--trusted-keys")
        .arg(tmp.path().join("missing.toml"))
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("missing.toml"));
    // 2: import with nothing to import.
    let out = bin()
        .args(["import", "--demo", "--data"])
        .arg(&empty)
        .output()
        .unwrap();
    assert!(assert_exit(&out, 2).contains("nothing to import"));

    // 5: export of a data folder with nothing published.
    let out = bin()
        .args(["export", "--data"])
        .arg(&empty)
        .arg("--out")
        .arg(tmp.path().join("x.json"))
        .output()
        .unwrap();
    assert!(assert_exit(&out, 5).contains("nothing is published yet"));

    // 5: import while another import holds the publish lock; nothing is published.
    let data = published_data(tmp.path());
    let before = data.scan().unwrap().head();
    // A running publisher holds the OS lock on publish.lock (the file alone blocks nothing).
    let held = data.lock().unwrap();
    let g = write(tmp.path(), "g.toml", &guide_toml("guide-l", 1));
    let out = bin()
        .arg("import")
        .arg(&g)
        .arg("--demo")
        .arg("--data")
        .arg(data.root())
        .output()
        .unwrap();
    let err = assert_exit(&out, 5);
    assert!(
        err.contains("another import is publishing") && err.contains("nothing was published"),
        "{err}"
    );
    assert_eq!(data.scan().unwrap().head(), before);
    drop(held);

    // 5: serve cannot listen on an address already taken.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = bin()
        .args(["serve", "--demo", "--listen", &addr, "--data"])
        .arg(tmp.path().join("serve-data"))
        .env("RUST_LOG", "off")
        .output()
        .unwrap();
    assert!(assert_exit(&out, 5).contains("cannot listen"));
    assert!(out.stdout.is_empty(), "it must not claim to listen");
}
