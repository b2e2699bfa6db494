//! The build's one reader and writer of WebAssembly modules, on
//! `wasmparser` and `wasm-encoder`: renaming imports (`shrink.rs`) and
//! reading each function's name and code size (`wasm_size.rs`). Anything
//! that is not a well-formed core module (version 1) is an error, never a
//! panic.

use std::collections::HashMap;
use std::ops::Range;
use wasm_encoder::reencode::{Reencode, RoundtripReencoder};
use wasm_encoder::{ImportSection, Module, Section};
use wasmparser::{
    BinaryReader, BinaryReaderError, CodeSectionReader, Encoding, KnownCustom, Name, Parser,
    Payload, TypeRef,
};

fn error(e: BinaryReaderError) -> String {
    format!("wasm: {e}")
}

/// The bytes of `range` in `wasm` (ranges the parser has not checked may
/// reach past the end).
fn bytes(wasm: &[u8], range: Range<u64>) -> Result<&[u8], String> {
    usize::try_from(range.start)
        .ok()
        .zip(usize::try_from(range.end).ok())
        .and_then(|(start, end)| wasm.get(start..end))
        .ok_or_else(|| "wasm: section past the end".to_owned())
}

/// The sections of the core module `wasm`, after its header.
fn payloads(wasm: &[u8]) -> Result<impl Iterator<Item = Result<Payload<'_>, String>>, String> {
    let mut payloads = Parser::new(0).parse_all(wasm);
    match payloads.next() {
        Some(Ok(Payload::Version {
            num: 1,
            encoding: Encoding::Module,
            ..
        })) => Ok(payloads.map(|p| p.map_err(error))),
        _ => Err("not a wasm module (version 1)".to_owned()),
    }
}

/// `wasm` with each import's module and name replaced by what `rename`
/// returns for them (`None` keeps both), in the same order (imports in the
/// compact encoding are written one by one). Every other section is copied
/// byte for byte, its header as written (some tools pad a section's size to
/// five bytes).
pub fn rename_imports(
    wasm: &[u8],
    mut rename: impl FnMut(&str, &str) -> Option<(String, String)>,
) -> Result<Vec<u8>, String> {
    let mut out = Module::new().finish();
    // Where the next section's header starts: sections follow each other
    // from the end of the module's 8-byte header.
    let mut next = out.len() as u64;
    for payload in payloads(wasm)? {
        let payload = payload?;
        let Some((_, range)) = payload.as_section() else {
            continue;
        };
        if let Payload::ImportSection(reader) = payload {
            let mut section = ImportSection::new();
            for import in reader.into_imports() {
                let import = import.map_err(error)?;
                let ty = RoundtripReencoder
                    .entity_type(import.ty)
                    .map_err(|e| format!("wasm: {e}"))?;
                match rename(import.module, import.name) {
                    Some((module, name)) => section.import(&module, &name, ty),
                    None => section.import(import.module, import.name, ty),
                };
            }
            section.append_to(&mut out);
        } else {
            out.extend_from_slice(bytes(wasm, next..range.end)?);
        }
        next = range.end;
    }
    Ok(out)
}

/// The bytes of each data segment of `wasm` (string constants live there).
pub fn data_segments(wasm: &[u8]) -> Result<Vec<&[u8]>, String> {
    let mut segments = Vec::new();
    for payload in payloads(wasm)? {
        if let Payload::DataSection(reader) = payload? {
            for data in reader {
                segments.push(data.map_err(error)?.data);
            }
        }
    }
    Ok(segments)
}

/// Who calls whom in a module: each defined function's size, name and
/// direct callees (by function index, imports first), and the roots the
/// engine or JavaScript can call (exports, the start function, and every
/// function in an element segment, which `call_indirect` can reach).
pub struct CallGraph {
    pub imported: u32,
    pub sizes: Vec<usize>,
    pub names: Vec<Option<String>>,
    pub calls: Vec<Vec<u32>>,
    pub roots: Vec<u32>,
}

impl CallGraph {
    /// The defined functions reachable from the roots when `removed`
    /// (defined-function positions) are left out, as a mask.
    pub fn reachable_without(&self, removed: &[bool]) -> Vec<bool> {
        let mut seen = vec![false; self.sizes.len()];
        let defined = |f: u32| f.checked_sub(self.imported).map(|i| i as usize);
        let mut stack: Vec<usize> = self.roots.iter().filter_map(|&f| defined(f)).collect();
        while let Some(i) = stack.pop() {
            if i >= seen.len() || seen[i] || removed.get(i).copied().unwrap_or(false) {
                continue;
            }
            seen[i] = true;
            stack.extend(self.calls[i].iter().filter_map(|&f| defined(f)));
        }
        seen
    }
}

