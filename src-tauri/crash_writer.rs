//! `etap crash-writer --seed N`: a hidden subcommand the crash harness
//! (`tests/core/crash.rs`) runs and kills with SIGKILL at random moments. Over the same
//! library as the window, it performs committed writes of every kind — a client and a
//! project, transitions, an estimate save, a ТЗ save and approval, a document issue —
//! and prints one line per write *after* it was committed, so the harness knows what
//! must have survived:
//!
//! ```text
//! project <id>
//! transition <project> <step>
//! estimate <project> <marker>
//! spec <version> <marker>
//! approve <version>
//! document <id> <number> <sha256>
//! ```

use std::io::Write;
use std::path::Path;

use etap_domain::estimate::{EstimateItem, Hours};
use etap_domain::spec::EmptySections;
use etap_domain::spec_templates::Template;
use etap_domain::{ActionKind, Lang};
use etap_storage::Store;

use crate::export::{ExportError, Result};

fn line(text: String) {
    let mut out = std::io::stdout().lock();
    // A write error (the harness closed the pipe) ends the writer at the next write.
    let _ = writeln!(out, "{text}");
    let _ = out.flush();
}

/// Writes until `count` projects are done (forever without one); the writes of
/// project `i` carry the marker `m<seed>-<i>`.
pub fn run(store: &mut Store, documents: &Path, seed: u64, count: Option<u64>) -> Result<()> {
    let mut i = 0;
    while count.is_none_or(|c| i < c) {
        let marker = format!("m{seed}-{i}");
        let client = store.create_client(&format!("Клиент {marker}"))?;
        let p = store
            .create_project(client.id, &format!("Проект {marker}"))?
            .id;
        line(format!("project {p}"));
        for kind in [ActionKind::StartClarification, ActionKind::RequestEstimate] {
            let to = store.advance(p, kind, &marker)?.state.step;
            line(format!("transition {p} {}", to.code()));
        }
        let card = store.estimate_card(p)?;
        let mut estimate = card
            .current
            .ok_or_else(|| ExportError::Io {
                path: marker.clone(),
                source: std::io::Error::other("no estimate version at 1.3"),
            })?
            .estimate;
        estimate.items.push(EstimateItem {
            id: 0,
            key: 0,
            title: format!("Работа {marker}"),
            requirement: String::new(),
            hours: Hours::Single { hours: 8.into() },
            rate: 2500.into(),
        });
        store.save_estimate(p, &estimate.draft())?;
        line(format!("estimate {p} {marker}"));
        let v = store.create_spec(p, Template::Freelancer, Lang::Ru)?;
        let mut content = v.content.clone();
        for s in &mut content.sections {
            s.body = format!("Раздел «{}», {marker}.", s.title);
        }
        store.save_spec(v.id, &content)?;
        line(format!("spec {} {marker}", v.id));
        let draft = crate::export::export_spec(store, v.id, None, EmptySections::Omit, documents)?;
        line(format!(
            "document {} {} {}",
            draft.id, draft.number, draft.sha256
        ));
        store.approve_spec(v.id, "Проверка сбоев")?;
        line(format!("approve {}", v.id));
        let issued = crate::export::export_spec(store, v.id, None, EmptySections::Omit, documents)?;
        line(format!(
            "document {} {} {}",
            issued.id, issued.number, issued.sha256
        ));
        i += 1;
    }
    Ok(())
}
