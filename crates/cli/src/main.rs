//! `newsdex`: search news archives from the command line.
//!
//! The binary is glue: flags are parsed in [`flags`], each subcommand lives
//! in a module of [`commands`], and all the work is done by the
//! `newsdex-ingest` and `newsdex-index` crates.

mod commands;
mod flags;
mod output;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: ingest makes many short-lived
/// strings and vectors per article, and the system allocator was about a
/// tenth of indexing's CPU time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, like grep's.
pub(crate) mod exit {
    /// Something was found, or the command did all it was asked.
    pub const FOUND: u8 = 0;
    /// A search found nothing.
    pub const NOTHING_FOUND: u8 = 1;
    /// An error: nothing useful was done.
    pub const ERROR: u8 = 2;
    /// Some files could not be read; the rest were indexed or extracted.
    pub const PARTIAL: u8 = 3;
}

fn main() -> ExitCode {
    let cli = flags::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) if output::is_broken_pipe(&error) => ExitCode::from(exit::FOUND),
        Err(error) => {
            eprintln!("newsdex: {error:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}