/// The [`CallGraph`] of `wasm`.
pub fn call_graph(wasm: &[u8]) -> Result<CallGraph, String> {
    use wasmparser::{ElementItems, ExternalKind, Operator};
    let mut graph = CallGraph {
        imported: 0,
        sizes: Vec::new(),
        names: Vec::new(),
        calls: Vec::new(),
        roots: Vec::new(),
    };
    let mut names = HashMap::new();
    for payload in payloads(wasm)? {
        match payload? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(
                        import.map_err(error)?.ty,
                        TypeRef::Func(_) | TypeRef::FuncExact(_)
                    ) {
                        graph.imported += 1;
                    }
                }
            }
            Payload::ExportSection(reader) => {
                for export in reader {
                    let export = export.map_err(error)?;
                    if export.kind == ExternalKind::Func {
                        graph.roots.push(export.index);
                    }
                }
            }
            Payload::StartSection { func, .. } => graph.roots.push(func),
            Payload::ElementSection(reader) => {
                for element in reader {
                    if let ElementItems::Functions(items) = element.map_err(error)?.items {
                        for f in items {
                            graph.roots.push(f.map_err(error)?);
                        }
                    }
                }
            }
            Payload::CodeSectionStart {
                unchecked_range, ..
            } => {
                let start = unchecked_range.start;
                let data = bytes(wasm, unchecked_range)?;
                let reader = CodeSectionReader::new(BinaryReader::new(data, start));
                for body in reader.map_err(error)?.into_iter_with_offsets() {
                    let (at, body) = body.map_err(error)?;
                    graph.sizes.push((body.range().end - at) as usize);
                    let mut callees = Vec::new();
                    let mut ops = body.get_operators_reader().map_err(error)?;
                    while !ops.eof() {
                        match ops.read().map_err(error)? {
                            Operator::Call { function_index }
                            | Operator::ReturnCall { function_index }
                            | Operator::RefFunc { function_index } => callees.push(function_index),
                            _ => {}
                        }
                    }
                    graph.calls.push(callees);
                }
            }
            Payload::CustomSection(custom) => {
                let KnownCustom::Name(reader) = custom.as_known() else {
                    continue;
                };
                for sub in reader {
                    let Name::Function(map) = sub.map_err(error)? else {
                        continue;
                    };
                    for naming in map {
                        let naming = naming.map_err(error)?;
                        names.insert(naming.index, naming.name.to_owned());
                    }
                }
            }
            _ => {}
        }
    }
    graph.names = (0..graph.sizes.len() as u32)
        .map(|i| names.remove(&(graph.imported + i)))
        .collect();
    Ok(graph)
}

