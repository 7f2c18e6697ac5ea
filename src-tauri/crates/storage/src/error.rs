//! Storage errors, each with a stable code and a message a manager can act on.

use std::path::Path;

use etap_domain::{DomainError, Text};

pub type Result<T> = std::result::Result<T, StorageError>;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error("{what:?} {id} not found")]
    NotFound { what: Subject, id: i64 },
    #[error("the history of project {project_id} cannot be replayed")]
    CorruptHistory { project_id: i64 },
    #[error("database schema {found} is newer than this version of Etap supports ({supported})")]
    TooNew { found: i64, supported: i64 },
    #[error("migration failed: {0}")]
    Migration(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Money(etap_domain::money::MoneyError),
    #[error("no offer awaits an answer")]
    NoPendingOffer,
    #[error("{0:?} is not an amount")]
    BadAmount(String),
    #[error("the logo is not a readable PNG or JPEG file under 2 MB and 4000 × 4000 pixels")]
    BadLogo,
    #[error("approved specification versions are frozen")]
    SpecFrozen,
    #[error("the project already has a specification")]
    SpecExists,
    #[error("required sections are empty: {0:?}")]
    SpecIncomplete(Vec<(String, String)>),
    #[error("a draft version is already open")]
    SpecDraftOpen,
    /// A stored code none of its type knows (see [`crate::codes`]).
    #[error(transparent)]
    UnknownCode(crate::codes::UnknownCode),
    #[error(transparent)]
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> StorageError {
        match crate::codes::unknown(&e) {
            Some(u) => StorageError::UnknownCode(u.clone()),
            None => StorageError::Sqlite(e),
        }
    }
}

/// What a [`StorageError::NotFound`] did not find, named in both languages (the
/// Russian words agree with its gender).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Project,
    Client,
    Question,
    TeamMember,
    /// The project's specification as a whole (no version of it yet).
    Specification,
    SpecVersion,
    SpecSection,
    Document,
}

impl Subject {
    /// «Версия ТЗ не найдена» / "The specification version was not found".
    pub fn not_found(self) -> Text {
        let (ru, en) = match self {
            Subject::Project => ("Проект не найден", "The project was not found"),
            Subject::Client => ("Клиент не найден", "The client was not found"),
            Subject::Question => ("Вопрос не найден", "The question was not found"),
            Subject::TeamMember => (
                "Участник команды не найден",
                "The team member was not found",
            ),
            Subject::Specification => (
                "ТЗ проекта не найдено",
                "The project's specification was not found",
            ),
            Subject::SpecVersion => (
                "Версия ТЗ не найдена",
                "The specification version was not found",
            ),
            Subject::SpecSection => (
                "Раздел ТЗ не найден",
                "The specification section was not found",
            ),
            Subject::Document => ("Документ не найден", "The document was not found"),
        };
        Text::new(ru, en)
    }

    /// «возможно, она была удалена» / "it may have been deleted".
    pub fn may_be_deleted(self) -> Text {
        let ru = match self {
            Subject::SpecVersion => "возможно, она была удалена",
            Subject::Specification => "возможно, оно было удалено",
            _ => "возможно, он был удалён",
        };
        Text::new(ru, "it may have been deleted")
    }
}

impl StorageError {
    /// A refusal of the domain (`lifecycle::editable`, a guard) as a storage error.
    pub(crate) fn refused(r: etap_domain::lifecycle::Refusal) -> StorageError {
        StorageError::Domain(etap_domain::error::DomainError::Refused(r))
    }

    pub(crate) fn io(path: &Path, source: std::io::Error) -> StorageError {
        StorageError::Io {
            path: path.display().to_string(),
            source,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            StorageError::Domain(e) => e.code(),
            StorageError::NotFound { .. } => "not_found",
            StorageError::CorruptHistory { .. } => "corrupt_history",
            StorageError::TooNew { .. } => "database_too_new",
            StorageError::Migration(_) => "migration_failed",
            StorageError::Io { .. } => "io",
            StorageError::Money(_) => "amount_too_large",
            StorageError::NoPendingOffer => "no_offer",
            StorageError::BadAmount(_) => "bad_amount",
            StorageError::BadLogo => "bad_logo",
            StorageError::SpecFrozen => "spec_frozen",
            StorageError::SpecExists => "spec_exists",
            StorageError::SpecIncomplete(_) => "spec_incomplete",
            StorageError::SpecDraftOpen => "spec_draft_open",
            StorageError::UnknownCode(_) => "unknown_code",
            StorageError::Sqlite(e) if is_busy(e) => "database_busy",
            StorageError::Sqlite(_) => "database",
        }
    }

