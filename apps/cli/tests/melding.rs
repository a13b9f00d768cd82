//! `veiviser melding` with the real binary: a whole draft from a walk through the violence
//! bypass to export, nothing readable on disk or in the logs, exit codes for damage, wrong
//! keys and incomplete drafts, expiry, and SIGKILL in the middle of saves.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

const CHILD: &str = "Zyxwvenia Qqmorkelund";
/// A valid fødselsnummer (both check digits), and the same with a wrong last digit.
const FNR: &str = "01020310045";
const FNR_WRONG: &str = "01020310046";
const T0: &str = "2026-11-30T09:00:00Z";

fn cmd(data: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_veiviser"));
    c.arg("melding").args(["--data", data.to_str().unwrap()]);
    if !args.contains(&"--at") {
        c.args(["--at", T0]);
    }
    c.args(args)
        .env("RUST_LOG", "trace")
        .env_remove("VEIVISER_DRAFTS_PASSPHRASE")
        .stdin(Stdio::null());
    c
}

fn run(data: &Path, args: &[&str]) -> Output {
    cmd(data, args).output().unwrap()
}

/// Runs a command that must succeed and must not print anything about the child.
fn quiet_ok(data: &Path, args: &[&str], logs: &mut Vec<u8>) -> String {
    let out = run(data, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    logs.extend_from_slice(&out.stdout);
    logs.extend_from_slice(&out.stderr);
    String::from_utf8(out.stdout).unwrap()
}

fn new_id(stdout: &str) -> String {
    stdout.split('\t').next().unwrap().trim().to_string()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn every_file(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            every_file(&p, out);
        } else {
            out.push((p.display().to_string(), std::fs::read(&p).unwrap()));
        }
    }
}

fn fill(data: &Path, id: &str, logs: &mut Vec<u8>) {
    quiet_ok(
        data,
        &[
            "profile",
            "--name",
            "Kari Nordmann",
            "--role",
            "pedagogisk leder",
            "--phone",
            "+47 912 34 567",
            "--email",
            "kari@eksempel.no",
            "--org",
            "Eksempel barnehage",
            "--org-address",
            "Barnehageveien 1",
        ],
        logs,
    );
    quiet_ok(
        data,
        &[
            "set",
            id,
            "--kommunenummer",
            "0301",
            "--kommunenavn",
            "Oslo",
            "--bydelsnummer",
            "09",
            "--bydelsnavn",
            "Bjerke",
            "--child-name",
            CHILD,
            "--fnr",
            FNR,
            "--child-address",
            "Eksempelgata 2",
            "--child-informed",
            "no",
            "--child-reason",
            "Barnet er tre år.",
            "--melding",
            "Bekymret for omsorgen.",
            "--historie",
            "Siden september.",
            "--tolk",
            "Nei",
        ],
        logs,
    );
    quiet_ok(
        data,
        &[
            "add-observation",
            id,
            "--date",
            "2026-11-27",
            "--time",
            "08:10",
            "--what",
            "Blåmerker på begge overarmer.",
            "--child-words",
            "Pappa klemte hardt",
            "--child-words-time",
            "08:15",
            "--witnesses",
            "Assistent",
        ],
        logs,
    );
    quiet_ok(
        data,
        &["add-foresatt", id, "--name", "Mor Qqmorkelund"],
        logs,
    );
    quiet_ok(
        data,
        &["add-foresatt", id, "--name", "Far Qqmorkelund"],
        logs,
    );
    quiet_ok(
        data,
        &[
            "add-conversation",
            id,
            "--with",
            "parents",
            "--not-held",
            "Mistanke om vold.",
        ],
        logs,
    );
}

