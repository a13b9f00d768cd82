//! An import killed at any moment leaves nothing that blocks the next one.

mod common;

use common::binary::{assert_success, bin};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn directory_file(dir: &Path, i: usize) -> std::path::PathBuf {
    let text = common::DIRECTORY_TOML.replace(
        "Barneverntjenesten i Oslo (testdata)",
        &format!("Barneverntjenesten i Oslo (testdata {i})"),
    );
    common::write(dir, &format!("in/{i}/oslo.toml"), &text)
}

fn import(data: &Path, file: &Path) -> Command {
    let mut c = bin();
    c.arg("import")
        .arg(file)
        .arg("--data")
        .arg(data)
        .arg("--demo")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[test]
fn an_import_killed_at_any_moment_leaves_nothing_that_blocks_the_next() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    // How long a whole import takes here, so the kills spread over all of it.
    let started = Instant::now();
    assert!(import(&data, &directory_file(tmp.path(), 0))
        .status()
        .unwrap()
        .success());
    let whole = started.elapsed().max(Duration::from_millis(20));
    let kills = 20;
    for i in 1..=kills {
        let mut child = import(&data, &directory_file(tmp.path(), i))
            .spawn()
            .unwrap();
        std::thread::sleep(whole * i as u32 / kills as u32);
        let _ = child.kill();
        let _ = child.wait();
    }
    let out = import(&data, &directory_file(tmp.path(), 1000))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stdout = assert_success(&out);
    assert!(stdout.contains("published directory"), "{stdout}");
    let leftovers: Vec<String> = std::fs::read_dir(data.join("published"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temp files left: {leftovers:?}");
}
