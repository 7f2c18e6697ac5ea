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
}

/// Runs a subcommand; returns the exit code.
pub fn run(cmd: Command, data_dir: &Path) -> i32 {
    let mut store = match Store::open_dir(data_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("etap: {}", e.message().get(crate::app::language_fallback()));
            return 1;
        }
    };
    let lang = crate::app::language(&store);
    let out = match cmd {
        Command::Status { lang: l } => {
            let lang = l.as_deref().and_then(Lang::from_code).unwrap_or(lang);
            store.projects().map(|ps| status_table(&ps, lang))
        }
        Command::Demo => store.create_demo().map(|p| {
            let label = p.state.step.label();
            format!(
                "{} #{}: {} — {}\n",
                match lang {
                    Lang::Ru => "Создан демо-проект",
                    Lang::En => "Created demo project",
                },
                p.id,
                p.title,
                label.get(lang)
            )
        }),
    };
    match out {
        Ok(text) => {
            print!("{text}");
            0
        }
        Err(e) => {
            eprintln!("etap: {}", e.message().get(lang));
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
