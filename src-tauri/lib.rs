//! The Etap desktop shell: the only crate that knows about Tauri, IPC and windows.
//!
//! It opens the store, exposes one-line command adapters to the UI ([`commands`]),
//! turns library errors into `{code, message}` for the UI ([`app`]), writes the
//! TypeScript bindings of the IPC types ([`bindings`]) and runs the CLI ([`cli`]).

pub mod app;
pub mod bindings;
pub mod cli;
pub mod commands;
pub mod crash_writer;
/// Document export lives in its own crate; the shell and the CLI only call it.
pub use etap_export as export;
/// The names of the IPC commands (shared with build.rs, which makes permissions of them,
/// and with `gui`, which registers them).
#[macro_use]
pub mod commands_list {
    include!("commands_list.rs");
}
mod gui;
pub mod native;

use clap::Parser;

/// Entry point of the `etap` binary; returns the process exit code.
pub fn main_entry() -> i32 {
    std::sync::LazyLock::force(&app::STARTED);
    let args = cli::Args::parse();
    let data_dir = app::data_dir(args.data_dir.as_deref());
    match args.command {
        Some(cmd) => cli::run(
            cmd,
            &data_dir,
            app::data_dir_is_named(args.data_dir.as_deref()),
        ),
        None => gui::run(data_dir),
    }
}
