//! Storage of the preparation phase: client requisites, the request (1.1),
//! clarification questions and notes (1.2), the team and handover (1.6).
//!
//! Saving never fails on a doubtful value: the domain's checks come back as warnings
//! beside the saved record, so a draft is never lost to validation.

use etap_domain::draft::FieldError;
use etap_domain::entity::Client;
use etap_domain::error::clean_name;
use etap_domain::input::{cleaned, CleanText};
use etap_domain::party::{ClientCard, Requisites};
use etap_domain::preparation::{
    Clarification, Handover, Question, QuestionStatus, Request, RequestCard, RequestSource,
    RoundNotes, TeamCard, TeamMember,
};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::codes;
use crate::CachedRow as _;
use crate::{load_state, now, Result, StorageError, Store, Subject};

/// The requisites columns, in [`Requisites`] field order, shared by `clients` and
/// `provider`.
pub(crate) const REQUISITES_COLUMNS: &str = "legal_name, short_name, inn, kpp, ogrn, address, \
    bank_name, bik, account, corr_account, signatory_name, signatory_position, email, phone";

/// Reads the 14 requisites columns starting at column `at`.
pub(crate) fn read_requisites(r: &Row, at: usize) -> rusqlite::Result<Requisites> {
    Ok(Requisites {
        legal_name: r.get(at)?,
        short_name: r.get(at + 1)?,
        inn: r.get(at + 2)?,
        kpp: r.get(at + 3)?,
        ogrn: r.get(at + 4)?,
        address: r.get(at + 5)?,
        bank_name: r.get(at + 6)?,
        bik: r.get(at + 7)?,
        account: r.get(at + 8)?,
        corr_account: r.get(at + 9)?,
        signatory_name: r.get(at + 10)?,
        signatory_position: r.get(at + 11)?,
        email: r.get(at + 12)?,
        phone: r.get(at + 13)?,
    })
}

/// The requisites as 14 trimmed values, in column order.
pub(crate) fn requisites_values(q: &Requisites) -> [String; 14] {
    [
        &q.legal_name,
        &q.short_name,
        &q.inn,
        &q.kpp,
        &q.ogrn,
        &q.address,
        &q.bank_name,
        &q.bik,
        &q.account,
        &q.corr_account,
        &q.signatory_name,
        &q.signatory_position,
        &q.email,
        &q.phone,
    ]
    .map(|s| s.trim().to_string())
}

fn project_exists(conn: &Connection, id: i64) -> Result<()> {
    conn.row("SELECT 1 FROM projects WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .ok_or(StorageError::NotFound {
            what: Subject::Project,
            id,
        })
}

/// The project a question belongs to.
fn question_project(conn: &Connection, id: i64) -> Result<i64> {
    conn.row(
        "SELECT project_id FROM questions WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StorageError::NotFound {
        what: Subject::Question,
        id,
    })
}

