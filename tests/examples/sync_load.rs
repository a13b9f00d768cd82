//! Load driver for `bench/static.sh`: many simulated devices at mixed sequences syncing
//! against one server (the live endpoint or nginx serving the static export).
//!
//! `sync_load URL DEVICES CONCURRENCY GUIDE_SEQS` — GUIDE_SEQS are earlier guides sequences
//! (comma-separated) behind devices start from. Each device opens its own connection (its own
//! HTTP agent, the core's transport, asking for zstd or gzip) and does what the client does:
//! - 1 in 10 is a fresh install: `/v1/latest`, then the full snapshot of every collection;
//! - 6 in 10 are behind on guides: `/v1/latest`, then `guides/changeset?since=<older>`;
//! - 3 in 10 are up to date: `/v1/latest` with the current ETag, answered `304`.
//!
//! Prints one JSON line: devices, requests, errors (anything but 200/304 or a transport
//! failure), per-request and per-device p50/p99 in ms, bytes on the wire, wall seconds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use veiviser_core::sync::protocol::{Collection, Latest};
use veiviser_core::sync::transport::{HttpHeader, HttpRequest, HttpTransport, Transport};

fn request(url: String, etag: Option<&str>) -> HttpRequest {
    let mut headers = vec![HttpHeader {
        name: "Accept".into(),
        value: "application/json".into(),
    }];
    if let Some(e) = etag {
        headers.push(HttpHeader {
            name: "If-None-Match".into(),
            value: e.into(),
        });
    }
    HttpRequest { url, headers }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    assert!(
        args.len() == 5,
        "usage: sync_load URL DEVICES CONCURRENCY GUIDE_SEQS"
    );
    let base = args[1].trim_end_matches('/').to_string();
    let devices: usize = args[2].parse().expect("DEVICES");
    let concurrency: usize = args[3].parse().expect("CONCURRENCY");
    let behind: Vec<u64> = args[4]
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().expect("a sequence"))
        .collect();
    assert!(
        !behind.is_empty(),
        "GUIDE_SEQS must name at least one sequence"
    );

    let probe = HttpTransport::new(Duration::from_secs(30));
    let resp = probe
        .send(&request(format!("{base}/v1/latest"), None))
        .expect("GET /v1/latest");
    assert_eq!(resp.status, 200);
    let etag = resp.header("ETag").expect("an ETag").to_string();
    let latest: Latest = serde_json::from_slice(&resp.body).expect("a Latest");
    let collections: Vec<Collection> = latest.collections.keys().copied().collect();

    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(AtomicUsize::new(0));
    let wire = Arc::new(AtomicUsize::new(0));
    let lat = Arc::new(Mutex::new(Vec::with_capacity(devices * 2)));
    let dev_lat = Arc::new(Mutex::new(Vec::with_capacity(devices)));
    let started = Instant::now();
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (next, errors, requests, wire) =
                (next.clone(), errors.clone(), requests.clone(), wire.clone());
            let (lat, dev_lat) = (lat.clone(), dev_lat.clone());
            let (base, etag, behind, collections) = (
                base.clone(),
                etag.clone(),
                behind.clone(),
                collections.clone(),
            );
            std::thread::spawn(move || {
                let mut mine = Vec::new();
                let mut mine_dev = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= devices {
                        break;
                    }
                    let transport = HttpTransport::new(Duration::from_secs(60));
                    let kind = i % 10;
                    let mut plan = Vec::new();
                    match kind {
                        0 => {
                            plan.push(request(format!("{base}/v1/latest"), None));
                            for c in &collections {
                                plan.push(request(
                                    format!("{base}{}", c.changeset_path(None)),
                                    None,
                                ));
                            }
                        }
                        1..=6 => {
                            plan.push(request(format!("{base}/v1/latest"), None));
                            let since = behind[i % behind.len()];
                            plan.push(request(
                                format!("{base}{}", Collection::Guides.changeset_path(Some(since))),
                                None,
                            ));
                        }
                        _ => plan.push(request(format!("{base}/v1/latest"), Some(&etag))),
                    }
                    let device_start = Instant::now();
                    for req in plan {
                        let t = Instant::now();
                        let ok = match transport.send(&req) {
                            Ok(r) => {
                                wire.fetch_add(
                                    r.wire_bytes.unwrap_or(0) as usize,
                                    Ordering::Relaxed,
                                );
                                r.status == 200 || r.status == 304
                            }
                            Err(_) => false,
                        };
                        mine.push(t.elapsed().as_secs_f64() * 1000.0);
                        requests.fetch_add(1, Ordering::Relaxed);
                        if !ok {
                            errors.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    mine_dev.push(device_start.elapsed().as_secs_f64() * 1000.0);
                }
                lat.lock().unwrap().extend(mine);
                dev_lat.lock().unwrap().extend(mine_dev);
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a worker");
    }
    let wall = started.elapsed().as_secs_f64();
    let mut lat = lat.lock().unwrap().clone();
    let mut dev = dev_lat.lock().unwrap().clone();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    dev.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{}",
        serde_json::json!({
            "devices": devices,
            "concurrency": concurrency,
            "requests": requests.load(Ordering::Relaxed),
            "errors": errors.load(Ordering::Relaxed),
            "request_p50_ms": percentile(&lat, 0.50),
            "request_p99_ms": percentile(&lat, 0.99),
            "device_p50_ms": percentile(&dev, 0.50),
            "device_p99_ms": percentile(&dev, 0.99),
            "wire_bytes": wire.load(Ordering::Relaxed),
            "wall_s": wall,
        })
    );
}
