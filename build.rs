//! Compiles `content/zh.txt` and `content/en.txt` into sorted static tables
//! (`$OUT_DIR/text_tables.rs`), so the page carries its text without a parser.
//! Compiles `data/sources.csv` and `data/chips.csv` into `$OUT_DIR/data_tables.rs`
//! (read by `src/chips.rs`), and `data/trends.csv` and `data/models.csv` into
//! `$OUT_DIR/depreciation_tables.rs` (read by `src/depreciation.rs`), and
//! `data/occupations.csv` into `$OUT_DIR/ladder_tables.rs` (read by
//! `src/ladder.rs`), `data/links.csv` into `$OUT_DIR/interconnect_tables.rs`
//! (read by `src/interconnect.rs`), and `data/prices.csv` and
//! `data/rentals.csv` into `$OUT_DIR/economics_tables.rs` (read by
//! `src/economics.rs`); a row without a known source or an `as_of` date, with
//! the wrong number of columns, or (prices) naming a chip not in
//! `data/chips.csv`, fails the build.
use std::{env, fs, path::Path};

#[path = "src/deck/text_format.rs"]
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

/// Header of `data/sources.csv`: its columns, in order.
const SOURCE_HEADER: &str = "key,title,publisher,url,as_of";
/// Header of `data/chips.csv`: its columns, in order.
const CHIP_HEADER: &str = "id,name,vendor,year,fp32,tf32,bf16,fp16,fp8,fp6,fp4,\
                           hbm_gb,hbm_tbs,scaleup_gbs,tdp_w,source,as_of,note,note_zh";

/// Header of `data/trends.csv`: its columns, in order.
const TREND_HEADER: &str = "id,value,low,high,unit,source,as_of,note";
/// Header of `data/models.csv`: its columns, in order.
const MODEL_HEADER: &str = "id,name,year,train_flop,cost_amortized_usd,cost_cloud_usd,source,as_of";
/// Header of `data/occupations.csv`: its columns, in order.
const OCCUPATION_HEADER: &str =
    "id,occupation,category,frey_osborne_p,eloundou_human,eloundou_gpt4,source,as_of";

/// Header of `data/links.csv`: its columns, in order.
const LINK_HEADER: &str = "id,name,per_direction_gbs,bidirectional_gbs,kind,source,as_of,note";
/// Header of `data/prices.csv`: its columns, in order.
const PRICE_HEADER: &str = "chip,price_usd,kind,source,as_of,note";
/// Header of `data/rentals.csv`: its columns, in order.
const RENTAL_HEADER: &str = "id,label,usd_per_hour,source,as_of,note";

/// Reads a CSV file with no quoting: fields may not contain commas or quotes.
/// Checks the header and the number of columns; returns (line number, fields) per row.
fn csv_rows(file: &str, want: &str) -> Vec<(usize, Vec<String>)> {
    println!("cargo:rerun-if-changed={file}");
    let src = fs::read_to_string(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let mut lines = src
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')));
    let header = lines.next().map(|(_, l)| l).unwrap_or("");
    let cols = want.split(',').count();
    if header != want {
        panic!("{file}: header is `{header}`, expected `{want}`");
    }
    let mut rows = Vec::new();
    for (n, line) in lines.filter(|(_, l)| !l.trim().is_empty()) {
        if line.contains('"') {
            panic!(
                "{file} line {n}: quotes are not supported; write fields without commas or quotes"
            );
        }
        let fields: Vec<String> = line.split(',').map(|f| f.trim().to_string()).collect();
        if fields.len() != cols {
            panic!(
                "{file} line {n}: {} columns, expected {} ({want}); fields may not contain commas",
                fields.len(),
                cols
            );
        }
        rows.push((n, fields));
    }
    rows
}

/// Panics unless `s` is a date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn check_as_of(file: &str, n: usize, s: &str) {
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
        panic!("{file} line {n}: as_of `{s}` must be a date YYYY, YYYY-MM or YYYY-MM-DD (every figure needs the date it is from)");
    }
}

