//! `equipcheck audit verify`: walk the hash-chained audit trail. Exit 0 intact, 1 broken, 2 the database could
//! not be read.

use super::{fail, DatabaseArg};
use equipcheck::audit::{self, Anchor};
use std::io::Write;
use std::process::ExitCode;

const EXIT_BROKEN: u8 = 1;
const EXIT_UNREADABLE: u8 = 2;

#[derive(clap::Subcommand)]
pub enum AuditCommand {
    /// Walk the audit chain and name the first record that was altered, removed or inserted. Exit 0 intact,
    /// 1 broken, 2 the database could not be read.
    Verify {
        /// The head printed by an earlier run (SEQ:HASH): also detects records cut from the end.
        #[arg(long)]
        anchor: Option<Anchor>,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        db: DatabaseArg,
    },
}

pub fn audit(command: AuditCommand) -> ExitCode {
    let AuditCommand::Verify { anchor, json, db } = command;
    let mut conn = match db.connect() {
        Ok(c) => c,
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let result = match audit::verify(&mut conn, anchor.as_ref()) {
        Ok(r) => r,
        Err(e) => return fail(EXIT_UNREADABLE, e),
    };
    let mut out = std::io::stdout().lock();
    if json {
        let _ = writeln!(out, "{}", serde_json::to_string(&result).unwrap_or_default());
    } else {
        match (&result.first_break, &result.head) {
            (None, Some(head)) => {
                let _ = writeln!(
                    out,
                    "audit trail intact: {} records; head {}:{} (keep it and check later with --anchor {}:{})",
                    result.records, head.seq, head.hash, head.seq, head.hash
                );
            }
            (None, None) => {
                let _ = writeln!(out, "audit trail intact: no records yet");
            }
            (Some(broken), _) => {
                let _ = writeln!(out, "audit trail BROKEN: {broken}");
            }
        }
    }
    if result.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_BROKEN)
    }
}
