//! Compiles the page's text and data files into static Rust tables in
//! `$OUT_DIR`, so the page carries them without a parser:
//!
//! | input                                   | tables                | generated file             | read by                     |
//! | --------------------------------------- | --------------------- | -------------------------- | --------------------------- |
//! | `content/{zh,en}.txt`, `content/slides/*/{zh,en}.txt` | `KEYS`, `ZH_TEXTS`, `EN_TEXTS` | `text_tables.rs` | `src/deck/i18n.rs` |
//! | `data/sources.csv`                      | `SOURCES`             | `sources_tables.rs`        | `src/model/sources.rs`      |
//! | `data/chips.csv`                        | `CHIPS`               | `chips_tables.rs`          | `src/model/chips.rs`        |
//! | `data/trends.csv`, `data/models.csv`    | `TRENDS`, `MODELS`    | `depreciation_tables.rs`   | `src/model/depreciation.rs` |
//! | `data/occupations.csv`                  | `OCCUPATIONS`         | `ladder_tables.rs`         | `src/model/ladder.rs`       |
//! | `data/links.csv`                        | `LINKS`               | `bandwidth_tables.rs`      | `src/model/bandwidth.rs`    |
//! | `data/prices.csv`, `data/rentals.csv`,  | `PRICES`, `RENTALS`,  | `economics_tables.rs`      | `src/model/economics.rs`    |
//! | `data/server_power.csv`                 | `SERVER_POWER`        |                            |                             |
//! | `content/slides/*/steps.csv`            | `STEPS`               | `steps_tables.rs`          | `src/deck/steps.rs`         |
//!
//! Table rows are in file order. Each file names only the types of its own
//! table (`SOURCES: &[Source]`; `CHIPS: &[Chip]` with `Rate`), unqualified,
//! from the module that includes it: `sources_tables.rs` and
//! `chips_tables.rs` do not refer to each other.
//!
//! Each CSV file is read with the `csv` crate into a row struct of its own
//! (`#[derive(Deserialize)]`), columns matched by header name, so their order
//! in the file is free; cells are trimmed, blank lines skipped, and a cell
//! holding a comma or a quote is written in double quotes. The build fails,
//! naming the file, line and column, on: a header that lacks a column, names
//! one twice or names one the row struct does not have; a row with more or
//! fewer cells than the header; a missing, duplicate or malformed id; an
//! empty required cell; a number that is not one, or negative, or not finite
//! (or not positive, or not a share in 0..=1, where the column says so); a
//! bad year; a row with figures whose `source` does not name one or more
//! (space-separated) keys of `data/sources.csv` or whose `as_of` is not a
//! date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; a `note` without its `note_zh` or
//! the other way round (chips); a range with `low > value` or `high < value`
//! (trends); `bidirectional_gbs` below `per_direction_gbs` or an unknown
//! `kind` (links); and a price for a chip not in `data/chips.csv`, of a kind
//! other than `purchase`, or given twice (prices).
use std::{env, fmt, fs, path::Path};

use serde::{
    de::{self, DeserializeOwned, Visitor},
    Deserialize,
};

#[path = "src/deck/text_format.rs"]
mod text_format;
use text_format::{
    parse_entries, quotations, slide_dirs, text_files, with_quote_marks, SLIDES_DIR,
};