/// A non-negative finite number written as a Rust `f64` literal.
fn number(file: &str, n: usize, col: &str, s: &str) -> String {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => format!("{v:?}"),
        _ => panic!("{file} line {n}: column `{col}` is `{s}`, expected a non-negative number"),
    }
}

/// A throughput cell: `-` not supported, `?` no sourced figure, else TFLOP/s.
fn rate(file: &str, n: usize, col: &str, s: &str) -> String {
    match s {
        "-" => "Rate::NotSupported".into(),
        "?" => "Rate::Unknown".into(),
        _ => format!("Rate::Tflops({})", number(file, n, col, s)),
    }
}

/// Panics unless `source` names one or more keys of `data/sources.csv`
/// (separated by spaces) and `as_of` is a date.
fn check_cited(file: &str, n: usize, id: &str, source: &str, as_of: &str, keys: &[String]) {
    let sf = "data/sources.csv";
    if source.is_empty() {
        panic!("{file} line {n} ({id}): column `source` is empty; every figure needs a source");
    }
    for key in source.split(' ') {
        if !keys.iter().any(|k| k == key) {
            panic!("{file} line {n} ({id}): source key `{key}` is not in {sf}");
        }
    }
    if as_of.is_empty() {
        panic!("{file} line {n} ({id}): column `as_of` is empty; every figure needs a date");
    }
    check_as_of(file, n, as_of);
}

/// Compiles `data/sources.csv` and `data/chips.csv` into `SOURCES` and `CHIPS`;
/// also returns the source keys and the chip ids, for the other tables' checks.
fn data_tables() -> (String, Vec<String>, Vec<String>) {
    let sf = "data/sources.csv";
    let mut keys: Vec<String> = Vec::new();
    let mut out =
        format!("/// Rows of `{sf}`, in file order.\npub static SOURCES: &[Source] = &[\n");
    for (n, f) in csv_rows(sf, SOURCE_HEADER) {
        let (key, title, publisher, url, as_of) = (&f[0], &f[1], &f[2], &f[3], &f[4]);
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            panic!("{sf} line {n}: key `{key}` must be non-empty letters, digits or `-`");
        }
        if keys.contains(key) {
            panic!("{sf} line {n}: duplicate key `{key}`");
        }
        if title.is_empty() || publisher.is_empty() {
            panic!("{sf} line {n}: source `{key}` needs a title and a publisher");
        }
        if !url.is_empty() && !url.starts_with("https://") {
            panic!("{sf} line {n}: url `{url}` must be empty or start with https://");
        }
        check_as_of(sf, n, as_of);
        keys.push(key.clone());
        out.push_str(&format!(
            "    Source {{ key: {key:?}, title: {title:?}, publisher: {publisher:?}, url: {url:?}, as_of: {as_of:?} }},\n"
        ));
    }
    out.push_str("];\n");

    let cf = "data/chips.csv";
    let col: Vec<&str> = CHIP_HEADER.split(',').collect();
    let mut ids: Vec<String> = Vec::new();
    out.push_str(&format!(
        "/// Rows of `{cf}`, in file order.\npub static CHIPS: &[Chip] = &[\n"
    ));
    for (n, f) in csv_rows(cf, CHIP_HEADER) {
        let id = &f[0];
        if id.is_empty() || ids.contains(id) {
            panic!("{cf} line {n}: id `{id}` is empty or a duplicate");
        }
        ids.push(id.clone());
        if f[1].is_empty() || f[2].is_empty() {
            panic!("{cf} line {n} ({id}): name and vendor must not be empty");
        }
        let year: u16 = f[3]
            .parse()
            .unwrap_or_else(|_| panic!("{cf} line {n} ({id}): year `{}` is not a year", f[3]));
        let (source, as_of) = (&f[15], &f[16]);
        check_cited(cf, n, id, source, as_of, &keys);
        if f[17].is_empty() != f[18].is_empty() {
            panic!("{cf} line {n} ({id}): note and note_zh must both be given or both be empty");
        }
        let r: Vec<String> = (4..=10).map(|i| rate(cf, n, col[i], &f[i])).collect();
        let m: Vec<String> = (11..=13).map(|i| number(cf, n, col[i], &f[i])).collect();
        let tdp = match f[14].as_str() {
            "?" => "None".to_string(),
            s => format!("Some({})", number(cf, n, "tdp_w", s)),
        };
        out.push_str(&format!(
            "    Chip {{ id: {id:?}, name: {:?}, vendor: {:?}, year: {year}, fp32: {}, tf32: {}, \
             bf16: {}, fp16: {}, fp8: {}, fp6: {}, fp4: {}, hbm_gb: {}, hbm_tbs: {}, \
             scaleup_gbs: {}, tdp_w: {tdp}, source: {source:?}, as_of: {as_of:?}, note: {:?}, note_zh: {:?} }},\n",
            f[1], f[2], r[0], r[1], r[2], r[3], r[4], r[5], r[6], m[0], m[1], m[2], f[17], f[18]
        ));
    }
    out.push_str("];\n");
    (out, keys, ids)
}

