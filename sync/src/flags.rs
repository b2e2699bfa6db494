//! The command line's `--name value` options (also `--name=value`): each
//! command says which it knows, and anything else is a usage error that
//! names it. Values never come from elsewhere (a password is read from the
//! environment by the command that needs it, never from here).

use std::collections::BTreeMap;

#[derive(Debug)]
pub struct Flags {
    values: BTreeMap<String, String>,
}

impl Flags {
    /// Reads `args` (after the command's name), allowing only `known`.
    pub fn parse(args: &[String], known: &[&str]) -> Result<Self, String> {
        let mut values = BTreeMap::new();
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let Some(flag) = arg.strip_prefix("--") else {
                return Err(format!("unexpected argument {arg:?}"));
            };
            let (name, value) = match flag.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => {
                    let value = rest
                        .next()
                        .ok_or_else(|| format!("--{flag} needs a value"))?;
                    (flag.to_owned(), value.clone())
                }
            };
            if !known.contains(&name.as_str()) {
                return Err(format!("unknown option --{name}"));
            }
            if values.insert(name.clone(), value).is_some() {
                return Err(format!("--{name} is given twice"));
            }
        }
        Ok(Flags { values })
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    pub fn required(&self, name: &str) -> Result<&str, String> {
        self.get(name)
            .filter(|v| !v.trim().is_empty())
            .ok_or_else(|| format!("--{name} is required"))
    }

    /// A whole number option, or `default` when absent.
    pub fn number(&self, name: &str, default: u64) -> Result<u64, String> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v
                .trim()
                .parse()
                .map_err(|_| format!("--{name} {v:?} is not a whole number")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_are_read_in_both_spellings_and_checked() {
        let f = Flags::parse(&args(&["--out", "dir", "--prefix=g5_"]), &["out", "prefix"]).unwrap();
        assert_eq!((f.get("out"), f.get("prefix")), (Some("dir"), Some("g5_")));
        assert_eq!(f.required("missing").unwrap_err(), "--missing is required");
        for (bad, why) in [
            (&["--password", "x"][..], "unknown option --password"),
            (&["--out"][..], "--out needs a value"),
            (&["dir"][..], "unexpected argument \"dir\""),
            (&["--out", "a", "--out", "b"][..], "--out is given twice"),
        ] {
            assert_eq!(Flags::parse(&args(bad), &["out"]).unwrap_err(), why);
        }
    }
}
