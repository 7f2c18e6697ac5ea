// The `etap` binary: with no subcommand it opens the window; `etap status`, `etap demo`
// and later exports run the same library from a terminal.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    std::process::exit(etap_app::main_entry());
}
