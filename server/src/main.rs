//! `veiviser-server`: validates, signs, stores and serves Veiviser content.

fn main() -> std::process::ExitCode {
    veiviser_server::cli::main()
}
