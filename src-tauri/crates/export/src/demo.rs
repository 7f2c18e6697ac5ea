//! The demo a new user finds on first start: the project refused once at 1.4 (made by
//! storage) and a delivered one, closed, whose акты, счета and final акт are in the
//! register — composed here because rendering them is the export service's.

use std::path::Path;

use etap_domain::entity::ProjectSummary;
use etap_domain::lifecycle::ActionKind;
use etap_domain::Lang;
use etap_storage::Store;

use crate::Result;

/// On the very first run with an empty database, creates both demo projects (see
/// [`Store::ensure_demo`]); answers the id of the one the window opens, the project
/// in preparation, when they were created.
pub fn ensure_demo(store: &mut Store, data_dir: &Path) -> Result<Option<i64>> {
    let first = store.ensure_demo()?;
    if first.is_some() {
        create_delivered(store, &crate::documents_dir(data_dir))?;
    }
    Ok(first)
}

/// Creates the delivered demo project: storage walks it to 3.3, then each accepted
/// stage gets its акт and счёт and the project its final акт (files in `dir`, entries
/// in the register), and it is closed.
///
/// The documents need the provider's requisites: when the profile has none (a first
/// start), a sample company's are used for these documents only and the profile is
/// put back as it was, so nothing of the demo lands in the user's own documents.
pub fn create_delivered(store: &mut Store, dir: &Path) -> Result<ProjectSummary> {
    let p = store.create_delivered_demo()?.id;
    let own = store.provider()?.profile;
    let sample = own.requisites.legal_name.trim().is_empty();
    if sample {
        let mut profile = own.clone();
        profile.requisites = etap_documents::samples::contractor_requisites();
        store.save_provider(&profile.draft())?;
    }
    let issued = (|| -> Result<()> {
        for stage in [1, 2] {
            crate::export_act(store, p, stage, Lang::Ru, dir)?;
            crate::export_invoice(store, p, stage, Lang::Ru, dir)?;
        }
        crate::export_final_act(store, p, Lang::Ru, dir)?;
        Ok(())
    })();
    if sample {
        store.save_provider(&own.draft())?;
    }
    issued?;
    store.advance(p, ActionKind::Close, "Проект сдан, гарантия до 10.05.2027")?;
    Ok(store.project(p)?)
}