/// Reads one language's text files (`deck::text_format::text_files`): their
/// entries sorted by key; a key in two files is an error.
fn text_entries(lang: &str) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String, String)> = Vec::new();
    for path in text_files(Path::new(""), lang) {
        let file = path.display().to_string();
        println!("cargo:rerun-if-changed={file}");
        let src = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        for (k, v) in parse_entries(&src).unwrap_or_else(|e| panic!("{file}: {e}")) {
            if let Some((_, _, other)) = entries.iter().find(|(key, _, _)| *key == k) {
                panic!("{file}: key {k} is also in {other}");
            }
            entries.push((k, v, file.clone()));
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().map(|(k, v, _)| (k, v)).collect()
}

/// The text tables as three strings, not as tables of `&str` pairs: the
/// keys (shared by both languages, sorted) joined by newlines, and each
/// language's texts in key order joined by U+001F. A table of pointers and
/// lengths costs 16 bytes an entry and gzips poorly; `deck::i18n` splits
/// the strings once, on first use. Both files must have the same keys.
fn text_tables() -> String {
    let zh = text_entries("zh");
    let en = text_entries("en");
    let keys = |e: &[(String, String)]| e.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    let (zk, ek) = (keys(&zh), keys(&en));
    let only = |a: &[String], b: &[String]| {
        a.iter()
            .filter(|k| b.binary_search(k).is_err())
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(
        only(&zk, &ek).is_empty(),
        "keys missing from the English text files: {:?}",
        only(&zk, &ek)
    );
    assert!(
        only(&ek, &zk).is_empty(),
        "keys missing from the Chinese text files: {:?}",
        only(&ek, &zk)
    );
    for (k, v) in zh.iter().chain(&en) {
        assert!(!k.contains('\n'), "key {k:?} contains a newline");
        assert!(!v.contains('\u{1f}'), "text of {k:?} contains U+001F");
        if let Err(e) = quotations(v) {
            panic!("text of {k:?}: {e}");
        }
    }
    // Quotations of the notes (`⟦…⟧`) are shown between quotation marks.
    let values = |e: &[(String, String)]| {
        e.iter()
            .map(|(_, v)| with_quote_marks(v))
            .collect::<Vec<_>>()
            .join("\u{1f}")
    };
    format!(
        "/// The keys of the text files (the same in both languages),\n\
         /// sorted, one a line.\npub static KEYS: &str = {:?};\n\
         /// The Chinese texts in key order, joined by U+001F.\n\
         pub static ZH_TEXTS: &str = {:?};\n\
         /// The English texts in key order, joined by U+001F.\n\
         pub static EN_TEXTS: &str = {:?};\n",
        zk.join("\n"),
        values(&zh),
        values(&en),
    )
}

// ---------------------------------------------------------------------------
// Row structs: one per data file, its fields the file's columns (any order).
// Cells that are always a number are `f64` (parsed by serde, as `str::parse`);
// cells with a marker (`-`, `?`), years and text are `String`, checked below.

/// A row of `data/sources.csv`.
#[derive(Deserialize)]
struct SourceRow {
    key: String,
    title: String,
    publisher: String,
    url: String,
    as_of: String,
}

/// A row of `data/chips.csv`. Throughputs are TFLOP/s, `-` (not supported)
/// or `?` (no sourced figure); `tdp_w` is watts or `?`.
#[derive(Deserialize)]
struct ChipRow {
    id: String,
    name: String,
    vendor: String,
    year: String,
    fp32: String,
    tf32: String,
    bf16: String,
    fp16: String,
    fp8: String,
    fp6: String,
    fp4: String,
    hbm: f64,
    hbm_unit: String,
    hbm_tbs: f64,
    scaleup_gbs: f64,
    tdp_w: String,
    source: String,
    as_of: String,
    note: String,
    note_zh: String,
}

/// A row of `data/trends.csv`; `low` and `high` are numbers or `-` (none).
#[derive(Deserialize)]
struct TrendRow {
    id: String,
    value: f64,
    low: String,
    high: String,
    unit: String,
    source: String,
    as_of: String,
    note: String,
}

/// A row of `data/models.csv`.
#[derive(Deserialize)]
struct ModelRow {
    id: String,
    name: String,
    year: String,
    train_flop: f64,
    cost_amortized_usd: f64,
    cost_cloud_usd: f64,
    source: String,
    as_of: String,
}

/// A row of `data/occupations.csv`; the shares are in 0..=1 or `-` (none).
#[derive(Deserialize)]
struct OccupationRow {
    id: String,
    occupation: String,
    category: String,
    frey_osborne_p: String,
    eloundou_human: String,
    eloundou_gpt4: String,
    source: String,
    as_of: String,
}

/// A row of `data/links.csv`.
#[derive(Deserialize)]
struct LinkRow {
    id: String,
    name: String,
    per_direction_gbs: f64,
    bidirectional_gbs: f64,
    kind: String,
    source: String,
    as_of: String,
    note: String,
}

/// A row of `data/prices.csv`.
#[derive(Deserialize)]
struct PriceRow {
    chip: String,
    price_usd: f64,
    kind: String,
    basis: String,
    source: String,
    as_of: String,
    note: String,
}

/// A row of `data/server_power.csv`: server power per GPU over the GPU's TDP.
#[derive(Deserialize)]
struct ServerPowerRow {
    chip: String,
    factor: f64,
    source: String,
    as_of: String,
    note: String,
}

/// A row of `data/rentals.csv`.
#[derive(Deserialize)]
struct RentalRow {
    id: String,
    label: String,
    usd_per_hour: f64,
    source: String,
    as_of: String,
    note: String,
}

/// A row of `content/slides/{key}/steps.csv`: one step of slide `key`.
#[derive(Deserialize)]
struct StepRow {
    part: String,
    set: String,
    /// The planned time of the step in seconds (for the presenter's
    /// pacing), or empty.
    secs: String,
    title_zh: String,
    title_en: String,
    cue_zh: String,
    cue_en: String,
}

/// A row of a data file.
trait Row: DeserializeOwned {
    /// The column that names a row in messages (`id`, `key`, `chip`).
    const ID: &'static str;
    /// That column's cell.
    fn id(&self) -> &str;
}

/// A row with figures: `source` cites it, `as_of` dates it.
trait Cited: Row {
    /// Keys of `data/sources.csv`, separated by spaces.
    fn source(&self) -> &str;
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn as_of(&self) -> &str;
}

macro_rules! row {
    ($($t:ty: $id:ident),* $(,)?) => {$(
        impl Row for $t {
            const ID: &'static str = stringify!($id);
            fn id(&self) -> &str {
                &self.$id
            }
        }
    )*};
}
row!(SourceRow: key, ChipRow: id, TrendRow: id, ModelRow: id, OccupationRow: id,
     LinkRow: id, PriceRow: chip, RentalRow: id, ServerPowerRow: chip, StepRow: part);

macro_rules! cited {
    ($($t:ty),* $(,)?) => {$(
        impl Cited for $t {
            fn source(&self) -> &str {
                &self.source
            }
            fn as_of(&self) -> &str {
                &self.as_of
            }
        }
    )*};
}
cited!(
    ServerPowerRow,
    ChipRow,
    TrendRow,
    ModelRow,
    OccupationRow,
    LinkRow,
    PriceRow,
    RentalRow
);

// ---------------------------------------------------------------------------
// Reading a file.

/// The field names of the row struct `R`, i.e. the columns its file must
/// have: a derived `Deserialize` hands them to `deserialize_struct`, which
/// this deserializer records instead of reading anything.
fn columns<R: DeserializeOwned>() -> &'static [&'static str] {
    struct Fields(Option<&'static [&'static str]>);
    impl<'de> de::Deserializer<'de> for &mut Fields {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom(
                "a row type must be a struct with named fields",
            ))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = Some(fields);
            Err(de::Error::custom("only the field names were wanted"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields = Fields(None);
    // The error is the expected outcome: the names are in `fields`.
    let _ = R::deserialize(&mut fields);
    fields
        .0
        .expect("a row type must be a struct with named fields")
}

/// Panics unless the header of `file` names each column in `want` exactly
/// once, and no other; the message names every column that is missing,
/// unexpected or repeated.
fn check_header(file: &str, header: &csv::StringRecord, want: &[&str]) {
    let list = |cols: Vec<&str>| format!("`{}`", cols.join("`, `"));
    let mut faults = Vec::new();
    let missing: Vec<&str> = want
        .iter()
        .copied()
        .filter(|c| !header.iter().any(|h| h == *c))
        .collect();
    if !missing.is_empty() {
        faults.push(format!("lacks column(s) {}", list(missing)));
    }
    let unexpected: Vec<&str> = header.iter().filter(|h| !want.contains(h)).collect();
    if !unexpected.is_empty() {
        faults.push(format!("has unexpected column(s) {}", list(unexpected)));
    }
    let repeated: Vec<&str> = want
        .iter()
        .copied()
        .filter(|c| header.iter().filter(|h| h == c).count() > 1)
        .collect();
    if !repeated.is_empty() {
        faults.push(format!("repeats column(s) {}", list(repeated)));
    }
    if !faults.is_empty() {
        panic!(
            "{file} line 1: the header {}; the columns, in any order, are {}",
            faults.join(" and "),
            want.join(",")
        );
    }
}

/// Where a row is, for messages: `data/chips.csv line 3 (h100)`.
struct At {
    file: &'static str,
    line: u64,
    /// The row's id cell, which may be empty (or wrong: see [`unique`]).
    id: String,
}

impl fmt::Display for At {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} line {}", self.file, self.line)?;
        if !self.id.is_empty() {
            write!(f, " ({})", self.id)?;
        }
        Ok(())
    }
}

