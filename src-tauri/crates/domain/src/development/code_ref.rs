//! Code references: what an accepted stage is frozen at (a commit hash or a git tag)
//! and the branch or commit a work log entry points at, by git's own ref-name rules.

use serde::{Deserialize, Serialize};

use crate::lifecycle::Refusal;
use crate::text::Text;

/// What an accepted stage's code is frozen at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum CodeRef {
    /// A commit hash, 7–40 hexadecimal digits, kept in lower case.
    Commit(String),
    /// A tag name valid for git (`git check-ref-format`).
    Tag(String),
}

impl CodeRef {
    pub fn as_str(&self) -> &str {
        match self {
            CodeRef::Commit(s) | CodeRef::Tag(s) => s,
        }
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_hexdigit())
}

/// Why `name` is not a name git accepts for a tag or a branch, or `None`. The rules
/// are git's `check-ref-format` (gitoxide's implementation); a leading `-` is refused
/// too, as `git tag`/`git checkout` would read it as an option.
fn ref_name_problem(name: &str) -> Option<Text> {
    if name.starts_with('-') {
        return Some(Text::new(
            "имя не может начинаться с «-»",
            "the name cannot start with “-”",
        ));
    }
    use gix_validate::reference::name::Error as E;
    let err = gix_validate::reference::name_partial(name.into()).err()?;
    Some(match err {
        E::InvalidByte { .. } => Text::new(
            "в имени не может быть пробелов и символов ~ ^ : ? [ \\ и управляющих",
            "the name cannot hold spaces, control characters or any of ~ ^ : ? [ \\",
        ),
        E::Asterisk => Text::new("в имени не может быть «*»", "the name cannot hold “*”"),
        E::RepeatedDot => Text::new("в имени не может быть «..»", "the name cannot hold “..”"),
        E::ReflogPortion => Text::new("в имени не может быть «@{»", "the name cannot hold “@{”"),
        E::LockFileSuffix => Text::new(
            "имя не может оканчиваться на «.lock»",
            "the name cannot end with “.lock”",
        ),
        E::StartsWithDot | E::EndsWithDot => Text::new(
            "имя и его части не могут начинаться или оканчиваться точкой",
            "the name and its parts cannot start or end with a dot",
        ),
        E::StartsWithSlash | E::EndsWithSlash | E::RepeatedSlash => Text::new(
            "«/» не может стоять в начале, в конце или дважды подряд",
            "“/” cannot come first, last or twice in a row",
        ),
        _ => Text::new("git не примет такое имя", "git does not accept this name"),
    })
}

/// Reads the code reference an accepted stage is frozen at: 7–40 hexadecimal digits
/// are a commit hash, anything else must be a tag name git accepts.
pub fn parse_code_ref(value: &str) -> Result<CodeRef, Refusal> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Refusal::new(
            "code_ref_missing",
            "Укажите, на чём заморожен код: тег или хеш коммита (7–40 шестнадцатеричных цифр).",
            "Say what the code is frozen at: a tag or a commit hash (7–40 hexadecimal digits).",
        ));
    }
    if is_hex(v) && (7..=40).contains(&v.len()) {
        return Ok(CodeRef::Commit(v.to_ascii_lowercase()));
    }
    // All hex and longer than a hash: a pasted hash with a digit too many, not a tag.
    if is_hex(v) && v.len() > 40 {
        return Err(Refusal::new(
            "code_ref_invalid",
            format!(
                "«{v}» длиннее хеша коммита: в нём {} цифр, а бывает от 7 до 40.",
                v.len()
            ),
            format!(
                "“{v}” is longer than a commit hash: it has {} digits, a hash has 7 to 40.",
                v.len()
            ),
        ));
    }
    match ref_name_problem(v) {
        None => Ok(CodeRef::Tag(v.to_string())),
        Some(why) => Err(Refusal::new(
            "code_ref_invalid",
            format!(
                "«{v}» — не хеш коммита (7–40 шестнадцатеричных цифр) и не тег: {}.",
                why.ru
            ),
            format!(
                "“{v}” is neither a commit hash (7–40 hexadecimal digits) nor a tag: {}.",
                why.en
            ),
        )),
    }
}

/// A branch or commit a work log entry points at (optional): a hash or a ref name.
pub fn check_branch_or_commit(value: &str) -> Result<(), Refusal> {
    let v = value.trim();
    if v.is_empty() || (is_hex(v) && (7..=40).contains(&v.len())) {
        return Ok(());
    }
    match ref_name_problem(v) {
        None => Ok(()),
        Some(why) => Err(Refusal::new(
            "ref_invalid",
            format!("«{v}» — не ветка и не коммит git: {}.", why.ru),
            format!("“{v}” is not a git branch or commit: {}.", why.en),
        )),
    }
}
