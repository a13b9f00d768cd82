//! `veiviser-server`: validates, signs, stores and serves Veiviser content.

fn main() {
    eprintln!("veiviser-server: not available yet");
    std::process::exit(2);
}
