//! A real nginx (Debian's `nginx-light`) on a loopback port, serving a static export with the
//! shipped configuration (`server/static/nginx-veiviser*.conf`); stopped when dropped.

use crate::repo_root;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running nginx whose `root` is `<export dir>/current`.
#[derive(Debug)]
pub struct Nginx {
    child: Child,
    url: String,
    _prefix: tempfile::TempDir,
}

/// Where nginx is installed, if it is (`$PATH`, then Debian's `/usr/sbin/nginx`).
pub fn nginx_binary() -> Option<PathBuf> {
    let in_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("nginx"))
            .find(|p| p.is_file())
    });
    in_path.or_else(|| {
        let sbin = PathBuf::from("/usr/sbin/nginx");
        sbin.is_file().then_some(sbin)
    })
}

/// nginx, or `None` (with the reason printed) outside CI; in CI (`CI=true`) a missing nginx
/// fails the test: `.ci/run` installs it.
pub fn require_nginx() -> Option<PathBuf> {
    match nginx_binary() {
        Some(path) => Some(path),
        None if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") => panic!(
            "nginx is not installed, but CI=true: .ci/run installs Debian's nginx-light (apt-get install -y nginx-light)"
        ),
        None => {
            eprintln!(
                "SKIPPED: nginx is not installed (apt-get install -y nginx-light); this test needs it and fails in CI without it"
            );
            None
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Nginx {
    /// Starts `nginx` (from [`require_nginx`]) serving `export_dir/current` on a free port.
    pub fn start(nginx: &Path, export_dir: &Path) -> Nginx {
        let prefix = tempfile::tempdir().expect("nginx prefix");
        let p = prefix.path();
        let conf_dir = repo_root().join("server/static");
        let port = free_port();
        let conf = format!(
            r#"daemon off;
master_process off;
worker_processes 1;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {p}/body;
    proxy_temp_path {p}/proxy;
    fastcgi_temp_path {p}/fastcgi;
    uwsgi_temp_path {p}/uwsgi;
    scgi_temp_path {p}/scgi;
    include {maps};
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include {locations};
    }}
}}
"#,
            p = p.display(),
            maps = conf_dir.join("nginx-veiviser-maps.conf").display(),
            locations = conf_dir.join("nginx-veiviser.conf").display(),
            root = export_dir.join("current").display(),
        );
        let conf_path = p.join("nginx.conf");
        std::fs::write(&conf_path, conf).expect("write nginx.conf");
        let child = Command::new(nginx)
            .arg("-p")
            .arg(p)
            .arg("-c")
            .arg(&conf_path)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("nginx starts");
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "nginx did not listen on port {port}; see {}",
                p.join("error.log").display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Nginx {
            child,
            url: format!("http://127.0.0.1:{port}"),
            _prefix: prefix,
        }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