    pub fn message(&self) -> Text {
        match self {
            StorageError::Domain(e) => e.message(),
            StorageError::NotFound { what, .. } => {
                let (ru, en) = (what.not_found(), what.may_be_deleted());
                Text::new(
                    format!("{}: {}. Обновите список.", ru.ru, en.ru),
                    format!("{}: {}. Refresh the list.", ru.en, en.en),
                )
            }
            StorageError::CorruptHistory { .. } => Text::new(
                "История проекта повреждена. Восстановите базу из резервной копии (папка backups).",
                "The project's history is damaged. Restore the database from a backup (the backups folder).",
            ),
            StorageError::TooNew { .. } => Text::new(
                "База данных создана более новой версией Etap. Обновите приложение.",
                "The database was written by a newer version of Etap. Update the application.",
            ),
            StorageError::Migration(_) => Text::new(
                "Не удалось обновить базу данных. Данные не изменены; копия лежит в папке backups.",
                "The database could not be upgraded. Nothing was changed; a copy is in the backups folder.",
            ),
            StorageError::Io { path, source } => Text::new(
                format!("Не удалось записать файл {path}: {source}."),
                format!("Could not write the file {path}: {source}."),
            ),
            StorageError::Money(_) => Text::new(
                "Сумма слишком велика — проверьте часы и ставки.",
                "The amount is too large — check the hours and rates.",
            ),
            StorageError::NoPendingOffer => Text::new(
                "Нет предложения, ожидающего ответа клиента.",
                "No offer is waiting for the client's answer.",
            ),
            StorageError::BadAmount(text) => Text::new(
                format!("«{text}» — не сумма. Введите положительное число, например 150 000,00."),
                format!("“{text}” is not an amount. Enter a positive number, for example 150000.00."),
            ),
            StorageError::BadLogo => Text::new(
                "Логотип должен быть неповреждённым файлом PNG или JPEG размером до 2 МБ и не больше 4000 × 4000 точек.",
                "The logo must be an undamaged PNG or JPEG file of up to 2 MB and at most 4000 × 4000 pixels.",
            ),
            StorageError::SpecFrozen => Text::new(
                "Утверждённая версия ТЗ заморожена: начните новую версию, чтобы внести изменения.",
                "An approved specification version is frozen: start a new version to make changes.",
            ),
            StorageError::SpecExists => Text::new(
                "У проекта уже есть ТЗ: откройте его или начните новую версию.",
                "The project already has a specification: open it or start a new version.",
            ),
            StorageError::SpecIncomplete(empty) => {
                let list = |sep: &str| {
                    empty
                        .iter()
                        .map(|(n, t)| format!("{n} {t}"))
                        .collect::<Vec<_>>()
                        .join(sep)
                };
                Text::new(
                    format!("Нельзя утвердить: не заполнены обязательные разделы — {}.", list("; ")),
                    format!("Cannot approve: required sections are empty — {}.", list("; ")),
                )
            }
            StorageError::SpecDraftOpen => Text::new(
                "Черновик новой версии уже открыт: утвердите его или продолжайте в нём.",
                "A draft of the next version is already open: approve it or keep working in it.",
            ),
            StorageError::UnknownCode(u) => Text::new(
                format!(
                    "В базе данных непонятное значение «{}» (таблица {}, поле {}): возможно, её записала более новая версия Etap. Ничего не изменено; обновите приложение или восстановите базу из резервной копии (папка backups).",
                    u.value, u.table, u.column
                ),
                format!(
                    "The database holds a value this version does not know, “{}” (table {}, field {}): perhaps a newer version of Etap wrote it. Nothing was changed; update the application or restore the database from a backup (the backups folder).",
                    u.value, u.table, u.column
                ),
            ),
            StorageError::Sqlite(e) if is_busy(e) => Text::new(
                "База данных занята другой копией Etap. Закройте её и повторите.",
                "The database is in use by another copy of Etap. Close it and try again.",
            ),
            StorageError::Sqlite(e) => Text::new(
                format!("Ошибка базы данных: {e}. Ваши данные не изменены."),
                format!("Database error: {e}. Your data was not changed."),
            ),
        }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}