/// Reads `file` into rows of `R`, columns matched by header name (see
/// [`check_header`]); every row must have as many cells as the header.
fn read<R: Row>(file: &'static str) -> Vec<(At, R)> {
    println!("cargo:rerun-if-changed={file}");
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_path(file)
        .unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let header = reader
        .headers()
        .unwrap_or_else(|e| panic!("{file} line 1: {e}"))
        .clone();
    check_header(file, &header, columns::<R>());
    let id_col = header.iter().position(|h| h == R::ID);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{file}: {e}"));
        let line = record.position().map_or(0, |p| p.line());
        if record.len() == 1 && record[0].is_empty() {
            continue; // a line of blanks
        }
        if record.len() != header.len() {
            panic!(
                "{file} line {line}: {} cells, expected {} ({}); \
                 a cell holding a comma must be in double quotes",
                record.len(),
                header.len(),
                header.iter().collect::<Vec<_>>().join(",")
            );
        }
        let at = At {
            file,
            line,
            id: id_col.map_or("", |i| &record[i]).to_string(),
        };
        let row: R = record.deserialize(Some(&header)).unwrap_or_else(|e| {
            // A cell of an `f64` field (the only non-text field type) that
            // does not parse: the error knows which.
            if let csv::ErrorKind::Deserialize { err, .. } = e.kind() {
                if let Some(i) = err.field().map(|i| i as usize) {
                    panic!(
                        "{at}: column `{}` is `{}`, expected a number ({})",
                        &header[i],
                        &record[i],
                        err.kind()
                    );
                }
            }
            panic!("{at}: {e}")
        });
        rows.push((at, row));
    }
    rows
}

