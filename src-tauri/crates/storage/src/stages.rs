//! The stage list of 2.1: stages are added only while the project stands at stage
//! planning, numbered in order.

use etap_domain::entity::{ProjectPage, Stage};
use etap_domain::error::clean_name;
use etap_domain::lifecycle::{editable, Record};
use rusqlite::params;

use crate::CachedRow as _;
use crate::{load_state, Result, StorageError, Store};

impl Store {
    pub fn add_stage(&mut self, project_id: i64, title: &str) -> Result<Stage> {
        let title = clean_name("stage_title", title)?;
        self.write(|tx| {
            let state = load_state(tx, project_id)?;
            editable(&state, Record::StageList).map_err(StorageError::refused)?;
            let number: u32 = tx.row(
                "SELECT COALESCE(MAX(number), 0) + 1 FROM stages WHERE project_id = ?1",
                [project_id],
                |r| r.get(0),
            )?;
            tx.execute(
                "INSERT INTO stages (project_id, number, title) VALUES (?1, ?2, ?3)",
                params![project_id, number, title],
            )?;
            Ok(Stage {
                id: tx.last_insert_rowid(),
                number,
                title,
            })
        })
    }

    /// [`Store::add_stage`], answering with the whole project page.
    pub fn add_stage_page(&mut self, project_id: i64, title: &str) -> Result<ProjectPage> {
        self.add_stage(project_id, title)?;
        self.project_page(project_id)
    }

    pub fn stages(&self, project_id: i64) -> Result<Vec<Stage>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, number, title FROM stages WHERE project_id = ?1 ORDER BY number",
        )?;
        let rows = st.query_map([project_id], |r| {
            Ok(Stage {
                id: r.get(0)?,
                number: r.get(1)?,
                title: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
