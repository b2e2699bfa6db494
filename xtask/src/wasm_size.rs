//! `xtask wasm-crates FILE.wasm`: what each crate costs in a wasm module,
//! by the size of its functions' code. The module must keep its `name`
//! section (`wasm-bindgen --keep-debug`, `wasm-opt --debuginfo`; see
//! `scripts/bench.sh`). A function is counted for the crate its path starts
//! with: `<tachys::…<gazette::…>>::build` is tachys', the code of a generic
//! framework type instantiated for the app's own views.

use std::collections::BTreeMap;

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
    for (size, name) in crate::wasm::functions(data)? {
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

    #[test]
    fn functions_are_counted_for_the_crate_their_name_starts_with() {
        // Functions of 3 and 5 bytes, named `a[1]::f::h00` and
        // `<b[2]::X<a[1]::Y>>::build`.
        let wasm = crate::wasm::tests::module();
        let (crates, total) = by_crate(&wasm).unwrap();
        assert_eq!(total, 8);
        assert_eq!(crates, vec![("b".to_owned(), 5), ("a".to_owned(), 3)]);
        assert!(by_crate(b"nope").is_err());
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