/// Reads `file` (see [`read`]) and checks every row's citation against
/// `sources` (see [`At::cites`]).
fn read_cited<R: Cited>(file: &'static str, sources: &Ids) -> Vec<(At, R)> {
    let rows = read::<R>(file);
    for (at, row) in &rows {
        at.cites(row, sources);
    }
    rows
}

/// The shape a file's ids must have.
#[derive(Clone, Copy)]
enum IdShape {
    /// Any non-empty text.
    Any,
    /// Non-empty ASCII letters, digits and `-` (source keys).
    Key,
    /// Non-empty lowercase ASCII letters, digits and `-`.
    Slug,
}

/// The ids of a file, in file order, for other files' rows to refer to.
struct Ids {
    file: &'static str,
    col: &'static str,
    ids: Vec<String>,
}

/// Panics unless every row's id (column `R::ID`) has the `shape` and is
/// unique; returns the ids.
fn unique<R: Row>(file: &'static str, rows: &[(At, R)], shape: IdShape) -> Ids {
    let mut ids: Vec<String> = Vec::new();
    for (at, row) in rows {
        let id = row.id();
        let (ok, what) = match shape {
            IdShape::Any => (!id.is_empty(), "a non-empty id"),
            IdShape::Key => (
                !id.is_empty() && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "a non-empty key of letters, digits or `-`",
            ),
            IdShape::Slug => (is_slug(id), "a lowercase id (letters, digits, `-`)"),
        };
        let line = at.line;
        if !ok {
            panic!(
                "{file} line {line}: column `{}` is `{id}`, expected {what}",
                R::ID
            );
        }
        if let Some(first) = ids.iter().position(|i| i == id) {
            panic!(
                "{file} line {line}: column `{}` is `{id}`, a duplicate of line {}",
                R::ID,
                rows[first].0.line
            );
        }
        ids.push(id.to_string());
    }
    Ids {
        file,
        col: R::ID,
        ids,
    }
}

/// True if `s` is a non-empty id of lowercase ASCII letters, digits and `-`.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

// ---------------------------------------------------------------------------
// Cell checks, shared by every file that has such a cell. Each panics with the
// file, line, row id and column.

impl At {
    /// Panics unless the cell is non-empty.
    fn filled(&self, col: &str, s: &str) {
        if s.is_empty() {
            panic!("{self}: column `{col}` must not be empty");
        }
    }

    /// Panics unless `s` is one of `ids` (the ids of another file).
    fn known(&self, col: &str, s: &str, ids: &Ids) {
        if !ids.ids.iter().any(|i| i == s) {
            panic!(
                "{self}: column `{col}` names `{s}`, which is not in column `{}` of {}",
                ids.col, ids.file
            );
        }
    }

    /// Panics unless `source` names one or more keys of `data/sources.csv`
    /// (`sources`), separated by spaces, and `as_of` is a date.
    fn cites(&self, row: &impl Cited, sources: &Ids) {
        if row.source().is_empty() {
            panic!("{self}: column `source` is empty; every figure needs a source");
        }
        for key in row.source().split(' ') {
            self.known("source", key, sources);
        }
        if row.as_of().is_empty() {
            panic!("{self}: column `as_of` is empty; every figure needs a date");
        }
        self.date("as_of", row.as_of());
    }

