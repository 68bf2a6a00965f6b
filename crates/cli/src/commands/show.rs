//! `newsdex show ID`

use std::io::Write;

use crate::commands::extract::print_article;
use crate::commands::{Config, open_index};
use crate::exit;
use crate::flags::ShowArgs;
use crate::output::json_line;

pub fn run(config: &Config, args: ShowArgs) -> anyhow::Result<u8> {
    let index = open_index(config)?;
    let article = index.article(args.id.trim())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        json_line(&mut out, &article)?;
    } else {
        print_article(&mut out, config, &article, true)?;
    }
    out.flush()?;
    Ok(exit::FOUND)
}
