//! Load shedding: at most N sync requests in flight; the rest get `503` with `Retry-After`.

use crate::error::AppError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Counts requests in flight against a maximum.
#[derive(Debug)]
pub struct Limiter {
    in_flight: AtomicUsize,
    max: usize,
    retry_after_secs: u64,
}

/// One admitted request; frees its slot when dropped.
#[derive(Debug)]
pub struct Permit {
    limiter: Arc<Limiter>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        self.limiter.in_flight.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Limiter {
    /// A limiter admitting `max` requests at once and telling the others to retry after `retry_after_secs`.
    pub fn new(max: usize, retry_after_secs: u64) -> Arc<Self> {
        Arc::new(Limiter {
            in_flight: AtomicUsize::new(0),
            max,
            retry_after_secs,
        })
    }

    /// Admits one request if a slot is free.
    pub fn try_acquire(self: &Arc<Self>) -> Option<Permit> {
        let mut current = self.in_flight.load(Ordering::Acquire);
        loop {
            if current >= self.max {
                return None;
            }
            match self.in_flight.compare_exchange_weak(
                current,
                current + 1,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => {
                    return Some(Permit {
                        limiter: self.clone(),
                    })
                }
                Err(now) => current = now,
            }
        }
    }

    /// Seconds a refused client is told to wait.
    pub fn retry_after_secs(&self) -> u64 {
        self.retry_after_secs
    }
}

/// Admits a sync request, or refuses it with `503` + `Retry-After` when the limiter is full.
pub fn admit(limiter: &Arc<Limiter>) -> Result<Permit, AppError> {
    limiter
        .try_acquire()
        .ok_or(AppError::Busy(limiter.retry_after_secs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_are_counted_and_returned() {
        let l = Limiter::new(2, 5);
        let a = l.try_acquire().unwrap();
        let _b = l.try_acquire().unwrap();
        assert!(l.try_acquire().is_none());
        drop(a);
        assert!(l.try_acquire().is_some());
    }
}