#[test]
fn a_draft_from_the_violence_bypass_to_export_leaves_no_plaintext_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let mut logs = Vec::new();
    // Start from the guide in the local store, so the content store exists beside the drafts.
    let out = quiet_ok(
        data,
        &[
            "new",
            "--guide",
            "fra-bekymring-til-handling",
            "--answer",
            "next",
            "--answer",
            "nei",
            "--answer",
            "ja",
            "--answer",
            "next",
            "--sector",
            "skole",
        ],
        &mut logs,
    );
    let id = new_id(&out);
    assert!(out.contains("Slettes om 14 dager."), "{out}");
    assert!(String::from_utf8_lossy(&logs).contains("Ikke informer foreldrene"));
    fill(data, &id, &mut logs);
    let listed = quiet_ok(data, &["list"], &mut logs);
    assert!(
        listed.contains(&id) && listed.contains("Slettes om 14 dager."),
        "{listed}"
    );

    // Nothing the child is called, and not the number, in any file or any log line.
    let mut files = Vec::new();
    every_file(data, &mut files);
    assert!(
        files.iter().any(|(p, _)| p.contains("store")),
        "the content store exists"
    );
    for (path, bytes) in &files {
        for needle in [CHILD, FNR, "Qqmorkelund", "Kari Nordmann"] {
            assert!(!contains(bytes, needle.as_bytes()), "{path} holds {needle}");
        }
    }
    for needle in [CHILD, FNR, "Qqmorkelund"] {
        assert!(
            !contains(&logs, needle.as_bytes()),
            "the logs hold {needle}"
        );
    }

    // Show and export are the only places the content appears.
    let shown = run(data, &["show", &id]);
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(
        shown.contains(CHILD) && shown.contains("!! Ikke informer foreldrene"),
        "{shown}"
    );
    let out = run(data, &["export", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["offentligBarn"][0]["fnr"], FNR);
    let foresatte = doc["foresatte"].as_array().unwrap();
    assert_eq!(foresatte.len(), 2);
    for f in foresatte {
        assert_eq!(f["orientert"], false);
        assert!(f["orientertGrunn"]
            .as_str()
            .unwrap()
            .contains("vold eller overgrep"));
    }
    assert!(doc["melding"]["andreSynspunkter"]
        .as_str()
        .unwrap()
        .contains("barnevernsloven § 13-2"));
    let text = run(data, &["export", &id, "--format", "text", "--lang", "en"]);
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.find("ABOUT THE CHILD").unwrap() < text.find("THE CONCERN").unwrap());

    quiet_ok(data, &["delete", &id], &mut Vec::new());
    assert_eq!(run(data, &["show", &id]).status.code(), Some(2));
    assert!(!quiet_ok(data, &["list"], &mut Vec::new()).contains(&id));
}

