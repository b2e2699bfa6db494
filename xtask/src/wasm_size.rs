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

/// Where in the app a function's code comes from: the first app module its
/// name mentions (`components::ticker`, `pages::article`, `hydration`, …),
/// also inside a framework type instantiated for it
/// (`<tachys[1f]::Keyed<gazette[6]::components::ticker::X>>::build`).
pub fn app_part_of(name: &str) -> Option<String> {
    let at = name.find("gazette[")?;
    let path = &name[at..];
    let path = &path[path.find("]::")? + 3..];
    let segments: Vec<&str> = path
        .split("::")
        .map(|s| {
            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
        })
        .take(2)
        .collect();
    match segments.as_slice() {
        [group @ ("components" | "pages"), part, ..] if !part.is_empty() => {
            Some(format!("{group}::{part}"))
        }
        [first, ..] if !first.is_empty() => Some((*first).to_owned()),
        _ => None,
    }
}

/// Code bytes per part of the app (see [`app_part_of`]), largest first.
pub fn by_app_part(graph: &crate::wasm::CallGraph) -> Vec<(String, usize)> {
    let mut sums: BTreeMap<String, usize> = BTreeMap::new();
    for (size, name) in graph.sizes.iter().zip(&graph.names) {
        if let Some(part) = name.as_deref().and_then(app_part_of) {
            *sums.entry(part).or_default() += size;
        }
    }
    let mut list: Vec<_> = sums.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list
}

/// The `n` largest functions, largest first, by name (the function's
/// index when the module does not name it).
pub fn largest(graph: &crate::wasm::CallGraph, n: usize) -> Vec<(usize, String)> {
    let mut list: Vec<(usize, String)> = graph
        .sizes
        .iter()
        .zip(&graph.names)
        .enumerate()
        .map(|(i, (size, name))| {
            let name = name
                .clone()
                .unwrap_or_else(|| format!("(function {})", graph.imported as usize + i));
            (*size, name)
        })
        .collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    list.truncate(n);
    list
}

/// The code of the asynchronous hydration path: the functions named
/// `hydrate_async` (tachys keeps a pointer to one in every `AnyView`, so
/// they are in the function table), and the functions that only they
/// reach: what leaving the path out would remove. Returns (their own
/// bytes, the bytes only they reach), and the bytes of each crate in both.
pub fn async_hydration(graph: &crate::wasm::CallGraph) -> (usize, usize, Vec<(String, usize)>) {
    let is_async: Vec<bool> = graph
        .names
        .iter()
        .map(|n| n.as_deref().is_some_and(|n| n.contains("hydrate_async")))
        .collect();
    let kept = graph.reachable_without(&is_async);
    let everything = graph.reachable_without(&vec![false; graph.sizes.len()]);
    let (mut own, mut only) = (0, 0);
    let mut sums: BTreeMap<String, usize> = BTreeMap::new();
    for i in 0..graph.sizes.len() {
        let size = graph.sizes[i];
        let counted = if is_async[i] {
            own += size;
            true
        } else if everything[i] && !kept[i] {
            only += size;
            true
        } else {
            false
        };
        if counted {
            let krate = graph.names[i].as_deref().map_or("(unnamed)", crate_of);
            *sums.entry(krate.to_owned()).or_default() += size;
        }
    }
    let mut list: Vec<_> = sums.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    (own, only, list)
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
    fn app_parts_are_read_from_the_first_app_path_a_name_mentions() {
        assert_eq!(
            app_part_of(
                "<tachys[7df]::view::keyed::Keyed<gazette[6a]::components::ticker::Row>>::build"
            )
            .as_deref(),
            Some("components::ticker")
        );
        assert_eq!(
            app_part_of("gazette[6a]::pages::article::ArticlePage").as_deref(),
            Some("pages::article")
        );
        assert_eq!(
            app_part_of("gazette[6a]::hydration::deferred::run").as_deref(),
            Some("hydration")
        );
        assert_eq!(app_part_of("tachys[7df]::view::any::AnyView::new"), None);
    }

    #[test]
    fn the_async_path_counts_what_only_it_reaches() {
        use crate::wasm::CallGraph;
        // 0 root calls 1 and 2; 3 (hydrate_async, in the table) calls 2
        // and 4; 4 calls 5. Without 3, nothing reaches 4 and 5.
        let graph = CallGraph {
            imported: 0,
            sizes: vec![1, 10, 100, 1000, 10_000, 100_000],
            names: [
                "a[1]::main",
                "a[1]::f",
                "b[2]::shared",
                "<c[3]::Any>::hydrate_async",
                "c[3]::g",
                "d[4]::h",
            ]
            .iter()
            .map(|n| Some((*n).to_owned()))
            .collect(),
            calls: vec![vec![1, 2], vec![], vec![], vec![2, 4], vec![5], vec![]],
            roots: vec![0, 3],
        };
        let (own, only, crates) = async_hydration(&graph);
        assert_eq!(
            largest(&graph, 2),
            [
                (100_000, "d[4]::h".to_owned()),
                (10_000, "c[3]::g".to_owned())
            ]
        );
        assert_eq!((own, only), (1000, 110_000));
        assert_eq!(
            crates,
            [("d".to_owned(), 100_000), ("c".to_owned(), 11_000)]
        );
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
