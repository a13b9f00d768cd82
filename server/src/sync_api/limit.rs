//! Load shedding: at most N sync requests in flight; the rest get `503` with `Retry-After`.
//!
//! [`LimitLayer`] wraps the sync routes (see [`crate::sync_api::router`]): a request is admitted
//! before any extractor or handler runs, and its slot is freed when the handler has answered.

use crate::sync_api::error::AppError;
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

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

/// One admitted request, borrowing its limiter; frees its slot when dropped.
#[derive(Debug)]
pub struct Slot<'a>(&'a Limiter);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::AcqRel);
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

    /// Takes a slot if one is free.
    fn take(&self) -> bool {
        let mut current = self.in_flight.load(Ordering::Acquire);
        loop {
            if current >= self.max {
                return false;
            }
            match self.in_flight.compare_exchange_weak(
                current,
                current + 1,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return true,
                Err(now) => current = now,
            }
        }
    }

    /// Admits one request if a slot is free.
    pub fn try_acquire(self: &Arc<Self>) -> Option<Permit> {
        self.take().then(|| Permit {
            limiter: self.clone(),
        })
    }

    /// Admits one request while the limiter is borrowed (no reference count touched), or
    /// refuses it with [`AppError::Busy`].
    pub fn enter(&self) -> Result<Slot<'_>, AppError> {
        if self.take() {
            Ok(Slot(self))
        } else {
            Err(AppError::Busy(self.retry_after_secs))
        }
    }

    /// Seconds a refused client is told to wait.
    pub fn retry_after_secs(&self) -> u64 {
        self.retry_after_secs
    }

    /// Admits a request, or refuses it with [`AppError::Busy`] (`503` + `Retry-After`).
    pub fn admit(self: &Arc<Self>) -> Result<Permit, AppError> {
        self.try_acquire()
            .ok_or(AppError::Busy(self.retry_after_secs))
    }
}

/// The tower layer that puts a [`Limiter`] in front of a service.
#[derive(Debug, Clone)]
pub struct LimitLayer {
    limiter: Arc<Limiter>,
}

impl LimitLayer {
    /// A layer admitting requests through `limiter`.
    pub fn new(limiter: Arc<Limiter>) -> Self {
        LimitLayer { limiter }
    }
}

impl<S> tower::Layer<S> for LimitLayer {
    type Service = LimitService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        LimitService {
            inner,
            limiter: self.limiter.clone(),
        }
    }
}

/// A service behind a [`LimitLayer`]: calls the inner service only with a permit.
#[derive(Debug, Clone)]
pub struct LimitService<S> {
    inner: S,
    limiter: Arc<Limiter>,
}

impl<S> tower::Service<Request> for LimitService<S>
where
    S: tower::Service<Request, Response = Response, Error = Infallible>,
    S::Future: Send + 'static,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        match self.limiter.admit() {
            Ok(permit) => {
                let answer = self.inner.call(request);
                Box::pin(async move {
                    let response = answer.await;
                    drop(permit);
                    response
                })
            }
            Err(busy) => {
                let response = busy.into_response();
                Box::pin(std::future::ready(Ok(response)))
            }
        }
    }
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
        let c = l.enter().unwrap();
        assert!(matches!(l.enter(), Err(AppError::Busy(5))));
        drop(c);
        assert!(l.try_acquire().is_some());
    }
}
