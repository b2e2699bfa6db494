//! The `gazette-sync` command: reads the newsroom's data and writes the
//! app's contract documents. Each command prints one line per problem on
//! stderr and exits non-zero when the run failed, leaving what was already
//! published as it was; 2 is a usage error.

use gazette_sync::cmd;
use std::process::ExitCode;

const USAGE: &str = "usage: gazette-sync <command> [options]

commands:
  gnuboard --dsn mysql://USER@HOST:PORT/DATABASE --boards news[,photo,...] --out DIR
           [--prefix g5_] [--site-url URL] [--files-url URL]
           read Gnuboard5 posts and popups into article and notice documents
           (the password comes from GAZETTE_DB_PASSWORD, if any)
  kma      --out DIR [--auth-key-env KMA_AUTH_KEY] [--base-url URL]
           [--stations FILE] [--min-stations N]
           read KMA surface observations into the weather document
           (the API허브 authKey comes from the variable named, never an
           argument; --min-stations defaults to half the station table)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (command, rest) = match args.split_first() {
        Some((command, rest)) => (command.as_str(), rest),
        None => ("", &[][..]),
    };
    let result = match command {
        "gnuboard" => cmd::gnuboard::run(rest),
        "kma" => cmd::kma::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(cmd::Failure::Usage(e)) => {
            eprintln!("gazette-sync {command}: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(cmd::Failure::Run(e)) => {
            eprintln!("gazette-sync {command}: {e}");
            ExitCode::FAILURE
        }
    }
}
