//! The tokio runtime this façade owns; blocking core work (sync) runs on its blocking pool.
//!
//! Async exports are declared with `async_runtime = "tokio"`, so the foreign languages see
//! `suspend` / `async` functions; their bodies only await a task on this runtime, so no foreign
//! thread ever blocks on network or disk inside a coroutine.

use std::sync::OnceLock;
use tokio::runtime::{Builder, Runtime};

/// The façade's runtime: one worker (nothing here is CPU-bound), a small blocking pool.
pub(crate) fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        Builder::new_multi_thread()
            .worker_threads(1)
            .max_blocking_threads(8)
            .thread_name("veiviser-ffi")
            .enable_time()
            .build()
            .expect("cannot start the veiviser-ffi tokio runtime")
    })
}
