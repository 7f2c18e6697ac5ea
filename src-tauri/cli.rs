//! The `etap` command line: the same library as the window, from a terminal.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use etap_domain::Lang;
use etap_storage::{StorageError, Store, Subject, DB_FILE};

use crate::export::ExportError;

#[derive(Debug, Parser)]
#[command(
    name = "etap",
    version,
    about = "Etap: a client software project from request to support handover.\nWithout a command, opens the window."
)]
pub struct Args {
    /// Folder of the database (default: ETAP_DATA_DIR, else the platform's app-data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lists the projects with the lifecycle step each one is at.
    Status {
        /// Language of the step names (default: the app's setting or the system locale).
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
    },
    /// Creates a demo project that has already been refused once at 1.4.
    Demo,
    /// Writes sample documents (ТЗ in Russian and English, a stage's акт and счёт with
    /// its payment QR code, the final акт, КП) into a folder.
    SampleDocs {
        /// The folder to write them into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Exports a project's specification (ТЗ) version as a PDF, optionally with the
    /// list of changes since an earlier version.
    ExportSpec {
        /// The project's number, as `etap status` lists it (#12 → 12).
        project: i64,
        /// The version's number as the window shows it (v2 → 2); default: the last
        /// approved version, else the last one.
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        /// The number of the earlier version to list the changes since.
        #[arg(long, value_name = "N")]
        since: Option<u32>,
        /// Sections with nothing in them: printed with «Не предъявляются.» /
        /// "Not specified." under the heading, or left out.
        #[arg(long, value_name = "HOW", value_parser = ["not-specified", "omit"], default_value = "not-specified")]
        empty_sections: String,
        /// The folder to write into (default: documents/ in the data folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Exports the commercial proposal of a project's current offer as a PDF.
    ExportProposal {
        /// The project's number, as `etap status` lists it (#12 → 12).
        project: i64,
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
        /// The folder to write into (default: documents/ in the data folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Exports the акт of an accepted stage (`--stage N`) or the project's final акт
    /// (`--final`, at 3.3) as a PDF and records it in the register.
    ExportAct {
        /// The project's number, as `etap status` lists it (#12 → 12).
        project: i64,
        /// The accepted stage to certify.
        #[arg(
            long,
            value_name = "N",
            required_unless_present = "final_act",
            conflicts_with = "final_act"
        )]
        stage: Option<u32>,
        /// The final акт of the whole project instead of one stage's.
        #[arg(long = "final")]
        final_act: bool,
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
        /// The folder to write into (default: documents/ in the data folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Exports the счёт of an accepted stage as a PDF and records it in the register.
    ExportInvoice {
        /// The project's number, as `etap status` lists it (#12 → 12).
        project: i64,
        /// The accepted stage to invoice.
        #[arg(long, value_name = "N")]
        stage: u32,
        #[arg(long, value_parser = ["ru", "en"])]
        lang: Option<String>,
        /// The folder to write into (default: documents/ in the data folder).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Exports a project (or, with --all, every project, client and the provider
    /// profile) as one archive: records, issued PDFs and a manifest of their SHA-256
    /// (docs/ARCHIVE.md).
    ExportArchive {
        /// The project's number, as `etap status` lists it (#12 → 12).
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        project: Option<i64>,
        /// Every project, client and the provider profile.
        #[arg(long)]
        all: bool,
        /// The archive file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// The crash harness's writer (tests/core/crash.rs): committed writes of every kind,
    /// one line each after its commit, until killed.
    #[command(hide = true)]
    CrashWriter {
        #[arg(long)]
        seed: u64,
        /// Stop after this many projects (default: until killed).
        #[arg(long)]
        count: Option<u64>,
    },
    /// Imports an archive made by export-archive: checked whole first; a bad archive is
    /// refused naming what is wrong, and nothing is written.
    ImportArchive {
        /// The archive file.
        file: PathBuf,
    },
    /// Writes a copy of the database into the backup folder (the oldest copies beyond
    /// the number kept are deleted).
    Backup,
    /// Lists the copies in the backup folder, newest first: date, kind, size, file.
    Backups,
    /// Shows or chooses the folder the copies go to; `""` goes back to backups/ beside
    /// the database. The copies already made are moved there.
    BackupFolder {
        /// The folder (a full path); without it the current one is shown.
        folder: Option<String>,
    },
    /// Replaces the database with a copy: a file name from `etap backups` or a path.
    /// The current database is saved as a copy first; a damaged, foreign or newer
    /// file is refused and nothing changes. The documents folder is left as it is.
    Restore {
        /// The copy's file name in the backup folder, or the path of a copy elsewhere.
        file: PathBuf,
    },
    /// Shows or names the project's local git repository folder, whose tags and recent
    /// commits the acceptance (2.6) offers and where its code reference must exist;
    /// `""` clears it. Prints the folder and the tags and newest commits it offers.
    Repository {
        /// The project's number, as `etap status` lists it (#12 → 12).
        project: i64,
        /// The repository folder (a full path); without it the current one is shown.
        folder: Option<String>,
    },
    /// Fills the database with generated projects over ten years (Russian and English,
    /// every lifecycle loop, ТЗ versions, bugs, issued documents) through the same
    /// library as the window: for measuring the app at a studio's scale.
    GenData {
        /// How many projects to make.
        #[arg(long, value_name = "N")]
        projects: u64,
        /// The same seed makes the same records.
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
    },
}

/// Runs a subcommand; returns the exit code. `named` says the data folder was given
/// (`--data-dir` or `ETAP_DATA_DIR`) rather than the platform's default.
pub fn run(cmd: Command, data_dir: &Path, named: bool) -> i32 {
    if let Command::SampleDocs { out } = &cmd {
        // Needs no database: the samples are built from constants.
        return report(
            etap_documents::samples::write_samples(out).map(|paths| {
                paths
                    .iter()
                    .map(|p| format!("{}\n", p.display()))
                    .collect::<String>()
            }),
            |e| e.to_string(),
        );
    }
    let fallback = crate::app::language_fallback();
    let new = !data_dir.join(DB_FILE).exists();
    if new && named {
        if let Some(missing) = missing_parent(data_dir) {
            eprintln!("etap: {}", no_such_folder(&missing, fallback));
            return 1;
        }
    }
    let mut store = match Store::open_dir(data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("etap: {}", storage_words(&e, fallback));
            return 1;
        }
    };
    let lang = crate::app::language(&store);
    if new {
        let path = terminal_safe(&data_dir.join(DB_FILE).display().to_string());
        // On stderr: stdout stays the command's answer, for scripts.
        eprintln!(
            "etap: {}",
            match lang {
                Lang::Ru => format!("Создана новая база данных: {path}"),
                Lang::En => format!("Created a new database: {path}"),
            }
        );
    }
    // A data folder moved or copied since its documents were issued: the register follows
    // its own files.
    let documents = crate::export::documents_dir(data_dir);
    match crate::export::follow_moved_documents(&mut store, &documents) {
        Ok(0) => {}
        Ok(n) => eprintln!(
            "etap: {}",
            terminal_safe(&match lang {
                Lang::Ru => format!(
                    "Папка данных перенесена или скопирована: реестр теперь указывает на документы в {} ({n}).",
                    documents.display()
                ),
                Lang::En => format!(
                    "The data folder was moved or copied: the register now points to the documents in {} ({n}).",
                    documents.display()
                ),
            })
        ),
        Err(e) => eprintln!("etap: {}", export_words(&e, lang)),
    }
    // The check at start: a document written but never registered (a crash between the
    // two) or a register entry whose file is gone or changed is said, never silent.
    match crate::export::check_register(&store, &documents) {
        Ok(findings) => {
            for f in findings {
                eprintln!("etap: {}", terminal_safe(f.message.get(lang)));
            }
        }
        Err(e) => eprintln!("etap: {}", export_words(&e, lang)),
    }
    let chosen = |l: &Option<String>| l.as_deref().and_then(Lang::from_code).unwrap_or(lang);
    match cmd {
        Command::Status { lang: l } => {
            let lang = chosen(&l);
            report(store.projects().map(|ps| status_table(&ps, lang)), |e| {
                storage_words(e, lang)
            })
        }
        Command::ExportProposal {
            project,
            lang: l,
            out,
        } => {
            let lang = chosen(&l);
            let dir = out.unwrap_or_else(|| crate::export::documents_dir(data_dir));
            report(
                crate::export::export_proposal(&mut store, project, lang, &dir)
                    .map(|d| format!("{}\t{}\t{}\n", d.number, d.sha256, d.path)),
                |e| export_words(e, lang),
            )
        }
        Command::ExportSpec {
            project,
            version,
            since,
            empty_sections,
            out,
        } => {
            let dir = out.unwrap_or_else(|| crate::export::documents_dir(data_dir));
            let ids = spec_version_id(&store, project, version, lang).and_then(|v| {
                let since = since
                    .map(|n| spec_version_id(&store, project, Some(n), lang))
                    .transpose()?;
                Ok((v, since))
            });
            let (version, since) = match ids {
                Ok(ids) => ids,
                Err(words) => {
                    eprintln!("etap: {words}");
                    return 1;
                }
            };
            let empty = match empty_sections.as_str() {
                "omit" => etap_domain::spec::EmptySections::Omit,
                _ => etap_domain::spec::EmptySections::NotSpecified,
            };
            report(
                crate::export::export_spec(&mut store, version, since, empty, &dir)
                    .map(|d| format!("{}\t{}\t{}\n", d.number, d.sha256, d.path)),
                |e| export_words(e, lang),
            )
        }
        Command::ExportAct {
            project,
            stage,
            final_act: _,
            lang: l,
            out,
        } => {
            let lang = chosen(&l);
            let dir = out.unwrap_or_else(|| crate::export::documents_dir(data_dir));
            let issued = match stage {
                Some(n) => crate::export::export_act(&mut store, project, n, lang, &dir),
                None => crate::export::export_final_act(&mut store, project, lang, &dir),
            };
            report(
                issued.map(|d| format!("{}\t{}\t{}\n", d.number, d.sha256, d.path)),
                |e| export_words(e, lang),
            )
        }
        Command::ExportInvoice {
            project,
            stage,
            lang: l,
            out,
        } => {
            let lang = chosen(&l);
            let dir = out.unwrap_or_else(|| crate::export::documents_dir(data_dir));
            report(
                crate::export::export_invoice(&mut store, project, stage, lang, &dir)
                    .map(|d| format!("{}\t{}\t{}\n", d.number, d.sha256, d.path)),
                |e| export_words(e, lang),
            )
        }
        Command::Demo => {
            let line = |p: &etap_domain::entity::ProjectSummary| {
                let created = match lang {
                    Lang::Ru => "Создан демо-проект",
                    Lang::En => "Created demo project",
                };
                let step = p.state.step.label();
                let title = terminal_safe(&p.title);
                format!("{created} #{}: {title} — {}\n", p.id, step.get(lang))
            };
            // The project in preparation, then the delivered one with its documents.
            let made = store
                .create_demo()
                .map_err(ExportError::from)
                .and_then(|first| {
                    let dir = crate::export::documents_dir(data_dir);
                    let delivered = crate::export::demo::create_delivered(&mut store, &dir)?;
                    Ok(format!("{}{}", line(&first), line(&delivered)))
                });
            report(made, |e| export_words(e, lang))
        }
        Command::ExportArchive { project, all, out } => {
            let sel = match (all, project) {
                (false, Some(p)) => etap_storage::Selection::Projects(vec![p]),
                _ => etap_storage::Selection::All,
            };
            report(
                crate::export::archive::export_archive(&mut store, &sel, &out).map(|x| {
                    let path = terminal_safe(&out.display().to_string());
                    match lang {
                        Lang::Ru => format!(
                            "Архив записан: {path} (проектов: {}, документов: {}, байт: {})\n",
                            x.projects, x.documents, x.bytes
                        ),
                        Lang::En => format!(
                            "Archive written: {path} ({} projects, {} documents, {} bytes)\n",
                            x.projects, x.documents, x.bytes
                        ),
                    }
                }),
                |e| export_words(e, lang),
            )
        }
        Command::ImportArchive { file } => {
            let dir = crate::export::documents_dir(data_dir);
            report(
                crate::export::archive::import_archive(&mut store, &file, &dir)
                    .map(|x| imported_words(&x, lang)),
                |e| export_words(e, lang),
            )
        }
        Command::GenData { projects, seed } => {
            let started = std::time::Instant::now();
            let made = crate::export::gen::generate(&mut store, &documents, projects, seed, |n| {
                if n % 100 == 0 {
                    eprintln!(
                        "etap: {n}/{projects} ({:.0} s)",
                        started.elapsed().as_secs_f64()
                    );
                }
            });
            report(
                made.map(|g| {
                    let s = started.elapsed().as_secs_f64();
                    match lang {
                        Lang::Ru => format!(
                            "Создано за {s:.1} с: проектов {}, переходов {}, требований {}, ошибок {}, документов {}\n",
                            g.projects, g.transitions, g.requirements, g.bugs, g.documents
                        ),
                        Lang::En => format!(
                            "Made in {s:.1} s: {} projects, {} transitions, {} requirements, {} bugs, {} documents\n",
                            g.projects, g.transitions, g.requirements, g.bugs, g.documents
                        ),
                    }
                }),
                |e| export_words(e, lang),
            )
        }
        Command::CrashWriter { seed, count } => report(
            crate::crash_writer::run(&mut store, &documents, seed, count).map(|()| String::new()),
            |e| export_words(e, lang),
        ),
        Command::Backup => report(
            store
                .create_backup(etap_domain::backup::BackupKind::Manual)
                .map(|c| backup_line(&c, lang)),
            |e| storage_words(e, lang),
        ),
        Command::Backups => report(store.backups().map(|b| backups_table(&b, lang)), |e| {
            storage_words(e, lang)
        }),
        Command::BackupFolder { folder } => report(
            match folder {
                Some(f) => store
                    .set_backup_folder(&f)
                    .map(|c| format!("{}\n", terminal_safe(c.message.get(lang)))),
                None => store
                    .backups()
                    .map(|b| format!("{}\n", terminal_safe(&b.folder))),
            },
            |e| storage_words(e, lang),
        ),
        Command::Restore { file } => report(
            store.restore_backup(&file).map(|r| {
                let (restored, saved) = match lang {
                    Lang::Ru => ("Восстановлено из", "Прежняя база сохранена в"),
                    Lang::En => ("Restored from", "The previous database was saved as"),
                };
                format!(
                    "{restored} {}\n{saved} {}\n{}\n",
                    terminal_safe(&r.from),
                    r.before.file,
                    r.note.get(lang)
                )
            }),
            |e| storage_words(e, lang),
        ),
        Command::Repository { project, folder } => {
            let set = match folder {
                Some(f) => store.set_repository(project, &f).map(|_| ()),
                None => Ok(()),
            };
            report(
                set.and_then(|()| store.repository_refs(project))
                    .map(|r| repository_listing(&r, lang)),
                |e| storage_words(e, lang),
            )
        }
        Command::SampleDocs { .. } => 0,
    }
}

/// What an import brought in, one project a line.
fn imported_words(x: &etap_domain::archive::Imported, lang: Lang) -> String {
    let mut out = String::new();
    for p in &x.projects {
        let title = terminal_safe(&p.title);
        out.push_str(&match lang {
            Lang::Ru => format!("Импортирован проект #{}: {title}\n", p.id),
            Lang::En => format!("Imported project #{}: {title}\n", p.id),
        });
    }
    for c in &x.clients_matched {
        let name = terminal_safe(c);
        out.push_str(&match lang {
            Lang::Ru => format!("Клиент «{name}» уже был в базе (тот же ИНН): проекты добавлены к нему, его карточка не изменена\n"),
            Lang::En => format!("Client “{name}” was already here (same INN): the projects were added to it, its card unchanged\n"),
        });
    }
    for t in &x.demo_left_out {
        let title = terminal_safe(t);
        out.push_str(&match lang {
            Lang::Ru => format!(
                "Демо-проект «{title}» не импортирован: в этой базе есть свой демо-проект\n"
            ),
            Lang::En => {
                format!("Demo project “{title}” left out: this database has its own demo\n")
            }
        });
    }
    out.push_str(&match lang {
        Lang::Ru => format!("Документов в реестре: {}\n", x.documents),
        Lang::En => format!("Documents added to the register: {}\n", x.documents),
    });
    out
}

/// One copy as a line: date, kind, size, file.
fn backup_line(c: &etap_domain::backup::BackupCopy, lang: Lang) -> String {
    let when = chrono::DateTime::parse_from_rfc3339(&c.taken_at)
        .map(|t| {
            t.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_else(|_| c.taken_at.clone());
    let kb = c.size.div_ceil(1024);
    let size = match lang {
        Lang::Ru => format!("{kb} КБ"),
        Lang::En => format!("{kb} KB"),
    };
    format!("{when}\t{}\t{size}\t{}\n", c.kind.label().get(lang), c.file)
}

fn backups_table(b: &etap_domain::backup::Backups, lang: Lang) -> String {
    if b.copies.is_empty() {
        return match lang {
            Lang::Ru => "Копий пока нет.\n".into(),
            Lang::En => "No backups yet.\n".into(),
        };
    }
    b.copies.iter().map(|c| backup_line(c, lang)).collect()
}

/// The repository folder, then its tags and newest commits, one per line
/// (`tag|commit<TAB>name<TAB>date<TAB>message`), for a person or a script.
fn repository_listing(r: &etap_domain::development::RepoRefs, lang: Lang) -> String {
    if r.folder.is_empty() {
        return match lang {
            Lang::Ru => "Репозиторий не указан: ссылка на код проверяется только по форме.\n",
            Lang::En => "No repository named: the code reference is checked by its form only.\n",
        }
        .to_string();
    }
    let mut out = format!("{}\n", terminal_safe(&r.folder));
    if let Some(p) = &r.problem {
        out.push_str(&format!("{}\n", p.get(lang)));
    }
    for (kind, list) in [("tag", &r.tags), ("commit", &r.commits)] {
        for x in list {
            out.push_str(&format!(
                "{kind}\t{}\t{}\t{}\n",
                terminal_safe(&x.name),
                x.date,
                terminal_safe(&x.summary)
            ));
        }
    }
    out
}

/// Prints the output or the error in words; the exit code.
fn report<E>(out: Result<String, E>, words: impl Fn(&E) -> String) -> i32 {
    match out {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(e) => {
            eprintln!("etap: {}", words(&e));
            1
        }
    }
}

fn status_table(projects: &[etap_domain::ProjectSummary], lang: Lang) -> String {
    if projects.is_empty() {
        return match lang {
            Lang::Ru => "Проектов пока нет.\n".into(),
            Lang::En => "No projects yet.\n".into(),
        };
    }
    let mut out = String::new();
    for p in projects {
        let step = p.state.step.label();
        let round = if p.state.round > 1 {
            match lang {
                Lang::Ru => format!(", раунд {}", p.state.round),
                Lang::En => format!(", round {}", p.state.round),
            }
        } else {
            String::new()
        };
        let stage = if p.state.step.is_stage_step() {
            match lang {
                Lang::Ru => format!(", этап {} из {}", p.state.stage, p.state.stages_total),
                Lang::En => format!(", stage {} of {}", p.state.stage, p.state.stages_total),
            }
        } else {
            String::new()
        };
        out.push_str(&format!(
            "#{}\t{}\t{}\t{}{}{}\n",
            p.id,
            terminal_safe(&p.client_name),
            terminal_safe(&p.title),
            step.get(lang),
            round,
            stage
        ));
    }
    out
}

/// A name as a terminal may print it: control characters (ESC, BEL, a tab or line
/// break that would break the columns) and the bidi controls that reorder a line are
/// shown as escapes (`\u{1b}`, `\t`), so a name cannot drive the terminal; every
/// other character (Cyrillic, «ёлочки», emoji) prints as it is.
pub fn terminal_safe(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || is_bidi_control(c) => {
                out.push_str(&format!("\\u{{{:x}}}", u32::from(c)))
            }
            c => out.push(c),
        }
    }
    out
}

/// The Unicode bidirectional formatting characters (they reorder what follows).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The nearest missing folder above `data_dir` when even its parent does not exist:
/// a mistyped `--data-dir` must not quietly start an empty database somewhere new.
fn missing_parent(data_dir: &Path) -> Option<PathBuf> {
    let parent = data_dir.parent()?;
    if parent.as_os_str().is_empty() || parent.is_dir() {
        return None;
    }
    let mut missing = parent.to_path_buf();
    while let Some(up) = missing.parent() {
        if up.as_os_str().is_empty() || up.exists() {
            break;
        }
        missing = up.to_path_buf();
    }
    Some(missing)
}

fn no_such_folder(missing: &Path, lang: Lang) -> String {
    let missing = terminal_safe(&missing.display().to_string());
    match lang {
        Lang::Ru => format!(
            "Папки {missing} нет, база данных не создана. Проверьте путь в --data-dir: \
             это папка базы или новая папка внутри существующей."
        ),
        Lang::En => format!(
            "The folder {missing} does not exist; no database was created. Check the path \
             given to --data-dir: it is the database's folder, or a new folder inside an \
             existing one."
        ),
    }
}

/// The id of the project's specification version numbered `number` as the window
/// shows it (v2 → 2); without a number, the last approved version, else the last.
fn spec_version_id(
    store: &Store,
    project: i64,
    number: Option<u32>,
    lang: Lang,
) -> Result<i64, String> {
    store
        .project(project)
        .map_err(|e| storage_words(&e, lang))?;
    let versions = store
        .spec_versions(project)
        .map_err(|e| storage_words(&e, lang))?;
    let found = match number {
        Some(n) => versions.iter().find(|v| v.number == n),
        None => versions
            .iter()
            .rev()
            .find(|v| v.status == etap_domain::spec::SpecStatus::Approved)
            .or(versions.last()),
    };
    if let Some(v) = found {
        return Ok(v.id);
    }
    let have: Vec<String> = versions.iter().map(|v| v.number.to_string()).collect();
    Err(match (lang, have.is_empty()) {
        (Lang::Ru, true) => format!("У проекта #{project} ещё нет ТЗ."),
        (Lang::En, true) => format!("Project #{project} has no specification yet."),
        (Lang::Ru, false) => format!(
            "У ТЗ проекта #{project} нет версии {}; есть: {}.",
            number.unwrap_or_default(),
            have.join(", ")
        ),
        (Lang::En, false) => format!(
            "The specification of project #{project} has no version {}; it has: {}.",
            number.unwrap_or_default(),
            have.join(", ")
        ),
    })
}

/// A storage error in a terminal's words: what was not found is named with the number
/// typed and where to look it up (the window's «refresh the list» means nothing here).
fn storage_words(e: &StorageError, lang: Lang) -> String {
    match e {
        StorageError::NotFound { what, id } => {
            let name = what.not_found();
            let hint = match (what, lang) {
                (Subject::Project, Lang::Ru) => " Номера проектов выводит «etap status».",
                (Subject::Project, Lang::En) => " `etap status` lists the project numbers.",
                _ => "",
            };
            format!("{} (#{id}).{hint}", name.get(lang))
        }
        e => e.message().get(lang).to_string(),
    }
}

fn export_words(e: &ExportError, lang: Lang) -> String {
    match e {
        ExportError::Storage(e) => storage_words(e, lang),
        e => e.message().get(lang).to_string(),
    }
}
