//! A bare Tauri 2 window: the baseline of Etap's start-up benchmark. It reports its
//! setup and its page's first draw the way Etap does (the same lines, on stdout), so
//! the benchmark splits both start-ups into the same phases.

use std::sync::LazyLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static STARTED: LazyLock<Instant> = LazyLock::new(Instant::now);

fn since_start_ms() -> u128 {
    STARTED.elapsed().as_millis()
}

#[tauri::command]
fn startup_mark(what: String, marks: Vec<(String, u64)>) {
    let unix_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let page: Vec<String> = marks.iter().map(|(n, ms)| format!("{n}={ms}")).collect();
    println!(
        "first draw what={what:?} since_start_ms={} unix_ms={unix_ms} page={:?}",
        since_start_ms(),
        page.join(" ")
    );
}

fn main() {
    LazyLock::force(&STARTED);
    tauri::Builder::default()
        .setup(|_| {
            println!("starting the bare window since_start_ms={}", since_start_ms());
            println!("setup done since_start_ms={}", since_start_ms());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![startup_mark])
        .run(tauri::generate_context!())
        .expect("the bare window failed");
}
