//! 2.2: the environment checklist (the seed's DevOps list) and the rule that keeps
//! secrets out of it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::*;
use crate::lifecycle::Refusal;
use crate::preparation::TeamMember;
use crate::text::{Lang, Text};

/// Where a checklist item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    #[default]
    Todo,
    Done,
    NotNeeded,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 3] = [ItemStatus::Todo, ItemStatus::Done, ItemStatus::NotNeeded];

    pub fn code(self) -> &'static str {
        match self {
            ItemStatus::Todo => "todo",
            ItemStatus::Done => "done",
            ItemStatus::NotNeeded => "not_needed",
        }
    }

    pub fn from_code(code: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the item no longer holds anything up.
    pub fn settled(self) -> bool {
        self != ItemStatus::Todo
    }
}

/// One line of a checklist (the environment at 2.2, the deployment plan at 3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistItem {
    pub id: i64,
    pub title: String,
    pub status: ItemStatus,
    /// The team member (of 1.6) responsible; `None` when nobody is named yet.
    pub owner: Option<i64>,
    pub note: String,
    /// Links or paths to where the thing is (a console, a repository, a runbook).
    pub links: Vec<String>,
    /// A credential item (accounts and access): `secret_location` says where the
    /// secret lives — a vault entry or a file path, never the secret itself.
    pub credential: bool,
    pub secret_location: String,
}

/// The seed's DevOps list (2.2): what every project's environment needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EnvArea {
    Infrastructure,
    Communication,
    Accounts,
    Platform,
    TestMachines,
    Repositories,
    Database,
    BackupVms,
    BackupDatabase,
    BackupCode,
}

impl EnvArea {
    pub const ALL: [EnvArea; 10] = [
        EnvArea::Infrastructure,
        EnvArea::Communication,
        EnvArea::Accounts,
        EnvArea::Platform,
        EnvArea::TestMachines,
        EnvArea::Repositories,
        EnvArea::Database,
        EnvArea::BackupVms,
        EnvArea::BackupDatabase,
        EnvArea::BackupCode,
    ];

    pub fn name(self) -> Text {
        let (ru, en) = match self {
            EnvArea::Infrastructure => (
                "Инфраструктура (облако или своя)",
                "Infrastructure (cloud or in-house)",
            ),
            EnvArea::Communication => ("Каналы связи команды", "Team communication channels"),
            EnvArea::Accounts => ("Учётные записи и доступы", "Accounts and access"),
            EnvArea::Platform => ("Платформа разработки", "Development platform"),
            EnvArea::TestMachines => (
                "Виртуальные машины и контейнеры для тестирования",
                "VMs and containers for testing",
            ),
            EnvArea::Repositories => ("Репозитории", "Repositories"),
            EnvArea::Database => ("База данных", "Database"),
            EnvArea::BackupVms => ("Резервное копирование ВМ", "Backups of VMs"),
            EnvArea::BackupDatabase => ("Резервное копирование БД", "Backups of the database"),
            EnvArea::BackupCode => ("Резервное копирование кода", "Backups of the code"),
        };
        Text::new(ru, en)
    }
}

/// The checklist a new project's environment starts with: the seed's list, with
/// accounts and access as one credential item per team member.
pub fn default_environment(team: &[TeamMember], lang: Lang) -> Vec<ChecklistItem> {
    let mut out = Vec::new();
    for area in EnvArea::ALL {
        if area == EnvArea::Accounts {
            for m in team {
                out.push(ChecklistItem {
                    title: format!("{}: {}", area.name().get(lang), m.name),
                    owner: team.iter().find(|t| t.devops).map(|t| t.id),
                    credential: true,
                    ..ChecklistItem::default()
                });
            }
            if !team.is_empty() {
                continue;
            }
        }
        out.push(ChecklistItem {
            title: area.name().get(lang).to_string(),
            owner: team.iter().find(|t| t.devops).map(|t| t.id),
            credential: area == EnvArea::Accounts,
            ..ChecklistItem::default()
        });
    }
    out
}

/// Words that, followed by `=` or a `:` with no space, introduce a secret's value
/// (`password=…`, `token:…` in .env files, connection strings, configs).
const SECRET_KEYS: [&str; 12] = [
    "password",
    "passwd",
    "pwd",
    "pass",
    "secret",
    "token",
    "api_key",
    "apikey",
    "access_key",
    "private_key",
    "пароль",
    "токен",
];

/// Prefixes of well-known credential formats: GitHub and GitLab tokens, Slack
/// tokens, AWS access key IDs, Google API keys, OpenAI-style keys.
const SECRET_PREFIXES: [&str; 10] = [
    "ghp_",
    "gho_",
    "ghs_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "AKIA",
    "AIza",
    "sk-",
];

/// Bits of Shannon entropy per character of `s`.
fn entropy(s: &str) -> f64 {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in s.chars() {
        *counts.entry(c).or_default() += 1;
    }
    let n = s.chars().count() as f64;
    counts
        .values()
        .map(|&k| {
            let p = k as f64 / n;
            -p * p.log2()
        })
        .sum()
}

/// The longest run of lower-case ASCII letters: words have long ones ("Project"),
/// generated keys rarely more than a few.
fn longest_lowercase_run(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_lowercase())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