/// A positive finite number (written back with `{:?}`, a Rust `f64` literal).
fn positive(file: &str, n: usize, col: &str, s: &str) -> f64 {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => v,
        _ => panic!("{file} line {n}: column `{col}` is `{s}`, expected a positive number"),
    }
}

/// Compiles `data/trends.csv` and `data/models.csv` into `TRENDS` and `MODELS`,
/// checking their sources against `keys` (the keys of `data/sources.csv`).
fn depreciation_tables(keys: &[String]) -> String {
    let tf = "data/trends.csv";
    let mut ids: Vec<String> = Vec::new();
    let mut out = format!("/// Rows of `{tf}`, in file order.\npub static TRENDS: &[Trend] = &[\n");
    for (n, f) in csv_rows(tf, TREND_HEADER) {
        let id = &f[0];
        if id.is_empty() || ids.contains(id) {
            panic!("{tf} line {n}: id `{id}` is empty or a duplicate");
        }
        ids.push(id.clone());
        let value = positive(tf, n, "value", &f[1]);
        let bound = |i: usize, col: &str| match f[i].as_str() {
            "-" => None,
            s => Some(positive(tf, n, col, s)),
        };
        let (low, high) = (bound(2, "low"), bound(3, "high"));
        if low.is_some_and(|l| l > value) || high.is_some_and(|h| h < value) {
            panic!("{tf} line {n} ({id}): expected low <= value <= high (`-` for none)");
        }
        if f[4].is_empty() {
            panic!("{tf} line {n} ({id}): column `unit` is empty");
        }
        check_cited(tf, n, id, &f[5], &f[6], keys);
        let opt = |b: Option<f64>| b.map_or("None".to_string(), |v| format!("Some({v:?})"));
        out.push_str(&format!(
            "    Trend {{ id: {id:?}, value: {value:?}, low: {}, high: {}, unit: {:?}, \
             source: {:?}, as_of: {:?}, note: {:?} }},\n",
            opt(low),
            opt(high),
            f[4],
            f[5],
            f[6],
            f[7]
        ));
    }
    out.push_str("];\n");

    let mf = "data/models.csv";
    let col: Vec<&str> = MODEL_HEADER.split(',').collect();
    let mut ids: Vec<String> = Vec::new();
    out.push_str(&format!(
        "/// Rows of `{mf}`, in file order.\npub static MODELS: &[RefModel] = &[\n"
    ));
    for (n, f) in csv_rows(mf, MODEL_HEADER) {
        let id = &f[0];
        if id.is_empty() || ids.contains(id) {
            panic!("{mf} line {n}: id `{id}` is empty or a duplicate");
        }
        ids.push(id.clone());
        if f[1].is_empty() {
            panic!("{mf} line {n} ({id}): name must not be empty");
        }
        let year: u16 = f[2]
            .parse()
            .unwrap_or_else(|_| panic!("{mf} line {n} ({id}): year `{}` is not a year", f[2]));
        let v: Vec<f64> = (3..=5).map(|i| positive(mf, n, col[i], &f[i])).collect();
        check_cited(mf, n, id, &f[6], &f[7], keys);
        out.push_str(&format!(
            "    RefModel {{ id: {id:?}, name: {:?}, year: {year}, train_flop: {:?}, \
             cost_amortized_usd: {:?}, cost_cloud_usd: {:?}, source: {:?}, as_of: {:?} }},\n",
            f[1], v[0], v[1], v[2], f[6], f[7]
        ));
    }
    out.push_str("];\n");
    out
}

