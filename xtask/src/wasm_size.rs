//! `xtask wasm-crates FILE.wasm`: what each crate costs in a wasm module,
//! by the size of its functions' code. The module must keep its `name`
//! section (`wasm-bindgen --keep-debug`, `wasm-opt --debuginfo`; see
//! `scripts/bench.sh`). A function is counted for the crate its path starts
//! with: `<tachys::…<gazette::…>>::build` is tachys', the code of a generic
//! framework type instantiated for the app's own views.

use std::collections::BTreeMap;

fn leb(data: &[u8], at: &mut usize) -> Result<u64, String> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = *data.get(*at).ok_or("truncated LEB128")?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
        shift += 7;
        if shift > 63 {
            return Err("LEB128 too long".into());
        }
    }
}

fn name<'a>(data: &'a [u8], at: &mut usize) -> Result<&'a str, String> {
    let len = leb(data, at)? as usize;
    let bytes = data.get(*at..*at + len).ok_or("truncated name")?;
    *at += len;
    std::str::from_utf8(bytes).map_err(|_| "name is not UTF-8".to_owned())
}

/// Each defined function's body size and name (`None` without a name).
pub fn functions(data: &[u8]) -> Result<Vec<(usize, Option<String>)>, String> {
    if data.get(..4) != Some(b"\0asm") {
        return Err("not a wasm module".into());
    }
    let mut at = 8;
    let mut imported = 0u64;
    let mut bodies = Vec::new();
    let mut names = BTreeMap::new();
    while at < data.len() {
        let id = data[at];
        at += 1;
        let size = leb(data, &mut at)? as usize;
        let end = at + size;
        let mut p = at;
        match id {
            2 => {
                for _ in 0..leb(data, &mut p)? {
                    name(data, &mut p)?;
                    name(data, &mut p)?;
                    let kind = *data.get(p).ok_or("truncated import")?;
                    p += 1;
                    match kind {
                        0 => {
                            leb(data, &mut p)?;
                            imported += 1;
                        }
                        1 | 2 => {
                            p += usize::from(kind == 1);
                            let flags = leb(data, &mut p)?;
                            leb(data, &mut p)?;
                            if flags & 1 != 0 {
                                leb(data, &mut p)?;
                            }
                        }
                        3 => p += 2,
                        4 => {
                            p += 1;
                            leb(data, &mut p)?;
                        }
                        other => return Err(format!("unknown import kind {other}")),
                    }
                }
            }
            10 => {
                for _ in 0..leb(data, &mut p)? {
                    let start = p;
                    let len = leb(data, &mut p)? as usize;
                    p += len;
                    bodies.push(p - start);
                }
            }
            0 if name(data, &mut p)? == "name" => {
                while p < end {
                    let sub = data[p];
                    p += 1;
                    let len = leb(data, &mut p)? as usize;
                    let sub_end = p + len;
                    if sub == 1 {
                        let mut q = p;
                        for _ in 0..leb(data, &mut q)? {
                            let index = leb(data, &mut q)?;
                            names.insert(index, name(data, &mut q)?.to_owned());
                        }
                    }
                    p = sub_end;
                }
            }
            _ => {}
        }
        at = end;
    }
    Ok(bodies
        .into_iter()
        .enumerate()
        .map(|(i, size)| (size, names.get(&(imported + i as u64)).cloned()))
        .collect())
}

/// The crate a function's (demangled, hash-suffixed) name starts with:
/// `<tachys[1f]::x::Y<gazette[2a]::Z>>::build` is `tachys`, and
/// `<_ as tachys[1f]::IntoAny>::into_any` too.
pub fn crate_of(name: &str) -> &str {
    // The first path segment that carries a crate hash: `name[hex]::`.
    for (i, _) in name.match_indices('[') {
        let before = &name[..i];
        let start = before
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .map_or(0, |j| j + 1);
        let after = &name[i + 1..];
        let hex = after.find(']').filter(|&e| {
            e > 0
                && after[..e].chars().all(|c| c.is_ascii_hexdigit())
                && after[e + 1..].starts_with("::")
        });
        if start < i && hex.is_some() {
            return &name[start..i];
        }
    }
    let start = name
        .find(|c: char| c.is_ascii_alphabetic() || c == '_')
        .unwrap_or(0);
    let rest = &name[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    match &rest[..end] {
        "" => "(unnamed)",
        krate => krate,
    }
}

/// Code bytes per crate, largest first, and the total.
pub fn by_crate(data: &[u8]) -> Result<(Vec<(String, usize)>, usize), String> {
    let mut sums: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for (size, name) in functions(data)? {
        total += size;
        let krate = name.as_deref().map_or("(unnamed)", crate_of);
        *sums.entry(krate.to_owned()).or_default() += size;
    }
    let mut list: Vec<_> = sums.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Ok((list, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A module with one imported and two defined functions, named.
    fn module() -> Vec<u8> {
        let mut m = b"\0asm\x01\0\0\0".to_vec();
        // type section: one type () -> ()
        m.extend([1, 4, 1, 0x60, 0, 0]);
        // import section: "m"."f" func type 0
        m.extend([2, 7, 1, 1, b'm', 1, b'f', 0, 0]);
        // function section: two functions of type 0
        m.extend([3, 3, 2, 0, 0]);
        // code section: bodies of 2 and 4 bytes (plus their size byte)
        m.extend([10, 9, 2, 2, 0, 0x0b, 4, 0, 0x01, 0x01, 0x0b]);
        // name section: function names 1 and 2
        let mut names = vec![2];
        for (index, name) in [(1, "a[1]::f::h00"), (2, "<b[2]::X<a[1]::Y>>::build")] {
            names.extend([index, name.len() as u8]);
            names.extend(name.as_bytes());
        }
        let mut sub = vec![1, names.len() as u8];
        sub.extend(&names);
        let mut custom = vec![4];
        custom.extend(b"name");
        custom.extend(&sub);
        m.push(0);
        m.push(custom.len() as u8);
        m.extend(custom);
        m
    }

    #[test]
    fn functions_are_counted_for_the_crate_their_name_starts_with() {
        let wasm = module();
        let f = functions(&wasm).unwrap();
        assert_eq!(
            f,
            vec![
                (3, Some("a[1]::f::h00".to_owned())),
                (5, Some("<b[2]::X<a[1]::Y>>::build".to_owned()))
            ]
        );
        let (crates, total) = by_crate(&wasm).unwrap();
        assert_eq!(total, 8);
        assert_eq!(crates, vec![("b".to_owned(), 5), ("a".to_owned(), 3)]);
        assert!(functions(b"nope").is_err());
    }

    #[test]
    fn crate_names_are_read_from_mangled_paths() {
        assert_eq!(
            crate_of("<tachys[7df]::view::Keyed<gazette[6]::X>>::build"),
            "tachys"
        );
        assert_eq!(
            crate_of("serde_wasm_bindgen[9d]::de::x"),
            "serde_wasm_bindgen"
        );
        assert_eq!(crate_of("<&T as core[1b]::fmt::Debug>::fmt"), "core");
        assert_eq!(crate_of("<_ as tachys[1f]::IntoAny>::into_any"), "tachys");
        assert_eq!(crate_of("func42"), "func42");
        assert_eq!(crate_of(""), "(unnamed)");
    }
}
