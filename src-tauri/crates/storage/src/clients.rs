//! Clients: the companies a project is made for, created with a cleaned name and
//! listed by name.

use etap_domain::entity::Client;
use etap_domain::error::clean_name;
use rusqlite::params;

use crate::{now, Result, Store};

impl Store {
    pub fn create_client(&mut self, name: &str) -> Result<Client> {
        let name = clean_name("client_name", name)?;
        let at = now();
        let id = self.write(|tx| {
            tx.execute(
                "INSERT INTO clients (name, created_at) VALUES (?1, ?2)",
                params![name, at],
            )?;
            Ok(tx.last_insert_rowid())
        })?;
        Ok(Client {
            id,
            name,
            created_at: at,
        })
    }

    pub fn clients(&self) -> Result<Vec<Client>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, name, created_at FROM clients ORDER BY name COLLATE NOCASE, id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(Client {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