    /// Panics unless `s` is a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn date(&self, col: &str, s: &str) {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize, lo: u32, hi: u32| {
            p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) && {
                let v: u32 = p.parse().unwrap_or(0);
                (lo..=hi).contains(&v)
            }
        };
        let ok = !parts.is_empty()
            && parts.len() <= 3
            && num(parts[0], 4, 1900, 2100)
            && parts.get(1).is_none_or(|m| num(m, 2, 1, 12))
            && parts.get(2).is_none_or(|d| num(d, 2, 1, 31));
        if !ok {
            panic!(
                "{self}: column `{col}` is `{s}`, expected a date YYYY, YYYY-MM or YYYY-MM-DD \
                 (every figure needs the date it is from)"
            );
        }
    }

    /// Panics unless `a` and `b` (a text in two languages) are both given or
    /// both empty.
    fn both_or_neither(&self, (col_a, a): (&str, &str), (col_b, b): (&str, &str)) {
        if a.is_empty() != b.is_empty() {
            panic!("{self}: columns `{col_a}` and `{col_b}` must both be given or both be empty");
        }
    }

    /// A year (`u16`).
    fn year(&self, col: &str, s: &str) -> u16 {
        s.parse()
            .unwrap_or_else(|_| panic!("{self}: column `{col}` is `{s}`, expected a year"))
    }

    /// A number written in a text cell (one that may also hold a marker).
    fn parse(&self, col: &str, s: &str) -> f64 {
        s.parse()
            .unwrap_or_else(|_| panic!("{self}: column `{col}` is `{s}`, expected a number"))
    }

    /// A non-negative finite number, written as a Rust `f64` literal.
    fn non_negative(&self, col: &str, v: f64) -> String {
        if !(v.is_finite() && v >= 0.0) {
            panic!("{self}: column `{col}` is `{v:?}`, expected a non-negative finite number");
        }
        format!("{v:?}")
    }

    /// A positive finite number (written back with `{:?}`, a Rust `f64` literal).
    fn positive(&self, col: &str, v: f64) -> f64 {
        if !(v.is_finite() && v > 0.0) {
            panic!("{self}: column `{col}` is `{v:?}`, expected a positive finite number");
        }
        v
    }

    /// A throughput cell: `-` not supported, `?` no sourced figure, else TFLOP/s.
    fn rate(&self, col: &str, s: &str) -> String {
        match s {
            "-" => "Rate::NotSupported".into(),
            "?" => "Rate::Unknown".into(),
            _ => format!(
                "Rate::Tflops({})",
                self.non_negative(col, self.parse(col, s))
            ),
        }
    }

    /// A share cell: `-` for no figure, else a number in 0..=1 (as `None` /
    /// `Some(x)`, Rust source).
    fn share(&self, col: &str, s: &str) -> String {
        match s {
            "-" => "None".into(),
            _ => match s.parse::<f64>() {
                Ok(v) if (0.0..=1.0).contains(&v) => format!("Some({v:?})"),
                _ => panic!("{self}: column `{col}` is `{s}`, expected a share in 0..=1 or `-`"),
            },
        }
    }

    /// A cell that is `none` (no figure) or a positive number.
    fn positive_or(&self, none: &str, col: &str, s: &str) -> Option<f64> {
        (s != none).then(|| self.positive(col, self.parse(col, s)))
    }
}

// ---------------------------------------------------------------------------
// The tables.

/// Compiles `data/sources.csv` into `SOURCES`; also returns its keys, which
/// the other files' rows cite.
fn sources_tables() -> (String, Ids) {
    let sf = "data/sources.csv";
    let rows = read::<SourceRow>(sf);
    let keys = unique(sf, &rows, IdShape::Key);
    let mut out =
        format!("/// Rows of `{sf}`, in file order.\npub static SOURCES: &[Source] = &[\n");
    for (at, r) in &rows {
        at.filled("title", &r.title);
        at.filled("publisher", &r.publisher);
        if !r.url.is_empty() && !r.url.starts_with("https://") {
            panic!(
                "{at}: column `url` is `{}`, expected empty or an https:// address",
                r.url
            );
        }
        at.date("as_of", &r.as_of);
        let SourceRow {
            key,
            title,
            publisher,
            url,
            as_of,
        } = r;
        out.push_str(&format!(
            "    Source {{ key: {key:?}, title: {title:?}, publisher: {publisher:?}, url: {url:?}, as_of: {as_of:?} }},\n"
        ));
    }
    out.push_str("];\n");
    (out, keys)
}