#[test]
fn exit_codes_for_incomplete_wrong_digit_damage_and_wrong_key() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let mut logs = Vec::new();
    let a = new_id(&quiet_ok(data, &["new"], &mut logs));
    let b = new_id(&quiet_ok(data, &["new"], &mut logs));
    // Incomplete: exit 1 and every missing field by name.
    let out = run(data, &["export", &a]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for f in [
        "kommunenummer",
        "offentligMelder.personnavn",
        "offentligBarn[0].fnr",
        "foresatte",
        "melding.historie",
    ] {
        assert!(err.contains(f), "{f} not in {err}");
    }
    // A wrong check digit.
    fill(data, &a, &mut logs);
    quiet_ok(data, &["set", &a, "--fnr", FNR_WRONG], &mut logs);
    let out = run(data, &["export", &a, "--lang", "en"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("offentligBarn[0].fnr: The check digits"),
        "{err}"
    );
    assert!(
        !err.contains(FNR_WRONG),
        "the number itself is never printed"
    );
    // Bad input is a usage error.
    assert_eq!(
        run(
            data,
            &["add-observation", &b, "--date", "30.11.2026", "--what", "x"]
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(run(data, &["show", "not-an-id"]).status.code(), Some(2));
    // A flipped byte: exit 4 for that draft, the other still opens.
    let path = data.join("drafts").join(format!("{a}.draft"));
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.len() / 2;
    bytes[at] ^= 0x10;
    std::fs::write(&path, bytes).unwrap();
    let out = run(data, &["show", &a]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("damaged"));
    assert!(run(data, &["show", &b]).status.success());
    let listed = quiet_ok(data, &["list"], &mut logs);
    assert!(
        listed.contains("damaged") && listed.contains(&b),
        "{listed}"
    );
    // Another key file: exit 4, "another master key"; the right key still works.
    let other = tmp.path().join("other.key");
    let out = run(data, &["--key-file", other.to_str().unwrap(), "show", &b]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("another master key"));
    assert!(run(data, &["show", &b]).status.success());
    // A passphrase instead of the key file works, and the key file's drafts say "wrong key".
    let out = cmd(data, &["new"])
        .env("VEIVISER_DRAFTS_PASSPHRASE", "korrekt hest batteri")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c = new_id(&String::from_utf8(out.stdout).unwrap());
    let out = cmd(data, &["show", &c])
        .env("VEIVISER_DRAFTS_PASSPHRASE", "korrekt hest batteri")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(run(data, &["show", &c]).status.code(), Some(4));
}

#[test]
fn an_expired_draft_is_gone_after_reopen() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let id = new_id(&quiet_ok(
        data,
        &["new", "--retention-days", "2"],
        &mut Vec::new(),
    ));
    let keep = new_id(&quiet_ok(data, &["new"], &mut Vec::new()));
    let later = ["--at", "2026-12-02T09:00:00Z"];
    let out = run(data, &[&later[..], &["list"]].concat());
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("draft {id} expired and was destroyed")),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        !stdout.contains(&id) && stdout.contains(&keep) && stdout.contains("Slettes om 12 dager."),
        "{stdout}"
    );
    assert_eq!(
        run(data, &[&later[..], &["show", &id]].concat())
            .status
            .code(),
        Some(2)
    );
    assert!(!data.join("drafts").join(format!("{id}.draft")).exists());
}

#[test]
fn sigkill_during_saves_leaves_the_old_or_the_new_draft() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path();
    let id = new_id(&quiet_ok(data, &["new"], &mut Vec::new()));
    let long = "x".repeat(4000);
    let add = |n: usize| {
        let mut c = cmd(
            data,
            &[
                "add-observation",
                &id,
                "--date",
                "2026-11-27",
                "--what",
                &format!("{n} {long}"),
            ],
        );
        c.stdout(Stdio::null()).stderr(Stdio::null());
        c
    };
    // How long one save takes, to spread the kills over it.
    let started = Instant::now();
    assert!(add(0).status().unwrap().success());
    let one = started.elapsed();
    let count = |data: &Path| -> usize {
        let out = run(data, &["show", &id, "--json"]);
        assert!(
            out.status.success(),
            "after a kill the draft must open: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["observations"].as_array().unwrap().len()
    };
    let mut expected = count(data);
    let (mut killed, mut finished, mut grew) = (0, 0, 0);
    for i in 0..40u32 {
        let delay = one.mul_f64(f64::from(i) / 10.0);
        let mut child = add(i as usize + 1).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL on Unix
        let status = child.wait().unwrap();
        if status.success() {
            finished += 1
        } else {
            killed += 1
        }
        let now = count(data);
        assert!(
            now == expected || now == expected + 1,
            "{now} observations, expected {expected} or one more"
        );
        grew += usize::from(now > expected);
        expected = now;
    }
    eprintln!(
        "sigkill test: {killed} saves killed, {finished} finished, {grew} saved, one save {one:?}"
    );
    assert!(killed > 0, "no save was interrupted ({finished} finished)");
    assert!(
        grew > 0,
        "no save got through: the kills came too early to test anything"
    );
    // No temporary file is left once the store is opened again.
    let _ = count(data);
    let leftovers: Vec<_> = std::fs::read_dir(data.join("drafts"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "tmp"))
        .collect();
    assert!(leftovers.is_empty());
}
