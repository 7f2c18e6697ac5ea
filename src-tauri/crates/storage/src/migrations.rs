//! The schema as an append-only list of migrations, tracked by `PRAGMA user_version`
//! (rusqlite_migration). Never edit or remove an entry that has shipped: add a new one.
//! All tables are `STRICT`, so a wrong type is an error rather than silent coercion.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::error::{Result, StorageError};

const STEPS: &[&str] = &[
    // 1: clients, projects with their current lifecycle state, the transition history,
    // development stages (2.1) and settings.
    "CREATE TABLE clients (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
        created_at  TEXT NOT NULL
    ) STRICT;
    CREATE TABLE projects (
        id              INTEGER PRIMARY KEY,
        client_id       INTEGER NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
        title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
        step            TEXT NOT NULL,
        round           INTEGER NOT NULL CHECK (round >= 1),
        stage           INTEGER NOT NULL CHECK (stage >= 0),
        stages_total    INTEGER NOT NULL CHECK (stages_total >= 0),
        cancelled_from  TEXT,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX projects_client ON projects(client_id);
    CREATE TABLE transitions (
        id          INTEGER PRIMARY KEY,
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        action      TEXT NOT NULL,
        stages      INTEGER,
        from_step   TEXT NOT NULL,
        to_step     TEXT NOT NULL,
        round       INTEGER NOT NULL,
        stage       INTEGER NOT NULL,
        comment     TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX transitions_project ON transitions(project_id, id);
    CREATE TABLE stages (
        id          INTEGER PRIMARY KEY,
        project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        number      INTEGER NOT NULL CHECK (number >= 1),
        title       TEXT NOT NULL,
        UNIQUE (project_id, number)
    ) STRICT;
    CREATE TABLE settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) STRICT;",
    // 2: the dashboard lists projects by their last change.
    "CREATE INDEX projects_updated ON projects(updated_at DESC, id DESC);",
    // 3: the preparation phase — client requisites, the provider profile, requests
    // (1.1), clarification questions and notes per round (1.2), estimate versions
    // (1.3), offers with the client's answers (1.4), the team and handover (1.6).
    "ALTER TABLE clients ADD COLUMN legal_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN short_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN inn TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN kpp TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN ogrn TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN bank_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN bik TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN account TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN corr_account TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN signatory_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN signatory_position TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN email TEXT NOT NULL DEFAULT '';
    ALTER TABLE clients ADD COLUMN phone TEXT NOT NULL DEFAULT '';
    CREATE TABLE provider (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        legal_name TEXT NOT NULL DEFAULT '',
        short_name TEXT NOT NULL DEFAULT '',
        inn TEXT NOT NULL DEFAULT '',
        kpp TEXT NOT NULL DEFAULT '',
        ogrn TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        bank_name TEXT NOT NULL DEFAULT '',
        bik TEXT NOT NULL DEFAULT '',
        account TEXT NOT NULL DEFAULT '',
        corr_account TEXT NOT NULL DEFAULT '',
        signatory_name TEXT NOT NULL DEFAULT '',
        signatory_position TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        logo BLOB,
        logo_mime TEXT NOT NULL DEFAULT '',
        vat_mode TEXT NOT NULL DEFAULT 'none',
        vat_rate TEXT NOT NULL DEFAULT '0',
        vat_reason TEXT NOT NULL DEFAULT '',
        currency TEXT NOT NULL DEFAULT 'RUB',
        hourly_rate TEXT NOT NULL DEFAULT '0',
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE requests (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        title TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'mail',
        received_on TEXT NOT NULL DEFAULT '',
        desired_deadline TEXT NOT NULL DEFAULT '',
        attachments TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        round INTEGER NOT NULL CHECK (round >= 1),
        text TEXT NOT NULL,
        answer TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('open', 'answered', 'deferred')),
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX questions_project ON questions(project_id, round, id);
    CREATE TABLE round_notes (
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        round INTEGER NOT NULL,
        notes TEXT NOT NULL,
        PRIMARY KEY (project_id, round)
    ) STRICT;
    CREATE TABLE team_members (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        contact TEXT NOT NULL DEFAULT '',
        devops INTEGER NOT NULL CHECK (devops IN (0, 1)),
        developer INTEGER NOT NULL CHECK (developer IN (0, 1)),
        tester INTEGER NOT NULL CHECK (tester IN (0, 1))
    ) STRICT;
    CREATE TABLE handovers (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
        date TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TABLE estimates (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        version INTEGER NOT NULL CHECK (version >= 1),
        round INTEGER NOT NULL CHECK (round >= 1),
        estimated_by TEXT NOT NULL,
        discount_percent TEXT NOT NULL,
        vat_kind TEXT NOT NULL CHECK (vat_kind IN ('rate', 'exempt')),
        vat_percent TEXT NOT NULL,
        vat_reason TEXT NOT NULL,
        currency TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (project_id, version)
    ) STRICT;
    CREATE TABLE estimate_items (
        id INTEGER PRIMARY KEY,
        estimate_id INTEGER NOT NULL REFERENCES estimates(id) ON DELETE CASCADE,
        key INTEGER NOT NULL CHECK (key >= 1),
        position INTEGER NOT NULL,
        title TEXT NOT NULL,
        requirement TEXT NOT NULL,
        hours_kind TEXT NOT NULL CHECK (hours_kind IN ('single', 'three_point')),
        hours TEXT NOT NULL,
        optimistic TEXT NOT NULL,
        likely TEXT NOT NULL,
        pessimistic TEXT NOT NULL,
        rate TEXT NOT NULL
    ) STRICT;
    CREATE INDEX estimate_items_estimate ON estimate_items(estimate_id, position);
    CREATE TABLE offers (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        round INTEGER NOT NULL,
        estimate_id INTEGER NOT NULL REFERENCES estimates(id) ON DELETE RESTRICT,
        price TEXT NOT NULL,
        currency TEXT NOT NULL,
        deadline TEXT NOT NULL,
        valid_until TEXT NOT NULL,
        answer TEXT NOT NULL CHECK (answer IN ('pending', 'accepted', 'refused', 'countered')),
        reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        answered_at TEXT
    ) STRICT;
    CREATE INDEX offers_project ON offers(project_id, id);",
    // 4: the register of issued documents (number, date, kind, the version of the ТЗ
    // or estimate it was made from, SHA-256 of the file).
    "CREATE TABLE issued_documents (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE RESTRICT,
        kind TEXT NOT NULL CHECK (kind IN ('proposal', 'specification', 'act')),
        number TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
        version INTEGER,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        path TEXT NOT NULL,
        UNIQUE (project_id, number)
    ) STRICT;",
    // 5: specification (ТЗ) versions — a draft is editable, an approved one is frozen
    // by the database itself — and their full-text index.
    "CREATE TABLE spec_versions (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE RESTRICT,
        number INTEGER NOT NULL CHECK (number >= 1),
        template TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'approved')),
        content TEXT NOT NULL,
        sha256 TEXT NOT NULL DEFAULT '',
        approved_at TEXT NOT NULL DEFAULT '',
        approver TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (project_id, number)
    ) STRICT;
    CREATE TRIGGER spec_versions_frozen_update BEFORE UPDATE ON spec_versions
    WHEN OLD.status = 'approved'
    BEGIN SELECT RAISE(ABORT, 'etap: approved specification versions are frozen'); END;
    CREATE TRIGGER spec_versions_frozen_delete BEFORE DELETE ON spec_versions
    WHEN OLD.status = 'approved'
    BEGIN SELECT RAISE(ABORT, 'etap: approved specification versions are frozen'); END;
    CREATE VIRTUAL TABLE spec_search USING fts5(
        title, body,
        version_id UNINDEXED, section_key UNINDEXED, section_number UNINDEXED,
        tokenize = 'unicode61 remove_diacritics 2'
    );",
    // 6: search folds ё to е in the index as in the query (the FTS5 tokenizer keeps ё,
    // so «учёт» was never found). The index holds each section's text in the search
    // normal form; the text as written stays in `spec_search_text`, from which FTS5
    // cuts snippets (external content: folding keeps every byte offset). The hook
    // re-indexes every saved version.
    "DROP TABLE spec_search;
    CREATE TABLE spec_search_text (
        id INTEGER PRIMARY KEY,
        version_id INTEGER NOT NULL REFERENCES spec_versions(id),
        section_key INTEGER NOT NULL,
        section_number TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL
    ) STRICT;
    CREATE INDEX spec_search_text_version ON spec_search_text(version_id);
    CREATE VIRTUAL TABLE spec_search USING fts5(
        title, body,
        content = 'spec_search_text', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
    );",
    // 7: every requirement ID ever given in a project's specification, in any version,
    // so a deleted one is never given again. The hook records those of every saved
    // version.
    "CREATE TABLE spec_requirement_ids (
        project_id INTEGER NOT NULL REFERENCES projects(id),
        req_id TEXT NOT NULL,
        PRIMARY KEY (project_id, req_id)
    ) STRICT, WITHOUT ROWID;",
    // 8: a draft ТЗ exported for review is recorded as a draft, not as issued.
    "ALTER TABLE issued_documents ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));",
    // 9: development records 2.1–2.6 — the stage plan (dates, features, price, the
    // requirements each stage delivers or their exclusion), the environment checklist,
    // the work log, bugs, DevOps adjustments and acceptances. A stage accepted at 2.6
    // is frozen by the database itself: triggers refuse any change to it and to its
    // records, whatever the caller.
    "ALTER TABLE stages ADD COLUMN features TEXT NOT NULL DEFAULT '';
    ALTER TABLE stages ADD COLUMN planned_start TEXT NOT NULL DEFAULT '';
    ALTER TABLE stages ADD COLUMN planned_end TEXT NOT NULL DEFAULT '';
    ALTER TABLE stages ADD COLUMN price TEXT;
    ALTER TABLE stages ADD COLUMN frozen INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1));
    -- Stages a project already accepted before this version are frozen too (the same
    -- rule as etap_domain::development::accepted_stages).
    UPDATE stages SET frozen = 1 WHERE number <= (
        SELECT CASE
            WHEN p.step IN ('coding', 'testing', 'dev_ops_adjustment', 'stage_acceptance')
                THEN p.stage - 1
            WHEN p.step IN ('deployment', 'switchover', 'support_handover', 'closed')
                THEN p.stages_total
            ELSE 0 END
        FROM projects p WHERE p.id = stages.project_id);
    CREATE TRIGGER stages_frozen_update BEFORE UPDATE ON stages WHEN OLD.frozen = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER stages_frozen_delete BEFORE DELETE ON stages WHEN OLD.frozen = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TABLE stage_requirements (
        project_id INTEGER NOT NULL REFERENCES projects(id),
        req_id TEXT NOT NULL,
        -- NULL: excluded from every stage, with the reason.
        stage_id INTEGER REFERENCES stages(id),
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (project_id, req_id),
        CHECK (stage_id IS NOT NULL OR length(trim(reason)) > 0)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER stage_requirements_frozen_insert BEFORE INSERT ON stage_requirements
    WHEN (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER stage_requirements_frozen_update BEFORE UPDATE ON stage_requirements
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
      OR (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER stage_requirements_frozen_delete BEFORE DELETE ON stage_requirements
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TABLE environment_items (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id),
        position INTEGER NOT NULL,
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        status TEXT NOT NULL CHECK (status IN ('todo', 'done', 'not_needed')),
        owner INTEGER REFERENCES team_members(id) ON DELETE SET NULL,
        note TEXT NOT NULL DEFAULT '',
        links TEXT NOT NULL DEFAULT '',
        credential INTEGER NOT NULL CHECK (credential IN (0, 1)),
        secret_location TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX environment_items_project ON environment_items(project_id, position);
    CREATE TABLE work_log (
        id INTEGER PRIMARY KEY,
        stage_id INTEGER NOT NULL REFERENCES stages(id),
        date TEXT NOT NULL,
        who TEXT NOT NULL,
        hours TEXT NOT NULL,
        reference TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX work_log_stage ON work_log(stage_id, id);
    CREATE TRIGGER work_log_frozen_insert BEFORE INSERT ON work_log
    WHEN (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER work_log_frozen_update BEFORE UPDATE ON work_log
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
      OR (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER work_log_frozen_delete BEFORE DELETE ON work_log
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TABLE bugs (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id),
        number INTEGER NOT NULL CHECK (number >= 1),
        stage_id INTEGER NOT NULL REFERENCES stages(id),
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        steps TEXT NOT NULL DEFAULT '',
        expected TEXT NOT NULL DEFAULT '',
        actual TEXT NOT NULL DEFAULT '',
        severity TEXT NOT NULL CHECK (severity IN ('critical', 'major', 'minor', 'trivial')),
        requirement TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'verified', 'wont_fix')),
        reason TEXT NOT NULL DEFAULT '',
        UNIQUE (project_id, number),
        CHECK (status <> 'wont_fix' OR length(trim(reason)) > 0)
    ) STRICT;
    CREATE TRIGGER bugs_frozen_insert BEFORE INSERT ON bugs
    WHEN (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER bugs_frozen_update BEFORE UPDATE ON bugs
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
      OR (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER bugs_frozen_delete BEFORE DELETE ON bugs
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TABLE adjustments (
        id INTEGER PRIMARY KEY,
        stage_id INTEGER NOT NULL REFERENCES stages(id),
        date TEXT NOT NULL DEFAULT '',
        what TEXT NOT NULL CHECK (length(trim(what)) > 0),
        who TEXT NOT NULL,
        bug INTEGER
    ) STRICT;
    CREATE TRIGGER adjustments_frozen_insert BEFORE INSERT ON adjustments
    WHEN (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER adjustments_frozen_update BEFORE UPDATE ON adjustments
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
      OR (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER adjustments_frozen_delete BEFORE DELETE ON adjustments
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TABLE acceptances (
        stage_id INTEGER PRIMARY KEY REFERENCES stages(id),
        checks TEXT NOT NULL DEFAULT '[]',
        code_ref TEXT NOT NULL DEFAULT '',
        accepted_on TEXT NOT NULL DEFAULT '',
        accepted_by TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE TRIGGER acceptances_frozen_insert BEFORE INSERT ON acceptances
    WHEN (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER acceptances_frozen_update BEFORE UPDATE ON acceptances
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
      OR (SELECT frozen FROM stages WHERE id = NEW.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;
    CREATE TRIGGER acceptances_frozen_delete BEFORE DELETE ON acceptances
    WHEN (SELECT frozen FROM stages WHERE id = OLD.stage_id) = 1
    BEGIN SELECT RAISE(ABORT, 'etap: accepted stages are frozen'); END;",
    // 10: deployment records 3.1–3.3 — the plan, the database archives made before a
    // switchover (append-only: an archive record is evidence), the support handover.
    // Outcomes are lifecycle transitions: a rollback is recorded with its reason.
    "CREATE TABLE deployment_plans (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id),
        target TEXT NOT NULL CHECK (target IN ('client_premises', 'cloud')),
        description TEXT NOT NULL DEFAULT '',
        planned_on TEXT NOT NULL DEFAULT '',
        responsible TEXT NOT NULL DEFAULT '',
        switch_kind TEXT NOT NULL CHECK (switch_kind IN ('new_environment', 'module')),
        checklist TEXT NOT NULL DEFAULT '[]'
    ) STRICT;
    CREATE TABLE db_archives (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id),
        what TEXT NOT NULL CHECK (length(trim(what)) > 0),
        location TEXT NOT NULL CHECK (length(trim(location)) > 0),
        made_at TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        recorded_at TEXT NOT NULL,
        -- The project's latest transition when it was recorded: which deployment
        -- attempt it belongs to.
        after_transition INTEGER NOT NULL
    ) STRICT;
    CREATE TRIGGER db_archives_append_only_update BEFORE UPDATE ON db_archives
    BEGIN SELECT RAISE(ABORT, 'etap: database archive records are kept as made'); END;
    CREATE TRIGGER db_archives_append_only_delete BEFORE DELETE ON db_archives
    BEGIN SELECT RAISE(ABORT, 'etap: database archive records are kept as made'); END;
    CREATE TABLE support_handovers (
        project_id INTEGER PRIMARY KEY REFERENCES projects(id),
        team TEXT NOT NULL DEFAULT '[]',
        documents TEXT NOT NULL DEFAULT '',
        handed_over_on TEXT NOT NULL DEFAULT '',
        warranty_until TEXT NOT NULL DEFAULT ''
    ) STRICT;",
    // 11: the register also keeps счета (invoices); акты and счета are numbered per
    // year across projects, so a number is unique per kind, not only per project.
    // SQLite cannot change a CHECK in place: the table is rebuilt, every row kept.
    "CREATE TABLE issued_documents_new (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE RESTRICT,
        kind TEXT NOT NULL CHECK (kind IN ('proposal', 'specification', 'act', 'invoice')),
        number TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
        version INTEGER,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        path TEXT NOT NULL,
        draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1)),
        UNIQUE (project_id, number),
        UNIQUE (kind, number)
    ) STRICT;
    INSERT INTO issued_documents_new SELECT id, project_id, kind, number, issued_at, lang,
        version, sha256, path, draft FROM issued_documents;
    DROP TABLE issued_documents;
    ALTER TABLE issued_documents_new RENAME TO issued_documents;",
    // 12: what an акт or счёт charges (its total as `billing` computed it, kept as
    // issued) and the payments received against a счёт, only ever added.
    "CREATE TABLE document_amounts (
        document_id INTEGER PRIMARY KEY REFERENCES issued_documents(id),
        amount TEXT NOT NULL,
        currency TEXT NOT NULL
    ) STRICT;
    CREATE TABLE payments (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES issued_documents(id),
        paid_on TEXT NOT NULL,
        amount TEXT NOT NULL,
        recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER payments_append_only_update BEFORE UPDATE ON payments
    BEGIN SELECT RAISE(ABORT, 'etap: payments are kept as recorded'); END;",
    // 13: the project's local git repository folder (empty: none), whose tags and
    // commits the acceptance form offers and where a code reference must exist.
    "ALTER TABLE projects ADD COLUMN repository TEXT NOT NULL DEFAULT '';",
    // 14 (issue 14):
    // the records a project page lists are found by index, not by reading the whole
    // table — with years of projects those reads were what grew (tests/core/plans.rs);
    // the search index gets prefix indexes for one- and two-letter stems, and the hook
    // indexes every saved section's text anew into it.
    "CREATE INDEX IF NOT EXISTS team_members_project ON team_members(project_id, id);
    CREATE INDEX IF NOT EXISTS adjustments_stage ON adjustments(stage_id, id);
    CREATE INDEX IF NOT EXISTS payments_document ON payments(document_id, paid_on, id);
    CREATE INDEX IF NOT EXISTS db_archives_project ON db_archives(project_id, id);
    DROP TABLE spec_search;
    CREATE VIRTUAL TABLE spec_search USING fts5(
        title, body,
        content = 'spec_search_text', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2'
    );",
    // 15 (issue 14): the dashboard reads every project's open deadlines at once — the
    // pending offers and the stages not yet accepted, each from a partial index that
    // holds only those rows and the dates read (the whole tables hold every answered
    // offer and accepted stage of years of work).
    "CREATE INDEX IF NOT EXISTS offers_pending ON offers(project_id, id, valid_until)
        WHERE answer = 'pending';
    CREATE INDEX IF NOT EXISTS stages_open ON stages(project_id, number, planned_end)
        WHERE frozen = 0;",
];

/// The step that rebuilt the search index with prefix indexes for one- and two-letter
/// stems («1С» searched «с»* by merging the postings of every word in «с»: 25 ms at
/// 1,000 projects, 2.4 ms with them). Found by its text, not its number, so it keeps
/// its hook whatever number it takes among the parallel branches' migrations.
fn rebuilds_search_with_prefixes(sql: &str) -> bool {
    sql.contains("prefix = '1 2'")
}

/// The schema version this build writes.
pub const LATEST: usize = STEPS.len();

/// The migration list.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(
        STEPS
            .iter()
            .enumerate()
            .map(|(i, sql)| match i + 1 {
                6 => M::up_with_hook(sql, crate::spec::reindex_all),
                7 => M::up_with_hook(sql, crate::spec::record_all_requirement_ids),
                _ if rebuilds_search_with_prefixes(sql) => {
                    M::up_with_hook(sql, crate::spec::index_text_anew)
                }
                _ => M::up(sql),
            })
            .collect(),
    )
}

/// Brings the database to [`LATEST`] in one transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrations()
        .to_latest(conn)
        .map_err(|e| StorageError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        migrations().validate().expect("valid migrations");
    }

    #[test]
    fn the_register_keeps_its_documents_when_it_learns_of_invoices() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_version(&mut conn, 10).unwrap();
        conn.execute_batch(&format!(
            "INSERT INTO clients (id, name, created_at) VALUES (1, 'К', '2026-01-01');
             INSERT INTO projects (id, client_id, title, step, round, stage, stages_total,
                 created_at, updated_at)
             VALUES (1, 1, 'П', 'request', 1, 0, 0, '2026-01-01', '2026-01-01');
             INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, sha256, path)
             VALUES (1, 'proposal', 'КП-1-1', '2026-01-02', 'ru', '{0}', 'a.pdf');
             INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, sha256, path, draft)
             VALUES (1, 'specification', 'ТЗ-1-1', '2026-01-02', 'ru', '{0}', 't.pdf', 1);",
            "a".repeat(64)
        ))
        .unwrap();
        migrate(&mut conn).unwrap();
        let kept: Vec<(String, bool)> = conn
            .prepare("SELECT number, draft FROM issued_documents ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        // Every row kept, and a draft ТЗ stays marked as a draft.
        assert_eq!(kept, [("КП-1-1".into(), false), ("ТЗ-1-1".into(), true)]);
        conn.execute(
            "INSERT INTO issued_documents (project_id, kind, number, issued_at, lang, sha256, path)
             VALUES (1, 'invoice', 'С-2026-001', '2026-01-03', 'ru', ?1, 'b.pdf')",
            ["b".repeat(64)],
        )
        .unwrap();
    }

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, LATEST as i64);
    }
}