/// Each function `wasm` defines, in order: the size of its code (the body
/// with the bytes of its length) and its name in the `name` section.
pub fn functions(wasm: &[u8]) -> Result<Vec<(usize, Option<String>)>, String> {
    let graph = call_graph(wasm)?;
    Ok(graph.sizes.into_iter().zip(graph.names).collect())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, CustomSection, EntityType, ExportKind, ExportSection, FunctionSection,
        GlobalType, IndirectNameMap, MemoryType, NameMap, NameSection, RefType, TableType, TagKind,
        TagType, TypeSection, ValType,
    };

    /// A module importing one of each kind (function, table, 64-bit memory,
    /// global, exception tag) and defining two named functions, with a
    /// custom section at the end.
    pub fn module() -> Vec<u8> {
        let mut m = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        types.ty().function([ValType::I32], []);
        m.section(&types);
        let mut imports = ImportSection::new();
        imports.import(
            "./app_bg.js",
            "__wbg_f_0123456789abcdef",
            EntityType::Function(0),
        );
        imports.import(
            "env",
            "table",
            TableType {
                element_type: RefType::FUNCREF,
                table64: false,
                minimum: 1,
                maximum: None,
                shared: false,
            },
        );
        imports.import(
            "env",
            "memory",
            MemoryType {
                minimum: 1 << 33,
                maximum: Some(1 << 40),
                memory64: true,
                shared: false,
                page_size_log2: None,
            },
        );
        imports.import(
            "./app_bg.js",
            "__wbg_g_fedcba9876543210",
            GlobalType {
                val_type: ValType::I64,
                mutable: true,
                shared: false,
            },
        );
        imports.import(
            "env",
            "tag",
            TagType {
                kind: TagKind::Exception,
                func_type_idx: 1,
            },
        );
        m.section(&imports);
        let mut functions = FunctionSection::new();
        functions.function(0).function(0);
        m.section(&functions);
        let mut exports = ExportSection::new();
        exports.export("run", ExportKind::Func, 1);
        m.section(&exports);
        let mut code = CodeSection::new();
        // Bodies of 2 and 4 bytes (3 and 5 with their length).
        code.raw(&[0, 0x0b]).raw(&[0, 0x01, 0x01, 0x0b]);
        m.section(&code);
        let mut names = NameMap::new();
        names.append(1, "a[1]::f::h00");
        names.append(2, "<b[2]::X<a[1]::Y>>::build");
        let mut section = NameSection::new();
        section.module("app");
        section.functions(&names);
        section.locals(&IndirectNameMap::new());
        m.section(&section);
        m.section(&CustomSection {
            name: "x".into(),
            data: [7, 7].as_slice().into(),
        });
        m.finish()
    }

    /// Every import's module, name and type.
    pub fn imports(wasm: &[u8]) -> Vec<(String, String, TypeRef)> {
        let mut out = Vec::new();
        for payload in payloads(wasm).unwrap() {
            if let Payload::ImportSection(reader) = payload.unwrap() {
                for import in reader.into_imports() {
                    let import = import.unwrap();
                    out.push((import.module.into(), import.name.into(), import.ty));
                }
            }
        }
        out
    }

    /// Each section's id and bytes, the import section left out.
    pub fn other_sections(wasm: &[u8]) -> Vec<(u8, Vec<u8>)> {
        payloads(wasm)
            .unwrap()
            .filter_map(|p| p.unwrap().as_section())
            .filter(|(id, _)| *id != 2)
            .map(|(id, range)| (id, bytes(wasm, range).unwrap().to_vec()))
            .collect()
    }

    #[test]
    fn imports_of_every_kind_survive_renaming() {
        let wasm = module();
        let before = imports(&wasm);
        assert_eq!(before.len(), 5);
        let short = rename_imports(&wasm, |module, name| {
            (module == "./app_bg.js").then(|| ("w".to_owned(), name[6..7].to_owned()))
        })
        .unwrap();
        let after = imports(&short);
        let expected: Vec<_> = before
            .iter()
            .map(|(module, name, ty)| match module.as_str() {
                "./app_bg.js" => ("w".to_owned(), name[6..7].to_owned(), *ty),
                _ => (module.clone(), name.clone(), *ty),
            })
            .collect();
        assert_eq!(after, expected);
        assert!(matches!(after[2].2, TypeRef::Memory(m) if m.memory64 && m.initial == 1 << 33));
        assert!(matches!(after[4].2, TypeRef::Tag(_)));
        assert_eq!(other_sections(&short), other_sections(&wasm));
        assert!(short.len() < wasm.len());
        // Renaming nothing writes the module again as it was.
        assert_eq!(rename_imports(&wasm, |_, _| None).unwrap(), wasm);
    }

    #[test]
    fn functions_have_their_size_and_name() {
        assert_eq!(
            functions(&module()).unwrap(),
            [
                (3, Some("a[1]::f::h00".to_owned())),
                (5, Some("<b[2]::X<a[1]::Y>>::build".to_owned()))
            ]
        );
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        let wasm = module();
        let rename = |_: &str, n: &str| Some(("m".to_owned(), n.to_owned()));
        for bad in [
            &b""[..],
            b"nope",
            b"\0asm",
            b"\0asm\x02\0\0\0",
            b"\0asm\x0d\0\x01\0",
        ] {
            assert!(rename_imports(bad, rename).is_err(), "{bad:?}");
            assert!(functions(bad).is_err(), "{bad:?}");
        }
        // Cut anywhere inside a section, or with a byte changed anywhere:
        // never a panic (some changes still make a well-formed module).
        let ends: Vec<usize> = payloads(&wasm)
            .unwrap()
            .filter_map(|p| p.unwrap().as_section())
            .map(|(_, range)| range.end as usize)
            .collect();
        for len in 9..wasm.len() {
            let cut = &wasm[..len];
            if !ends.contains(&len) {
                assert!(rename_imports(cut, rename).is_err(), "cut at {len}");
                assert!(functions(cut).is_err(), "cut at {len}");
            }
        }
        for at in 8..wasm.len() {
            for byte in [0x00, 0x01, 0x7f, 0x80, 0xff] {
                let mut changed = wasm.clone();
                changed[at] = byte;
                let _ = rename_imports(&changed, rename);
                let _ = functions(&changed);
            }
        }
    }
}