/// Compiles `data/chips.csv` into `CHIPS`; also returns the chip ids, which
/// the rows of `data/prices.csv` name.
fn chips_tables(sources: &Ids) -> (String, Ids) {
    let cf = "data/chips.csv";
    let rows = read_cited::<ChipRow>(cf, sources);
    let ids = unique(cf, &rows, IdShape::Any);
    let mut out = format!("/// Rows of `{cf}`, in file order.\npub static CHIPS: &[Chip] = &[\n");
    for (at, c) in &rows {
        at.filled("name", &c.name);
        at.filled("vendor", &c.vendor);
        let year = at.year("year", &c.year);
        at.both_or_neither(("note", &c.note), ("note_zh", &c.note_zh));
        let rates = [
            ("fp32", &c.fp32),
            ("tf32", &c.tf32),
            ("bf16", &c.bf16),
            ("fp16", &c.fp16),
            ("fp8", &c.fp8),
            ("fp6", &c.fp6),
            ("fp4", &c.fp4),
        ];
        let r: Vec<String> = rates.iter().map(|(col, s)| at.rate(col, s)).collect();
        let hbm = at.non_negative("hbm", c.hbm);
        let hbm_unit = match c.hbm_unit.as_str() {
            "GB" => "MemUnit::Gb",
            "GiB" => "MemUnit::Gib",
            s => panic!("{at}: column `hbm_unit` is `{s}`, expected `GB` or `GiB`"),
        };
        let hbm_tbs = at.non_negative("hbm_tbs", c.hbm_tbs);
        let scaleup_gbs = at.non_negative("scaleup_gbs", c.scaleup_gbs);
        let tdp = match c.tdp_w.as_str() {
            "?" => "None".to_string(),
            s => format!("Some({})", at.non_negative("tdp_w", at.parse("tdp_w", s))),
        };
        out.push_str(&format!(
            "    Chip {{ id: {:?}, name: {:?}, vendor: {:?}, year: {year}, fp32: {}, tf32: {}, \
             bf16: {}, fp16: {}, fp8: {}, fp6: {}, fp4: {}, hbm: {hbm}, hbm_unit: {hbm_unit}, hbm_tbs: {hbm_tbs}, \
             scaleup_gbs: {scaleup_gbs}, tdp_w: {tdp}, source: {:?}, as_of: {:?}, note: {:?}, note_zh: {:?} }},\n",
            c.id, c.name, c.vendor, r[0], r[1], r[2], r[3], r[4], r[5], r[6], c.source, c.as_of,
            c.note, c.note_zh
        ));
    }
    out.push_str("];\n");
    (out, ids)
}

/// Compiles `data/trends.csv` and `data/models.csv` into `TRENDS` and `MODELS`.
fn depreciation_tables(sources: &Ids) -> String {
    let tf = "data/trends.csv";
    let rows = read_cited::<TrendRow>(tf, sources);
    unique(tf, &rows, IdShape::Any);
    let mut out = format!("/// Rows of `{tf}`, in file order.\npub static TRENDS: &[Trend] = &[\n");
    for (at, t) in &rows {
        let value = at.positive("value", t.value);
        let low = at.positive_or("-", "low", &t.low);
        let high = at.positive_or("-", "high", &t.high);
        if low.is_some_and(|l| l > value) || high.is_some_and(|h| h < value) {
            panic!("{at}: columns `low`, `value`, `high`: expected low <= value <= high (`-` for none)");
        }
        at.filled("unit", &t.unit);
        let opt = |b: Option<f64>| b.map_or("None".to_string(), |v| format!("Some({v:?})"));
        out.push_str(&format!(
            "    Trend {{ id: {:?}, value: {value:?}, low: {}, high: {}, unit: {:?}, \
             source: {:?}, as_of: {:?}, note: {:?} }},\n",
            t.id,
            opt(low),
            opt(high),
            t.unit,
            t.source,
            t.as_of,
            t.note
        ));
    }
    out.push_str("];\n");

    let mf = "data/models.csv";
    let rows = read_cited::<ModelRow>(mf, sources);
    unique(mf, &rows, IdShape::Any);
    out.push_str(&format!(
        "/// Rows of `{mf}`, in file order.\npub static MODELS: &[RefModel] = &[\n"
    ));
    for (at, m) in &rows {
        at.filled("name", &m.name);
        let year = at.year("year", &m.year);
        let flop = at.positive("train_flop", m.train_flop);
        let amortized = at.positive("cost_amortized_usd", m.cost_amortized_usd);
        let cloud = at.positive("cost_cloud_usd", m.cost_cloud_usd);
        out.push_str(&format!(
            "    RefModel {{ id: {:?}, name: {:?}, year: {year}, train_flop: {flop:?}, \
             cost_amortized_usd: {amortized:?}, cost_cloud_usd: {cloud:?}, source: {:?}, as_of: {:?} }},\n",
            m.id, m.name, m.source, m.as_of
        ));
    }
    out.push_str("];\n");
    out
}

/// Compiles `data/occupations.csv` into `OCCUPATIONS`. Category ids are
/// checked for their shape here and against `ladder::CATEGORIES` by a native
/// test.
fn ladder_tables(sources: &Ids) -> String {
    let of = "data/occupations.csv";
    let rows = read_cited::<OccupationRow>(of, sources);
    unique(of, &rows, IdShape::Slug);
    let mut out =
        format!("/// Rows of `{of}`, in file order.\npub static OCCUPATIONS: &[Occupation] = &[\n");
    for (at, o) in &rows {
        at.filled("occupation", &o.occupation);
        if !is_slug(&o.category) {
            panic!(
                "{at}: column `category` is `{}`, expected a lowercase id (letters, digits, `-`)",
                o.category
            );
        }
        let frey = at.share("frey_osborne_p", &o.frey_osborne_p);
        let human = at.share("eloundou_human", &o.eloundou_human);
        let gpt4 = at.share("eloundou_gpt4", &o.eloundou_gpt4);
        out.push_str(&format!(
            "    Occupation {{ id: {:?}, occupation: {:?}, category: {:?}, frey_osborne_p: {frey}, \
             eloundou_human: {human}, eloundou_gpt4: {gpt4}, source: {:?}, as_of: {:?} }},\n",
            o.id, o.occupation, o.category, o.source, o.as_of
        ));
    }
    out.push_str("];\n");
    out
}