/// True if `s` is a non-empty id of lowercase ASCII letters, digits and `-`.
fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A share cell: `-` for no figure, else a number in 0..=1 (as `None` /
/// `Some(x)`, Rust source).
fn share(file: &str, n: usize, col: &str, s: &str) -> String {
    match s {
        "-" => "None".into(),
        _ => match s.parse::<f64>() {
            Ok(v) if (0.0..=1.0).contains(&v) => format!("Some({v:?})"),
            _ => {
                panic!("{file} line {n}: column `{col}` is `{s}`, expected a share in 0..=1 or `-`")
            }
        },
    }
}

/// Compiles `data/occupations.csv` into `OCCUPATIONS`, checking its sources
/// against `keys` (the keys of `data/sources.csv`). Category ids are checked
/// for their shape here and against `ladder::CATEGORIES` by a native test.
fn ladder_tables(keys: &[String]) -> String {
    let of = "data/occupations.csv";
    let col: Vec<&str> = OCCUPATION_HEADER.split(',').collect();
    let mut ids: Vec<String> = Vec::new();
    let mut out =
        format!("/// Rows of `{of}`, in file order.\npub static OCCUPATIONS: &[Occupation] = &[\n");
    for (n, f) in csv_rows(of, OCCUPATION_HEADER) {
        let id = &f[0];
        if !is_slug(id) || ids.contains(id) {
            panic!("{of} line {n}: id `{id}` must be a unique lowercase id (letters, digits, `-`)");
        }
        ids.push(id.clone());
        if f[1].is_empty() {
            panic!("{of} line {n} ({id}): occupation must not be empty");
        }
        if !is_slug(&f[2]) {
            panic!(
                "{of} line {n} ({id}): category `{}` must be a lowercase id",
                f[2]
            );
        }
        let v: Vec<String> = (3..=5).map(|i| share(of, n, col[i], &f[i])).collect();
        check_cited(of, n, id, &f[6], &f[7], keys);
        out.push_str(&format!(
            "    Occupation {{ id: {id:?}, occupation: {:?}, category: {:?}, frey_osborne_p: {}, \
             eloundou_human: {}, eloundou_gpt4: {}, source: {:?}, as_of: {:?} }},\n",
            f[1], f[2], v[0], v[1], v[2], f[6], f[7]
        ));
    }
    out.push_str("];\n");
    out
}

/// Compiles `data/links.csv` into `LINKS`, checking its sources against
/// `keys`. Bandwidths are positive GB/s; `kind` is `pcie`, `nic` or `nvlink`.
fn interconnect_tables(keys: &[String]) -> String {
    let lf = "data/links.csv";
    let mut ids: Vec<String> = Vec::new();
    let mut out = format!("/// Rows of `{lf}`, in file order.\npub static LINKS: &[Link] = &[\n");
    for (n, f) in csv_rows(lf, LINK_HEADER) {
        let id = &f[0];
        if !is_slug(id) || ids.contains(id) {
            panic!("{lf} line {n}: id `{id}` must be a unique lowercase id (letters, digits, `-`)");
        }
        ids.push(id.clone());
        if f[1].is_empty() {
            panic!("{lf} line {n} ({id}): name must not be empty");
        }
        let one = positive(lf, n, "per_direction_gbs", &f[2]);
        let both = positive(lf, n, "bidirectional_gbs", &f[3]);
        if both < one {
            panic!("{lf} line {n} ({id}): bidirectional_gbs is below per_direction_gbs");
        }
        let kind = match f[4].as_str() {
            "pcie" => "LinkKind::Pcie",
            "nic" => "LinkKind::Nic",
            "nvlink" => "LinkKind::Nvlink",
            k => panic!("{lf} line {n} ({id}): kind `{k}` must be pcie, nic or nvlink"),
        };
        check_cited(lf, n, id, &f[5], &f[6], keys);
        out.push_str(&format!(
            "    Link {{ id: {id:?}, name: {:?}, per_direction_gbs: {one:?}, \
             bidirectional_gbs: {both:?}, kind: {kind}, source: {:?}, as_of: {:?}, note: {:?} }},\n",
            f[1], f[5], f[6], f[7]
        ));
    }
    out.push_str("];\n");
    out
}

/// Compiles `data/prices.csv` and `data/rentals.csv` into `PRICES` and
/// `RENTALS`, checking sources against `keys` and price rows' chips against
/// `chip_ids` (the ids of `data/chips.csv`).
fn economics_tables(keys: &[String], chip_ids: &[String]) -> String {
    let pf = "data/prices.csv";
    let mut seen: Vec<(String, String)> = Vec::new();
    let mut out = format!("/// Rows of `{pf}`, in file order.\npub static PRICES: &[Price] = &[\n");
    for (n, f) in csv_rows(pf, PRICE_HEADER) {
        let chip = &f[0];
        if !chip_ids.contains(chip) {
            panic!("{pf} line {n}: chip `{chip}` is not an id of data/chips.csv");
        }
        let price = positive(pf, n, "price_usd", &f[1]);
        if f[2] != "purchase" {
            panic!("{pf} line {n} ({chip}): kind `{}` must be `purchase`", f[2]);
        }
        let pair = (chip.clone(), f[2].clone());
        if seen.contains(&pair) {
            panic!("{pf} line {n}: a second `{}` price for `{chip}`", f[2]);
        }
        seen.push(pair);
        check_cited(pf, n, chip, &f[3], &f[4], keys);
        out.push_str(&format!(
            "    Price {{ chip: {chip:?}, price_usd: {price:?}, kind: {:?}, source: {:?}, \
             as_of: {:?}, note: {:?} }},\n",
            f[2], f[3], f[4], f[5]
        ));
    }
    out.push_str("];\n");

    let rf = "data/rentals.csv";
    let mut ids: Vec<String> = Vec::new();
    out.push_str(&format!(
        "/// Rows of `{rf}`, in file order.\npub static RENTALS: &[Rental] = &[\n"
    ));
    for (n, f) in csv_rows(rf, RENTAL_HEADER) {
        let id = &f[0];
        if !is_slug(id) || ids.contains(id) {
            panic!("{rf} line {n}: id `{id}` must be a unique lowercase id (letters, digits, `-`)");
        }
        ids.push(id.clone());
        if f[1].is_empty() {
            panic!("{rf} line {n} ({id}): label must not be empty");
        }
        let usd = positive(rf, n, "usd_per_hour", &f[2]);
        check_cited(rf, n, id, &f[3], &f[4], keys);
        out.push_str(&format!(
            "    Rental {{ id: {id:?}, label: {:?}, usd_per_hour: {usd:?}, source: {:?}, \
             as_of: {:?}, note: {:?} }},\n",
            f[1], f[3], f[4], f[5]
        ));
    }
    out.push_str("];\n");
    out
}

fn main() {
    println!("cargo:rerun-if-changed=src/text_format.rs");
    let code = table("ZH", "content/zh.txt") + &table("EN", "content/en.txt");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("text_tables.rs");
    fs::write(out, code).expect("write text tables");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("data_tables.rs");
    let (data, keys, chip_ids) = data_tables();
    fs::write(out, data).expect("write data tables");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("depreciation_tables.rs");
    fs::write(out, depreciation_tables(&keys)).expect("write depreciation tables");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("ladder_tables.rs");
    fs::write(out, ladder_tables(&keys)).expect("write ladder tables");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("interconnect_tables.rs");
    fs::write(out, interconnect_tables(&keys)).expect("write interconnect tables");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("economics_tables.rs");
    fs::write(out, economics_tables(&keys, &chip_ids)).expect("write economics tables");
}
