//! The `etap` command line: the same library as the window, from a terminal.

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use etap_domain::Lang;
use etap_storage::Store;

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
    /// Writes sample documents (ТЗ in Russian and English, акт, КП) into a folder.
    SampleDocs {
        /// The folder to write them into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Exports a specification (ТЗ) version as a PDF, optionally with the list of
    /// changes since an earlier version.
    ExportSpec {
        /// The version's id.
        version: i64,
        /// The id of the earlier version to list the changes since.
        #[arg(long, value_name = "VERSION")]
        since: Option<i64>,
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
}

/// Runs a subcommand; returns the exit code.
pub fn run(cmd: Command, data_dir: &Path) -> i32 {
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
    let mut store = match Store::open_dir(data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("etap: {}", e.message().get(crate::app::language_fallback()));
            return 1;
        }
    };
    let lang = crate::app::language(&store);
    let chosen = |l: &Option<String>| l.as_deref().and_then(Lang::from_code).unwrap_or(lang);
    match cmd {
        Command::Status { lang: l } => {
            let lang = chosen(&l);
            report(store.projects().map(|ps| status_table(&ps, lang)), |e| {
                e.message().get(lang).to_string()
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
                |e| e.message().get(lang).to_string(),
            )
        }
        Command::ExportSpec {
            version,
            since,
            empty_sections,
            out,
        } => {
            let dir = out.unwrap_or_else(|| crate::export::documents_dir(data_dir));
            let empty = match empty_sections.as_str() {
                "omit" => etap_domain::spec::EmptySections::Omit,
                _ => etap_domain::spec::EmptySections::NotSpecified,
            };
            report(
                crate::export::export_spec(&mut store, version, since, empty, &dir)
                    .map(|d| format!("{}\t{}\t{}\n", d.number, d.sha256, d.path)),
                |e| e.message().get(lang).to_string(),
            )
        }
        Command::Demo => report(
            store.create_demo().map(|p| {
                let created = match lang {
                    Lang::Ru => "Создан демо-проект",
                    Lang::En => "Created demo project",
                };
                let step = p.state.step.label();
                format!("{created} #{}: {} — {}\n", p.id, p.title, step.get(lang))
            }),
            |e| e.message().get(lang).to_string(),
        ),
        Command::SampleDocs { .. } => 0,
    }
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
            p.client_name,
            p.title,
            step.get(lang),
            round,
            stage
        ));
    }
    out
}
