//! What the desktop does for Etap: an issued PDF opened in the system viewer or shown
//! in its folder (only a file the register still vouches for), and the app menu with
//! the main actions and their shortcuts. A menu item does nothing itself: it emits
//! `menu` with its id, and the window does what the same key or palette entry does.

use etap_domain::{Lang, Text};
use tauri::menu::{
    Menu, MenuBuilder, MenuEvent, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder,
};
use tauri::{AppHandle, Emitter, Runtime};

use crate::app::{AppError, AppState};

/// The event a menu item emits; its payload is the item's id.
pub const MENU_EVENT: &str = "menu";

/// One item of the app menu: its id (what the window receives), its label in both
/// languages and its shortcut, if any.
pub struct Item {
    pub id: &'static str,
    pub label: (&'static str, &'static str),
    pub accelerator: Option<&'static str>,
}

const fn item(
    id: &'static str,
    ru: &'static str,
    en: &'static str,
    accelerator: Option<&'static str>,
) -> Item {
    Item {
        id,
        label: (ru, en),
        accelerator,
    }
}

/// The app menu: submenu titles and their items (a quit item ends the first).
pub const MENU: &[((&str, &str), &[Item])] = &[
    (
        ("Файл", "File"),
        &[
            item("home", "Все проекты", "All projects", Some("Alt+Home")),
            item("provider", "Мой профиль", "My profile", None),
        ],
    ),
    (
        ("Вид", "View"),
        &[
            item("palette", "Команды…", "Commands…", Some("CmdOrCtrl+K")),
            item(
                "search",
                "Поиск по ТЗ",
                "Search the specifications",
                Some("CmdOrCtrl+F"),
            ),
            item("theme-light", "Светлая тема", "Light theme", None),
            item("theme-dark", "Тёмная тема", "Dark theme", None),
            item(
                "theme-system",
                "Тема как в системе",
                "Theme as the system",
                None,
            ),
            item(
                "language",
                "Interface in English",
                "Интерфейс на русском",
                None,
            ),
        ],
    ),
    (
        ("Справка", "Help"),
        &[item(
            "shortcuts",
            "Горячие клавиши",
            "Keyboard shortcuts",
            Some("F1"),
        )],
    ),
];

/// Builds the app menu in the interface language.
pub fn menu<R: Runtime>(app: &AppHandle<R>, lang: Lang) -> tauri::Result<Menu<R>> {
    let pick = |(ru, en): (&'static str, &'static str)| if lang == Lang::Ru { ru } else { en };
    let mut bar = MenuBuilder::new(app);
    for (i, (title, items)) in MENU.iter().enumerate() {
        let mut sub = SubmenuBuilder::new(app, pick(*title));
        for it in *items {
            let mut b = MenuItemBuilder::with_id(it.id, pick(it.label));
            if let Some(a) = it.accelerator {
                b = b.accelerator(a);
            }
            sub = sub.item(&b.build(app)?);
        }
        if i == 0 {
            sub = sub.separator().item(&PredefinedMenuItem::quit(
                app,
                Some(pick(("Выход", "Quit"))),
            )?);
        }
        bar = bar.item(&sub.build()?);
    }
    bar.build()
}

/// Hands a menu click to the window.
pub fn on_menu_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    if let Err(e) = app.emit(MENU_EVENT, event.id().as_ref()) {
        tracing::warn!(error = %e, "a menu item could not reach the window");
    }
}

/// Relabels the menu after the interface language changed.
pub fn relabel<R: Runtime>(app: &AppHandle<R>, lang: Lang) {
    if let Err(e) = menu(app, lang).and_then(|m| app.set_menu(m).map(|_| ())) {
        tracing::warn!(error = %e, "the menu could not be relabelled");
    }
}

/// Opens an issued document in the system's PDF viewer.
pub async fn open_document(state: &AppState, id: i64) -> Result<(), AppError> {
    let doc = state
        .export(|s, _, _| crate::export::intact_document(s, id))
        .await?;
    tauri_plugin_opener::open_path(&doc.path, None::<&str>).map_err(|e| {
        desktop_error(
            state.lang(),
            Text::new(
                format!("Не удалось открыть {}: {e}.", doc.number),
                format!("Could not open {}: {e}.", doc.number),
            ),
        )
    })
}

/// Shows an issued document selected in its folder, in the file manager.
pub async fn reveal_document(state: &AppState, id: i64) -> Result<(), AppError> {
    let doc = state
        .export(|s, _, _| crate::export::intact_document(s, id))
        .await?;
    tauri_plugin_opener::reveal_item_in_dir(&doc.path).map_err(|e| {
        desktop_error(
            state.lang(),
            Text::new(
                format!("Не удалось показать {} в папке: {e}.", doc.number),
                format!("Could not show {} in its folder: {e}.", doc.number),
            ),
        )
    })
}

fn desktop_error(lang: Lang, message: Text) -> AppError {
    tracing::warn!(message = %message.en, "the desktop refused");
    AppError {
        code: "io".to_string(),
        message: message.get(lang).to_string(),
    }
}

/// The scheme the window's fonts come from: `font://localhost/PTSans-Regular.ttf`.
pub const FONT_SCHEME: &str = "font";

/// The answer to the window asking for a font at `path` (`/PTSans-Regular.ttf`): the
/// documents' own face of that file name ([`etap_documents::fonts::Face::by_file_name`]),
/// so the binary keeps one copy of each face and the pages view is set in exactly the
/// letters the PDF embeds; any other path is 404. Fonts are fetched with CORS, and in
/// development the page comes from the dev server's origin: any origin may read them.
pub fn font_response(path: &str) -> tauri::http::Response<Vec<u8>> {
    use tauri::http::{header, Response, StatusCode};
    let face = etap_documents::fonts::Face::by_file_name(path.trim_start_matches('/'));
    let response = Response::builder().header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    let built = match face {
        Some(face) => response
            .header(header::CONTENT_TYPE, "font/ttf")
            .body(face.bytes().to_vec()),
        None => response
            .status(StatusCode::NOT_FOUND)
            .header(header::CONTENT_TYPE, "text/plain")
            .body(b"no such font".to_vec()),
    };
    // The builder fails only on an invalid header, and every header above is valid.
    built.unwrap_or_default()
}