pub(crate) fn team(conn: &Connection, project_id: i64) -> Result<Vec<TeamMember>> {
    let mut st = conn.prepare_cached(
        "SELECT id, name, contact, devops, developer, tester FROM team_members \
         WHERE project_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([project_id], |r| {
        Ok(TeamMember {
            id: r.get(0)?,
            name: r.get(1)?,
            contact: r.get(2)?,
            devops: r.get(3)?,
            developer: r.get(4)?,
            tester: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    // ---- clients ---------------------------------------------------------------------

    pub fn client_card(&self, id: i64) -> Result<ClientCard> {
        let sql =
            format!("SELECT id, name, created_at, {REQUISITES_COLUMNS} FROM clients WHERE id = ?1");
        let (client, requisites) = self
            .conn
            .row(&sql, [id], |r| {
                Ok((
                    Client {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        created_at: r.get(2)?,
                    },
                    read_requisites(r, 3)?,
                ))
            })
            .optional()?
            .ok_or(StorageError::NotFound {
                what: Subject::Client,
                id,
            })?;
        let warnings = requisites.check();
        Ok(ClientCard {
            client,
            requisites,
            warnings,
            refused: Vec::new(),
        })
    }

    /// Saves a client's name and requisites; doubtful requisites come back as warnings.
    /// An emptied (or too long) name keeps the stored one, the requisites are saved,
    /// and the name comes back in `refused`.
    pub fn save_client(
        &mut self,
        id: i64,
        name: &str,
        requisites: &Requisites,
    ) -> Result<ClientCard> {
        let mut refused = Vec::new();
        let name = match clean_name("client_name", name) {
            Ok(name) => Some(name),
            Err(e) => {
                refused.push(FieldError {
                    row: None,
                    field: "name",
                    message: e.message(),
                });
                None
            }
        };
        let requisites = requisites.cleaned();
        let v = requisites_values(&requisites);
        self.write(|tx| {
            let n = tx.execute(
                "UPDATE clients SET name = COALESCE(?2, name), legal_name = ?3, short_name = ?4, inn = ?5, \
                 kpp = ?6, ogrn = ?7, address = ?8, bank_name = ?9, bik = ?10, account = ?11, \
                 corr_account = ?12, signatory_name = ?13, signatory_position = ?14, \
                 email = ?15, phone = ?16 WHERE id = ?1",
                params![
                    id, name, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10],
                    v[11], v[12], v[13]
                ],
            )?;
            if n == 0 {
                return Err(StorageError::NotFound {
                    what: Subject::Client,
                    id,
                });
            }
            Ok(())
        })?;
        Ok(ClientCard {
            refused,
            ..self.client_card(id)?
        })
    }

    // ---- 1.1 request -----------------------------------------------------------------

    pub fn request(&self, project_id: i64) -> Result<RequestCard> {
        project_exists(&self.conn, project_id)?;
        let request = self
            .conn
            .row(
                "SELECT title, description, source, received_on, desired_deadline, attachments \
                 FROM requests WHERE project_id = ?1",
                [project_id],
                |r| {
                    let attachments: String = r.get(5)?;
                    Ok(Request {
                        title: r.get(0)?,
                        description: r.get(1)?,
                        source: codes::code(
                            r,
                            2,
                            ("requests", "source"),
                            RequestSource::from_code,
                        )?,
                        received_on: r.get(3)?,
                        desired_deadline: r.get(4)?,
                        attachments: decode_list(&attachments),
                    })
                },
            )
            .optional()?
            .unwrap_or_default();
        let warnings = request.check(crate::today());
        Ok(RequestCard { request, warnings })
    }

    pub fn save_request(&mut self, project_id: i64, request: &Request) -> Result<RequestCard> {
        let request = &request.cleaned();
        let at = now();
        let attachments: Vec<String> = request
            .attachments
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        self.write(|tx| {
            project_exists(tx, project_id)?;
            tx.execute(
                "INSERT INTO requests (project_id, title, description, source, received_on, \
                 desired_deadline, attachments, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT(project_id) DO UPDATE SET title = excluded.title, \
                 description = excluded.description, source = excluded.source, \
                 received_on = excluded.received_on, desired_deadline = excluded.desired_deadline, \
                 attachments = excluded.attachments, updated_at = excluded.updated_at",
                params![
                    project_id,
                    request.title.trim(),
                    request.description,
                    request.source.code(),
                    request.received_on.trim(),
                    request.desired_deadline.trim(),
                    encode_list(&attachments),
                    at
                ],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.request(project_id)
    }

    // ---- 1.2 clarification -----------------------------------------------------------

    pub fn clarification(&self, project_id: i64) -> Result<Clarification> {
        let round = load_state(&self.conn, project_id)?.round;
        let mut st = self.conn.prepare_cached(
            "SELECT id, round, text, answer, status FROM questions WHERE project_id = ?1 \
             ORDER BY round, id",
        )?;
        let questions = st
            .query_map([project_id], |r| {
                Ok(Question {
                    id: r.get(0)?,
                    round: r.get(1)?,
                    text: r.get(2)?,
                    answer: r.get(3)?,
                    status: codes::code(r, 4, ("questions", "status"), QuestionStatus::from_code)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut st = self.conn.prepare_cached(
            "SELECT round, notes FROM round_notes WHERE project_id = ?1 ORDER BY round",
        )?;
        let notes = st
            .query_map([project_id], |r| {
                Ok(RoundNotes {
                    round: r.get(0)?,
                    notes: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Clarification {
            round,
            questions,
            notes,
            refused: Vec::new(),
        })
    }

    /// Asks a new question in the project's current round.
    pub fn add_question(&mut self, project_id: i64, text: &str) -> Result<Clarification> {
        let text = clean_text("question", text)?;
        let at = now();
        self.write(|tx| {
            let round = load_state(tx, project_id)?.round;
            tx.execute(
                "INSERT INTO questions (project_id, round, text, answer, status, updated_at) \
                 VALUES (?1, ?2, ?3, '', 'open', ?4)",
                params![project_id, round, text, at],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.clarification(project_id)
    }

    /// Saves a question's text, answer and status. An answer given to an open question
    /// marks it answered.
    /// Saves a question's text, answer and status. An emptied question keeps its
    /// stored text (the answer and status are saved) and comes back in `refused`.
    pub fn save_question(
        &mut self,
        id: i64,
        text: &str,
        answer: &str,
        status: QuestionStatus,
    ) -> Result<Clarification> {
        let mut refused = Vec::new();
        let text = match clean_text("question", text) {
            Ok(text) => Some(text),
            Err(e) => {
                refused.push(FieldError {
                    row: None,
                    field: "text",
                    message: e.message(),
                });
                None
            }
        };
        let answer = cleaned(answer).trim().to_string();
        let status = if status == QuestionStatus::Open && !answer.is_empty() {
            QuestionStatus::Answered
        } else {
            status
        };
        let at = now();
        let project_id = self.write(|tx| {
            let project_id = question_project(tx, id)?;
            tx.execute(
                "UPDATE questions SET text = COALESCE(?2, text), answer = ?3, status = ?4, \
                 updated_at = ?5 WHERE id = ?1",
                params![id, text, answer, status.code(), at],
            )?;
            touch(tx, project_id, &at)?;
            Ok(project_id)
        })?;
        Ok(Clarification {
            refused,
            ..self.clarification(project_id)?
        })
    }

    pub fn delete_question(&mut self, id: i64) -> Result<Clarification> {
        let at = now();
        let project_id = self.write(|tx| {
            let project_id = question_project(tx, id)?;
            tx.execute("DELETE FROM questions WHERE id = ?1", [id])?;
            touch(tx, project_id, &at)?;
            Ok(project_id)
        })?;
        self.clarification(project_id)
    }

    /// Saves the free notes of the project's current round.
    pub fn save_round_notes(&mut self, project_id: i64, notes: &str) -> Result<Clarification> {
        let notes = cleaned(notes);
        let at = now();
        self.write(|tx| {
            let round = load_state(tx, project_id)?.round;
            tx.execute(
                "INSERT INTO round_notes (project_id, round, notes) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(project_id, round) DO UPDATE SET notes = excluded.notes",
                params![project_id, round, notes],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.clarification(project_id)
    }

    // ---- 1.6 team and handover -------------------------------------------------------

    pub fn team_card(&self, project_id: i64) -> Result<TeamCard> {
        project_exists(&self.conn, project_id)?;
        let members = team(&self.conn, project_id)?;
        let handover = self
            .conn
            .row(
                "SELECT date, note FROM handovers WHERE project_id = ?1",
                [project_id],
                |r| {
                    Ok(Handover {
                        date: r.get(0)?,
                        note: r.get(1)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default();
        let warnings = etap_domain::preparation::check_date("date", &handover.date, crate::today())
            .into_iter()
            .collect();
        Ok(TeamCard {
            members,
            handover,
            warnings,
            refused: Vec::new(),
        })
    }

    /// Adds (`member.id == 0`) or updates a team member. A new member needs a name;
    /// an existing one whose name was emptied (or is too long) keeps the stored name,
    /// the rest of the row is saved, and the name comes back in `refused`.
    pub fn save_team_member(&mut self, project_id: i64, member: &TeamMember) -> Result<TeamCard> {
        let member = &member.cleaned();
        let mut refused = Vec::new();
        let name = match clean_name("member_name", &member.name) {
            Ok(name) => Some(name),
            Err(e) if member.id != 0 => {
                refused.push(FieldError {
                    row: None,
                    field: "name",
                    message: e.message(),
                });
                None
            }
            Err(e) => return Err(e.into()),
        };
        let at = now();
        self.write(|tx| {
            project_exists(tx, project_id)?;
            if member.id == 0 {
                tx.execute(
                    "INSERT INTO team_members (project_id, name, contact, devops, developer, tester) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        project_id,
                        name,
                        member.contact.trim(),
                        member.devops,
                        member.developer,
                        member.tester
                    ],
                )?;
            } else {
                let n = tx.execute(
                    "UPDATE team_members SET name = COALESCE(?3, name), contact = ?4, devops = ?5, \
                     developer = ?6, tester = ?7 WHERE id = ?1 AND project_id = ?2",
                    params![
                        member.id,
                        project_id,
                        name,
                        member.contact.trim(),
                        member.devops,
                        member.developer,
                        member.tester
                    ],
                )?;
                if n == 0 {
                    return Err(StorageError::NotFound { what: Subject::TeamMember, id: member.id });
                }
            }
            touch(tx, project_id, &at)
        })?;
        Ok(TeamCard {
            refused,
            ..self.team_card(project_id)?
        })
    }

    pub fn remove_team_member(&mut self, project_id: i64, member_id: i64) -> Result<TeamCard> {
        let at = now();
        self.write(|tx| {
            let n = tx.execute(
                "DELETE FROM team_members WHERE id = ?1 AND project_id = ?2",
                params![member_id, project_id],
            )?;
            if n == 0 {
                return Err(StorageError::NotFound {
                    what: Subject::TeamMember,
                    id: member_id,
                });
            }
            touch(tx, project_id, &at)
        })?;
        self.team_card(project_id)
    }

    pub fn save_handover(&mut self, project_id: i64, handover: &Handover) -> Result<TeamCard> {
        let handover = &handover.cleaned();
        let at = now();
        self.write(|tx| {
            project_exists(tx, project_id)?;
            tx.execute(
                "INSERT INTO handovers (project_id, date, note) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(project_id) DO UPDATE SET date = excluded.date, note = excluded.note",
                params![project_id, handover.date.trim(), handover.note],
            )?;
            touch(tx, project_id, &at)
        })?;
        self.team_card(project_id)
    }
}

/// Marks the project as changed, for the dashboard's order.
pub(crate) fn touch(tx: &Connection, project_id: i64, at: &str) -> Result<()> {
    tx.execute(
        "UPDATE projects SET updated_at = ?2 WHERE id = ?1",
        params![project_id, at],
    )?;
    Ok(())
}

/// A non-empty free text (questions, items); long texts are fine.
fn clean_text(field: &'static str, value: &str) -> Result<String> {
    let v = etap_domain::input::clean(value);
    let v = v.trim();
    if v.is_empty() {
        return Err(etap_domain::DomainError::Empty { field }.into());
    }
    Ok(v.to_string())
}

/// Lists are kept as one line per entry: file references cannot contain a newline.
fn encode_list(items: &[String]) -> String {
    items.join("\n")
}

fn decode_list(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}