/// Compiles `data/links.csv` into `LINKS`. Bandwidths are positive GB/s;
/// `kind` is `pcie`, `nic` or `nvlink`.
fn bandwidth_tables(sources: &Ids) -> String {
    let lf = "data/links.csv";
    let rows = read_cited::<LinkRow>(lf, sources);
    unique(lf, &rows, IdShape::Slug);
    let mut out = format!("/// Rows of `{lf}`, in file order.\npub static LINKS: &[Link] = &[\n");
    for (at, l) in &rows {
        at.filled("name", &l.name);
        let one = at.positive("per_direction_gbs", l.per_direction_gbs);
        let both = at.positive("bidirectional_gbs", l.bidirectional_gbs);
        if both < one {
            panic!("{at}: column `bidirectional_gbs` is below `per_direction_gbs`");
        }
        let kind = match l.kind.as_str() {
            "pcie" => "LinkKind::Pcie",
            "nic" => "LinkKind::Nic",
            "nvlink" => "LinkKind::Nvlink",
            k => panic!("{at}: column `kind` is `{k}`, expected pcie, nic or nvlink"),
        };
        out.push_str(&format!(
            "    Link {{ id: {:?}, name: {:?}, per_direction_gbs: {one:?}, \
             bidirectional_gbs: {both:?}, kind: {kind}, source: {:?}, as_of: {:?}, note: {:?} }},\n",
            l.id, l.name, l.source, l.as_of, l.note
        ));
    }
    out.push_str("];\n");
    out
}

/// Compiles `data/prices.csv` and `data/rentals.csv` into `PRICES` and
/// `RENTALS`; a price names a chip of `chips` (the ids of `data/chips.csv`).
fn economics_tables(sources: &Ids, chips: &Ids) -> String {
    let pf = "data/prices.csv";
    let rows = read_cited::<PriceRow>(pf, sources);
    let mut out = format!("/// Rows of `{pf}`, in file order.\npub static PRICES: &[Price] = &[\n");
    for (i, (at, p)) in rows.iter().enumerate() {
        at.known("chip", &p.chip, chips);
        let price = at.positive("price_usd", p.price_usd);
        if p.kind != "purchase" {
            panic!("{at}: column `kind` is `{}`, expected `purchase`", p.kind);
        }
        let basis = match p.basis.as_str() {
            "gpu" => "Basis::Gpu",
            "server" => "Basis::Server",
            s => panic!("{at}: column `basis` is `{s}`, expected `gpu` or `server`"),
        };
        if let Some((first, _)) = rows[..i]
            .iter()
            .find(|(_, q)| q.chip == p.chip && q.kind == p.kind && q.basis == p.basis)
        {
            panic!(
                "{at}: a second `{}` {} price for `{}` (the first is on line {})",
                p.kind, p.basis, p.chip, first.line
            );
        }
        out.push_str(&format!(
            "    Price {{ chip: {:?}, price_usd: {price:?}, kind: {:?}, basis: {basis}, \
             source: {:?}, as_of: {:?}, note: {:?} }},\n",
            p.chip, p.kind, p.source, p.as_of, p.note
        ));
    }
    out.push_str("];\n");

    let sf = "data/server_power.csv";
    let rows = read_cited::<ServerPowerRow>(sf, sources);
    unique(sf, &rows, IdShape::Any);
    out.push_str(&format!(
        "/// Rows of `{sf}`, in file order.\npub static SERVER_POWER: &[ServerPower] = &[\n"
    ));
    for (at, r) in &rows {
        at.known("chip", &r.chip, chips);
        let factor = at.positive("factor", r.factor);
        if factor < 1.0 {
            panic!("{at}: column `factor` is {factor}, below 1 (a server draws at least its GPU's power)");
        }
        out.push_str(&format!(
            "    ServerPower {{ chip: {:?}, factor: {factor:?}, source: {:?}, as_of: {:?}, note: {:?} }},\n",
            r.chip, r.source, r.as_of, r.note
        ));
    }
    out.push_str("];\n");

    let rf = "data/rentals.csv";
    let rows = read_cited::<RentalRow>(rf, sources);
    unique(rf, &rows, IdShape::Slug);
    out.push_str(&format!(
        "/// Rows of `{rf}`, in file order.\npub static RENTALS: &[Rental] = &[\n"
    ));
    for (at, r) in &rows {
        at.filled("label", &r.label);
        let usd = at.positive("usd_per_hour", r.usd_per_hour);
        out.push_str(&format!(
            "    Rental {{ id: {:?}, label: {:?}, usd_per_hour: {usd:?}, source: {:?}, \
             as_of: {:?}, note: {:?} }},\n",
            r.id, r.label, r.source, r.as_of, r.note
        ));
    }
    out.push_str("];\n");
    out
}

