//! Cold start on the device, for `bench/static.sh`: open a synced store, show the first step
//! of a guide and one contacts answer; and, as the reference, read the same store's bytes
//! from disk.
//!
//! `cold_start DATA TRUSTED_KEYS GUIDE_ID POSTCODE` prints one JSON line with both times in ms.

use std::path::Path;
use std::time::Instant;
use veiviser_core::device::DeviceContent;
use veiviser_core::directory::{ContactsQuery, Location};
use veiviser_core::guide::navigator::Session;
use veiviser_core::sync::signing::TrustedKeys;
use veiviser_core::{ContactRole, Lang};

fn read_all(dir: &Path) -> usize {
    let mut n = 0;
    for e in std::fs::read_dir(dir).expect("the store folder").flatten() {
        let p = e.path();
        if p.is_dir() {
            n += read_all(&p);
        } else {
            n += std::fs::read(&p).map(|b| b.len()).unwrap_or(0);
        }
    }
    n
}

/// (on-CPU ns, ns waiting for a CPU) of every thread of this process so far, from
/// `/proc/self/task/*/schedstat` (Linux; zeros elsewhere): what the wall time owes to the
/// work itself and what to other processes on a busy machine.
fn cpu_ns() -> (u64, u64) {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return (0, 0);
    };
    tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .map(|line| {
            let mut f = line
                .split_whitespace()
                .map(|v| v.parse::<u64>().unwrap_or(0));
            (f.next().unwrap_or(0), f.next().unwrap_or(0))
        })
        .fold((0, 0), |(a, b), (c, d)| (a + c, b + d))
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    assert!(
        args.len() == 5,
        "usage: cold_start DATA TRUSTED_KEYS GUIDE_ID POSTCODE"
    );
    let data = Path::new(&args[1]);

    // Reference: the same bytes, read from disk.
    let t = Instant::now();
    let bytes = read_all(&data.join("store"));
    let read_ms = t.elapsed().as_secs_f64() * 1000.0;

    let (cpu0, wait0) = cpu_ns();
    let t = Instant::now();
    let trusted = TrustedKeys::from_file(Path::new(&args[2])).expect("trusted keys");
    let content = DeviceContent::open(data, trusted, None).expect("open the store");
    let opened_ms = t.elapsed().as_secs_f64() * 1000.0;
    let guide = content.guide(&args[3]).expect("the guide");
    let session = Session::start(&guide).expect("a session");
    let step = guide
        .step(session.current_step_id())
        .expect("the first step");
    let first_step = step.text.get(Lang::Nb).to_string();
    let guide_ms = t.elapsed().as_secs_f64() * 1000.0;
    let book = content.contact_book().expect("the contact book");
    let answer = book
        .contacts(&ContactsQuery::now(
            Location::Postnummer {
                postnummer: args[4].clone(),
            },
            ContactRole::Barnevern,
        ))
        .expect("a contacts answer");
    let total_ms = t.elapsed().as_secs_f64() * 1000.0;
    let (cpu1, wait1) = cpu_ns();
    println!(
        "{}",
        serde_json::json!({
            "store_bytes": bytes,
            "read_store_ms": read_ms,
            "open_ms": opened_ms,
            "first_step_ms": guide_ms,
            "cold_start_ms": total_ms,
            "cold_start_cpu_ms": (cpu1 - cpu0) as f64 / 1e6,
            "cold_start_wait_ms": (wait1 - wait0) as f64 / 1e6,
            "first_step_chars": first_step.chars().count(),
            "contacts": answer.contacts.len(),
        })
    );
}
