//! The `gazette-sync` command. Its subcommands read the newsroom's
//! database and the KMA service; until they exist it only says how it will
//! be called, and exits with status 2 (a usage error) so no script mistakes
//! it for a sync that ran.

const USAGE: &str = "usage: gazette-sync <command>

commands:
  gnuboard   read Gnuboard5 posts and popups into article and notice documents
  kma        read KMA surface observations into the weather document
  publish    render and swap in the pages of changed documents
  watch      run the above on a schedule

(not implemented yet)";

fn main() {
    eprintln!("{USAGE}");
    std::process::exit(2);
}
