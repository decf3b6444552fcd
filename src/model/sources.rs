//! Where figures come from: the table of `data/sources.csv`, compiled in by
//! `build.rs`, and how a data row names its sources on the page. Every data
//! row (chips, links, prices, rentals, trends, models, occupations) cites
//! one or more keys of [`SOURCES`], separated by spaces; the build fails on
//! an unknown key or a row without an `as_of` date.

/// Where figures come from (one row of `data/sources.csv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// Short key the data rows cite, e.g. `MLE`.
    pub key: &'static str,
    pub title: &'static str,
    pub publisher: &'static str,
    /// `https://` address, or empty where none is known.
    pub url: &'static str,
    /// Date the source was read or published: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/sources_tables.rs"));

/// How a row names its sources on the page: the publishers, `; `-separated,
/// then the row's date: `stas00/ml-engineering; jax-ml/scaling-book (2026)`.
pub fn cite<'a>(sources: impl Iterator<Item = &'a Source>, as_of: &str) -> String {
    let names: Vec<&str> = sources.map(|s| s.publisher).collect();
    format!("{} ({as_of})", names.join("; "))
}

/// The source with this key.
pub fn source(key: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.key == key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::chips::CHIPS;

    #[test]
    fn cite_names_publishers_then_the_date() {
        let h100 = CHIPS.iter().find(|c| c.id == "h100").expect("h100");
        let srcs = h100.source.split(' ').filter_map(source);
        assert_eq!(
            cite(srcs, h100.as_of),
            "stas00/ml-engineering; jax-ml/scaling-book (2026)"
        );
        assert_eq!(cite(std::iter::empty(), "2024"), " (2024)");
    }
}
