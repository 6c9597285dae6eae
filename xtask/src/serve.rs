//! `cargo workbook serve`: the book on localhost, rebuilt and reloaded on every save.

use std::io::ErrorKind;
use std::net::TcpListener;
use std::path::Path;

use crate::tools;

/// Serves the book on `hostname:port` with the pinned mdBook (installing it first if it
/// is missing), after checking that the port is free.
pub fn run(root: &Path, hostname: &str, port: u16, open: bool) -> Result<(), String> {
    check_port(hostname, port)?;
    let mut command = tools::mdbook_command(root)?;
    println!("Serving the book at http://{hostname}:{port}/ (Ctrl-C stops it).");
    command
        .current_dir(root)
        .args(["serve", "--hostname", hostname, "--port", &port.to_string()]);
    if open {
        command.arg("--open");
    }
    let status = command
        .status()
        .map_err(|error| format!("cannot start mdbook: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("mdbook serve stopped with {status}"))
    }
}

/// Fails with advice when something already listens on the port.
fn check_port(hostname: &str, port: u16) -> Result<(), String> {
    match TcpListener::bind((hostname, port)) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == ErrorKind::AddrInUse => Err(format!(
            "port {port} on {hostname} is already in use (is the book already being served?). \
             Stop the other server, or pick another port: cargo workbook serve --port {}",
            port.wrapping_add(1)
        )),
        Err(error) => Err(format!("cannot listen on {hostname}:{port}: {error}")),
    }
}
