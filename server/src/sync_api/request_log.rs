//! The request log line: method, route template, status and latency, at debug level.
//!
//! It never holds the request's path as sent, its query string, its headers or the client's
//! address: a route is named by its template (`/v1/collections/{collection}/changeset`), and
//! a request that matches no route by `(no route)`, so nothing a client puts in a URL reaches
//! the logs.

use axum::extract::{MatchedPath, Request};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;

/// The method as logged: one of the standard methods, or `OTHER`.
pub fn method_name(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::PATCH => "PATCH",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "OTHER",
    }
}

/// Logs one line per request (see the module doc for what it may hold).
pub async fn log_request(request: Request, next: Next) -> Response {
    let method = method_name(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "(no route)".to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    log_line(method, &route, response.status(), started);
    response
}

/// Writes the request log line of a request to `route` (a template) that began at `started`.
pub fn log_line(method: &str, route: &str, status: StatusCode, started: Instant) {
    tracing::debug!(
        "{method} {route} {} {}µs",
        status.as_u16(),
        started.elapsed().as_micros()
    );
}
