//! Compiles `content/zh.txt` and `content/en.txt` into sorted static tables
//! (`$OUT_DIR/text_tables.rs`), so the page carries its text without a parser.
use std::{env, fs, path::Path};

#[path = "src/text_format.rs"]
mod text_format;
use text_format::parse_entries;

fn table(name: &str, file: &str) -> String {
    println!("cargo:rerun-if-changed={file}");
    let src = fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let mut entries = parse_entries(&src).unwrap_or_else(|e| panic!("{file}: {e}"));
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out =
        format!("/// Text of `{file}`, sorted by key.\npub static {name}: &[(&str, &str)] = &[\n");
    for (k, v) in entries {
        out.push_str(&format!("    ({k:?}, {v:?}),\n"));
    }
    out.push_str("];\n");
    out
}

fn main() {
    println!("cargo:rerun-if-changed=src/text_format.rs");
    let code = table("ZH", "content/zh.txt") + &table("EN", "content/en.txt");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("text_tables.rs");
    fs::write(out, code).expect("write text tables");
}
