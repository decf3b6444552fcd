//! The text data format of `content/*.txt`, shared by `build.rs` (which
//! compiles the files into static tables) and the native tests.
//!
//! An entry starts with a line `@@ key` and runs to the next such line.
//! Lines starting with `%%` are comments. Leading and trailing blank lines of a
//! value are dropped; everything else, including inner spacing, is kept as is.
//! Pure: std only.

/// Parses a text file into `(key, value)` pairs in file order.
/// Errors name the line: text before the first key, an empty key, a duplicate key.
pub fn parse_entries(src: &str) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut current: Option<(String, Vec<&str>)> = None;
    for (i, line) in src.lines().enumerate() {
        if line.starts_with("%%") {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@@") {
            let key = rest.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(format!("line {}: bad key {:?}", i + 1, rest));
            }
            if let Some((k, lines)) = current.take() {
                out.push((k, join_trimmed(&lines)));
            }
            if out.iter().any(|(k, _)| k == key) {
                return Err(format!("line {}: duplicate key {key}", i + 1));
            }
            current = Some((key.to_string(), Vec::new()));
        } else if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
        } else if !line.trim().is_empty() {
            return Err(format!("line {}: text before the first key", i + 1));
        }
    }
    if let Some((k, lines)) = current.take() {
        if out.iter().any(|(key, _)| *key == k) {
            return Err(format!("duplicate key {k}"));
        }
        out.push((k, join_trimmed(&lines)));
    }
    Ok(out)
}

fn join_trimmed(lines: &[&str]) -> String {
    let start = lines.iter().position(|l| !l.trim().is_empty());
    let end = lines.iter().rposition(|l| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => lines[s..=e].join("\n"),
        _ => String::new(),
    }
}
