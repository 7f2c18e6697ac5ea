//! How the window looks: the colour theme a user chose and its default. The choice is
//! stored as a setting ([`crate::settings::THEME`]); the window draws it, resolving `System`
//! against the desktop's light or dark preference. Documents are not themed: their
//! previews stay on white paper.

use serde::{Deserialize, Serialize};

/// The window's colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow the desktop (light or dark): what a new user gets.
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    pub fn code(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_user_follows_the_desktop_and_a_stored_choice_is_read_back() {
        assert_eq!(Theme::default(), Theme::System);
        assert_eq!(Theme::from_code("sepia"), None);
        for t in Theme::ALL {
            assert_eq!(Theme::from_code(t.code()), Some(t));
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.code())
            );
        }
    }
}