/// Whether `value` looks like a secret rather than a place where one lives.
///
/// The heuristic, from the cheapest sign to the vaguest; each catches a secret pasted
/// by mistake while a location ("vault: kv/prod/db", "~/.ssh/id_ed25519", "1Password,
/// запись «Prod DB»") passes:
/// 1. a private key in PEM (`-----BEGIN … PRIVATE KEY-----`) or a known credential
///    format by its prefix (`ghp_…`, `AKIA…`, `xoxb-…`);
/// 2. a URL with a password in it (`scheme://user:password@host`);
/// 3. an assignment to a secret-sounding key: `password=…`, `token:…` (a colon
///    directly followed by the value — "пароль: в KeePass" is a sentence, not a value);
/// 4. a JSON Web Token: three base64url parts joined by dots, starting with `eyJ`;
/// 5. a long random-looking word: 20+ characters of letters, digits and `+/=_-`, with
///    lower case, upper case and digits all present, over 3.5 bits of entropy per
///    character and no run of more than five lower-case letters — what generated
///    passwords and keys look like, and what paths and names made of words do not.
pub fn looks_like_secret(value: &str) -> bool {
    let v = value.trim();
    if v.contains("-----BEGIN") && v.contains("PRIVATE KEY") {
        return true;
    }
    for word in v.split_whitespace() {
        let w = word.trim_matches(|c: char| "\"'«»()[]{},;".contains(c));
        if SECRET_PREFIXES
            .iter()
            .any(|p| w.starts_with(p) && w.len() > p.len() + 8)
        {
            return true;
        }
        if let Some((_, rest)) = w.split_once("://") {
            if let Some((auth, _)) = rest.split_once('@') {
                if auth.split_once(':').is_some_and(|(_, pw)| !pw.is_empty()) {
                    return true;
                }
            }
        }
        let lower = w.to_lowercase();
        for key in SECRET_KEYS {
            for sep in ['=', ':'] {
                let pat = format!("{key}{sep}");
                if let Some(pos) = lower.find(&pat) {
                    let after = &lower[pos + pat.len()..];
                    // "pwd=" in a longer word ("cwd=") is not the key.
                    let starts_word = lower[..pos]
                        .chars()
                        .last()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if starts_word && !after.is_empty() {
                        return true;
                    }
                }
            }
        }
        let parts: Vec<&str> = w.split('.').collect();
        if w.starts_with("eyJ") && parts.len() == 3 && parts.iter().all(|p| p.len() >= 4) {
            return true;
        }
        let charset = w
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+/=_-".contains(c));
        if charset
            && w.len() >= 20
            && w.chars().any(|c| c.is_ascii_lowercase())
            && w.chars().any(|c| c.is_ascii_uppercase())
            && w.chars().any(|c| c.is_ascii_digit())
            && entropy(w) > 3.5
            && longest_lowercase_run(w) <= 5
        {
            return true;
        }
    }
    false
}

/// Checks an item before it is stored: a title, an owner from the team, and no
/// text that looks like a secret (in any item: a note is as easily pasted into).
pub fn check_item(item: &ChecklistItem, team: &[TeamMember]) -> Result<(), Refusal> {
    if item.title.trim().is_empty() {
        return Err(Refusal::new(
            "item_title",
            "Назовите пункт списка.",
            "Give the checklist item a title.",
        ));
    }
    if let Some(o) = item.owner {
        if !team.iter().any(|m| m.id == o) {
            return Err(Refusal::new(
                "owner_unknown",
                "Ответственный должен быть из команды проекта (вкладка 1.6).",
                "The owner must be a member of the project's team (tab 1.6).",
            ));
        }
    }
    let fields = [
        (
            "место хранения секрета",
            "secret's location",
            &item.secret_location,
        ),
        ("примечание", "note", &item.note),
    ];
    for (ru, en, value) in fields {
        if looks_like_secret(value) {
            return Err(secret_refusal(ru, en));
        }
    }
    if item.links.iter().any(|l| looks_like_secret(l)) {
        return Err(secret_refusal("ссылки", "links"));
    }
    if item.credential && item.status == ItemStatus::Done && item.secret_location.trim().is_empty()
    {
        return Err(Refusal::new(
            "secret_location_missing",
            "Укажите, где хранится секрет (запись в хранилище паролей, путь к файлу) — сам секрет не вводите.",
            "Say where the secret lives (a password vault entry, a file path) — not the secret itself.",
        ));
    }
    Ok(())
}

fn secret_refusal(ru: &str, en: &str) -> Refusal {
    Refusal::new(
        "looks_like_secret",
        format!(
            "Поле «{ru}» похоже на сам пароль или ключ. Etap не хранит секреты: укажите только, где он лежит (запись в хранилище паролей, путь к файлу)."
        ),
        format!(
            "The {en} looks like a password or key itself. Etap keeps no secrets: say only where it lives (a password vault entry, a file path)."
        ),
    )
}

/// The guard of 2.2 → 2.3: every item done or not needed; names the rest.
pub fn environment_refusal(items: &[ChecklistItem]) -> Option<Refusal> {
    let open: Vec<Text> = items
        .iter()
        .filter(|i| !i.status.settled())
        .map(|i| same(&i.title))
        .collect();
    if open.is_empty() {
        return None;
    }
    let l = list(&open);
    Some(Refusal::new(
        "environment_incomplete",
        format!(
            "Среда не готова — не выполнены пункты: {}. Отметьте каждый как выполненный или ненужный.",
            l.ru
        ),
        format!(
            "The environment is not ready — items to do: {}. Mark each done or not needed.",
            l.en
        ),
    ))
}
