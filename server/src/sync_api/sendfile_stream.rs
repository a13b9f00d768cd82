//! The TCP stream each connection hands to hyper: reads and writes pass straight through,
//! except a write whose buffers include a mirrored body ([`BodyFiles`]): the buffers before
//! the body (the response head) go out with `MSG_MORE` and the body with `sendfile` from its
//! mirror, so the kernel sends the mirror's pages instead of copying the body (ADR 0012).
//!
//! A `sendfile` the platform refuses (`EINVAL`, `ENOSYS`, `EOPNOTSUPP`) turns the file path off
//! for the connection and the body is written as before; a partial send reports the bytes
//! actually sent, like any short write, and hyper writes the rest.

use crate::sync_api::body_files::BodyFiles;
use std::io::{self, IoSlice};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// A TCP stream that sends mirrored bodies from their files.
#[derive(Debug)]
pub struct SendfileStream {
    tcp: TcpStream,
    /// `None`: every write is a plain write (no registry, or the platform refused `sendfile`).
    #[cfg_attr(not(any(target_os = "linux", target_os = "android")), allow(dead_code))]
    files: Option<Arc<BodyFiles>>,
}

impl SendfileStream {
    /// `tcp`, sending the bodies `files` mirrors from their files (plain writes with `None`).
    pub fn new(tcp: TcpStream, files: Option<Arc<BodyFiles>>) -> Self {
        let files = files.filter(|_| BodyFiles::supported());
        SendfileStream { tcp, files }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    fn poll_send_file(
        &mut self,
        cx: &mut Context<'_>,
        head: &[IoSlice<'_>],
        body: &[u8],
        found: &crate::sync_api::body_files::Found,
    ) -> Poll<io::Result<usize>> {
        loop {
            std::task::ready!(self.tcp.poll_write_ready(cx))?;
            let tcp = &self.tcp;
            match tcp.try_io(tokio::io::Interest::WRITABLE, || {
                send_head_and_file(tcp, head, body.len(), found)
            }) {
                Ok(Sent::Bytes { head, body }) => {
                    if let Some(files) = &self.files {
                        files.note_sent(body);
                    }
                    return Poll::Ready(Ok(head + body));
                }
                Ok(Sent::Refused) => {
                    // This platform or socket does not sendfile: copy from now on.
                    self.files = None;
                    let mut bufs: Vec<IoSlice<'_>> = head.to_vec();
                    bufs.push(IoSlice::new(body));
                    return Pin::new(&mut self.tcp).poll_write_vectored(cx, &bufs);
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

/// What one attempt sent.
#[cfg(any(target_os = "linux", target_os = "android"))]
enum Sent {
    /// This many bytes of the head, then of the body.
    Bytes {
        /// Of the head.
        head: usize,
        /// Of the body (from the file).
        body: usize,
    },
    /// Nothing: `sendfile` is not available for this socket.
    Refused,
}

/// Sends `head` (corked: it waits for the body) and then `len` bytes of the mirror from
/// `found.offset`. `WouldBlock` only when nothing at all was sent.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn send_head_and_file(
    tcp: &TcpStream,
    head: &[IoSlice<'_>],
    len: usize,
    found: &crate::sync_api::body_files::Found,
) -> io::Result<Sent> {
    use rustix::io::Errno;
    use rustix::net::SendFlags;
    let head_len: usize = head.iter().map(|b| b.len()).sum();
    let mut sent = 0;
    if head_len > 0 {
        sent = rustix::net::sendmsg(
            tcp,
            head,
            &mut rustix::net::SendAncillaryBuffer::default(),
            SendFlags::MORE | SendFlags::NOSIGNAL,
        )?;
        if sent < head_len {
            return Ok(Sent::Bytes {
                head: sent,
                body: 0,
            });
        }
    }
    let mut offset = found.offset;
    match rustix::fs::sendfile(tcp, &*found.file, Some(&mut offset), len) {
        Ok(n) => Ok(Sent::Bytes {
            head: sent,
            body: n,
        }),
        // The head went out: report it; the body's error (if lasting) comes on the next write.
        Err(_) if sent > 0 => Ok(Sent::Bytes {
            head: sent,
            body: 0,
        }),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(Sent::Refused),
        Err(e) => Err(e.into()),
    }
}

impl AsyncRead for SendfileStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_read(cx, buf)
    }
}

impl AsyncWrite for SendfileStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        if let Some(found) = self.files.as_ref().and_then(|f| f.find(buf)) {
            return self.poll_send_file(cx, &[], buf, &found);
        }
        Pin::new(&mut self.tcp).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        #[cfg(any(target_os = "linux", target_os = "android"))]
        {
            let hit = self.files.as_ref().and_then(|files| {
                bufs.iter()
                    .enumerate()
                    .find_map(|(i, b)| files.find(b).map(|found| (i, found)))
            });
            if let Some((i, found)) = hit {
                return self.poll_send_file(cx, &bufs[..i], &bufs[i], &found);
            }
        }
        Pin::new(&mut self.tcp).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.tcp.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.tcp).poll_shutdown(cx)
    }
}
