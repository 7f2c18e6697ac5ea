//! Integration tests of the core library over temporary databases: the lifecycle
//! through storage, migrations and backups, the CLI binary and the IPC bindings.
//! One test binary with modules (cheaper to build than one per file).

mod architecture;
mod bindings;
mod cli;
mod lifecycle_props;
mod storage;

use etap_storage::Store;
use tempfile::TempDir;

/// A store in a fresh temporary data folder (kept alive by the returned guard).
pub fn temp_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_dir(dir.path()).expect("open store");
    (dir, store)
}
