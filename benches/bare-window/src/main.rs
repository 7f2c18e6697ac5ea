//! A bare Tauri 2 window: the baseline of Etap's start-up benchmark. Its page reports
//! its first draw the way Etap's project list does; the mark goes to stdout.

use std::sync::LazyLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static STARTED: LazyLock<Instant> = LazyLock::new(Instant::now);

#[tauri::command]
fn startup_mark(what: String) {
    let unix_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    println!(
        "first draw what={what:?} since_start_ms={} unix_ms={unix_ms}",
        STARTED.elapsed().as_millis()
    );
}

fn main() {
    LazyLock::force(&STARTED);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![startup_mark])
        .run(tauri::generate_context!())
        .expect("the bare window failed");
}
