//! Cold start of the staff app on the device, for `bench/static.sh`: what a phone does when
//! the app is launched — open the synced store, build the app's content, restore the saved
//! state (the user's own area), show the home screen, open a guide at its first step (with
//! the numbers for that area resolved) and the contacts screen — and, as the reference, read
//! the same store's bytes from disk.
//!
//! `cold_start DATA TRUSTED_KEYS GUIDE_ID POSTCODE` prints one JSON line with the times in ms
//! (each phase is cumulative from the start).

use std::path::Path;
use std::sync::Arc;
use std::time::{Instant, SystemTime};
use veiviser_core::app::{Action, App, AppContent, AreaChoice, Event, Screen, ScreenId};
use veiviser_core::device::DeviceContent;
use veiviser_core::directory::{ContactBook, Directory, Places};
use veiviser_core::sync::signing::TrustedKeys;

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
    let (guide_id, postcode) = (args[3].clone(), args[4].clone());

    // The saved state of a user who chose their own area earlier (built without the store).
    let empty = AppContent::new(
        Vec::new(),
        Arc::new(ContactBook::new(
            Directory::from_entries(Vec::new()).expect("an empty directory"),
            Places::from_entries(Vec::new()).expect("empty places"),
        )),
    );
    let mut saved = App::new(empty).state().clone();
    saved.default_area = Some(AreaChoice {
        postnummer: Some(postcode),
        kommunenummer: None,
        bydelsnummer: None,
    });

    let ms = |t: &Instant| t.elapsed().as_secs_f64() * 1000.0;
    let (cpu0, wait0) = cpu_ns();
    let t = Instant::now();
    let trusted = TrustedKeys::from_file(Path::new(&args[2])).expect("trusted keys");
    let device = DeviceContent::open(data, trusted, None).expect("open the store");
    let open_ms = ms(&t);
    let content = AppContent::from_device(&device).expect("the app's content");
    let content_ms = ms(&t);
    let mut app = App::from_state(saved, content);
    let now = SystemTime::now();
    let home = app.dispatch(Event::new(now, Action::Launch));
    let home_ms = ms(&t);
    let step = app.dispatch(Event::new(now, Action::OpenGuide { guide_id }));
    let first_step_ms = ms(&t);
    let contacts = app.dispatch(Event::new(now, Action::OpenContacts { role: None }));
    let total_ms = ms(&t);
    let (cpu1, wait1) = cpu_ns();

    // Reference: the same bytes, read from disk. After the launch, as on a phone, where
    // opening the store is the process's first work (reading first would leave the allocator
    // in a state a launching app is not in: glibc then serves sled's 15 MB of zeroed metrics
    // from the heap, with a memset, instead of from fresh pages).
    let t = Instant::now();
    let bytes = read_all(&data.join("store"));
    let read_ms = t.elapsed().as_secs_f64() * 1000.0;

    assert_eq!(home.screen_id, ScreenId::Home, "{home:?}");
    assert_eq!(step.screen_id, ScreenId::GuideStep, "{step:?}");
    let Screen::GuideStep { step: step_view } = &step.screen else {
        panic!("not a step: {step:?}")
    };
    let Screen::Contacts { contacts: answer } = &contacts.screen else {
        panic!("not the contacts screen: {contacts:?}")
    };
    println!(
        "{}",
        serde_json::json!({
            "store_bytes": bytes,
            "read_store_ms": read_ms,
            "open_ms": open_ms,
            "content_ms": content_ms,
            "home_ms": home_ms,
            "first_step_ms": first_step_ms,
            "cold_start_ms": total_ms,
            "cold_start_cpu_ms": (cpu1 - cpu0) as f64 / 1e6,
            "cold_start_wait_ms": (wait1 - wait0) as f64 / 1e6,
            "first_step": step_view.heading,
            "step_numbers": step_view.numbers.entries.len(),
            "contacts": answer.numbers.entries.len(),
            "area": answer.numbers.area_text,
        })
    );
}