/// Compiles each slide's `content/slides/{key}/steps.csv` into `STEPS`
/// (the slides by folder name; `deck::steps` orders them as the deck).
/// Every row needs a part and both titles, and a cue in both languages or
/// in neither; the folder must be a slide's text key and the part one of
/// the slide's (a `const` assertion per row, which the compiler evaluates:
/// `deck::steps::names_parts`); the `set` pairs are checked against the
/// panels by `deck::steps`'s tests.
fn steps_tables() -> String {
    println!("cargo:rerun-if-changed={SLIDES_DIR}");
    let mut out = format!("/// The rows of every `{SLIDES_DIR}/{{key}}/steps.csv`, slide by slide.\npub static STEPS: &[Step] = &[\n");
    let mut checks = String::new();
    for (key, dir) in slide_dirs(Path::new("")) {
        if !key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            panic!(
                "{}: a slide's folder is named by its text key (lowercase, `_`)",
                dir.display()
            );
        }
        let f: &'static str =
            Box::leak(dir.join("steps.csv").display().to_string().into_boxed_str());
        for (at, r) in &read::<StepRow>(f) {
            at.filled("part", &r.part);
            at.filled("title_zh", &r.title_zh);
            at.filled("title_en", &r.title_en);
            if r.cue_zh.is_empty() != r.cue_en.is_empty() {
                panic!("{at}: a cue needs both `cue_zh` and `cue_en`, or neither");
            }
            let secs: u16 = match r.secs.as_str() {
                "" => 0,
                s => s.parse().ok().filter(|n| (1..=3600).contains(n)).unwrap_or_else(|| {
                    panic!("{at}: column `secs` is `{s}`, expected whole seconds from 1 to 3600, or empty")
                }),
            };
            for (col, v) in [
                ("title_zh", &r.title_zh),
                ("title_en", &r.title_en),
                ("cue_zh", &r.cue_zh),
                ("cue_en", &r.cue_en),
            ] {
                if let Err(e) = quotations(v) {
                    panic!("{at}: column `{col}`: {e}");
                }
            }
            let [title_zh, title_en, cue_zh, cue_en] =
                [&r.title_zh, &r.title_en, &r.cue_zh, &r.cue_en].map(|v| with_quote_marks(v));
            out.push_str(&format!(
                "    Step {{ slide: {key:?}, part: {:?}, set: {:?}, secs: {secs}, title: [{title_zh:?}, {title_en:?}], cue: [{cue_zh:?}, {cue_en:?}] }},\n",
                r.part, r.set
            ));
            // The compiler checks that the part is one of the slide's: the
            // slide's variant is its key in CamelCase (a folder that is no
            // slide's does not compile either).
            checks.push_str(&format!(
                "const _: () = assert!(names_parts(crate::deck::slides::SlideId::{}, {:?}), {:?});\n",
                camel(&key),
                r.part,
                format!("{at}: column `part` is `{}`, which is not the slide's text (notes, context) or a part of its panel (deck::slides::panels!)", r.part)
            ));
        }
    }
    out.push_str("];\n");
    out.push_str(&checks);
    out
}

/// `rent_vs_buy` as `RentVsBuy`.
fn camel(key: &str) -> String {
    key.split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed=src/deck/text_format.rs");
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR");
    let write = |name: &str, code: String| {
        let path = Path::new(&out_dir).join(name);
        fs::write(&path, code).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    };
    write("text_tables.rs", text_tables());
    let (sources_code, sources) = sources_tables();
    write("sources_tables.rs", sources_code);
    let (chips_code, chips) = chips_tables(&sources);
    write("chips_tables.rs", chips_code);
    write("depreciation_tables.rs", depreciation_tables(&sources));
    write("ladder_tables.rs", ladder_tables(&sources));
    write("bandwidth_tables.rs", bandwidth_tables(&sources));
    write("economics_tables.rs", economics_tables(&sources, &chips));
    write("steps_tables.rs", steps_tables());
}
