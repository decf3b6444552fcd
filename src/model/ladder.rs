//! The model behind the "automation-difficulty ladder" panel: the notes order
//! the work an LLM can take over from easy to hard, and published measures of
//! exposure either agree with that order or invert it. Pure: std only (plus
//! `chips` for the source list); no float parsing or formatting.
//!
//! **The notes' ladder.** Eight rungs ([`CATEGORIES`]), one per example the
//! notes give, in three tiers ([`Tier`]): white collar with an arts
//! background — personal assistant, phone customer service, document
//! processing, games and entertainment, education (language in, language
//! out); white collar STEM — software engineering (problems in, code out);
//! blue collar — autonomous vehicles, robotics (the physical world in,
//! actions out). `notes_position` is the order in the notes, 1 = easiest.
//! The rungs are the notes' own structure, not a sourced figure, so they live
//! here rather than in a CSV; their ids are stable (URLs and tests use them).
//!
//! **Data.** `data/occupations.csv` is compiled by `build.rs` into
//! `$OUT_DIR/ladder_tables.rs` ([`OCCUPATIONS`]), included here. Each row is
//! one occupation standing for a rung, with three shares in 0..=1 (`None`
//! where the source has no figure, `-` in the CSV): Frey & Osborne's 2013
//! probability of computerisation, and Eloundou et al.'s exposure beta (share
//! of an occupation's tasks exposed to LLMs: direct exposure plus half of
//! tool-enabled exposure) as rated by humans and by GPT-4. Each row's
//! `source` holds keys of [`crate::model::sources::SOURCES`]; the build fails on an
//! unknown key or a missing `as_of`, and a native test on a category id that
//! is not in [`CATEGORIES`].
//!
//! **Lenses.** A [`Lens`] orders the rungs: the notes' order, or one of the
//! three measures (the mean over a rung's occupations, [`score`]; a higher
//! share means easier to automate, so it comes first, [`order`]).
//! [`kendall_tau`] and [`moves`] compare two orderings; [`move_item`] is the
//! "rank it yourself" step.
//!
//! **URL key:** `lens` ([`Lens::id`], parsed by `FromStr`), e.g.
//! `#/ladder?lens=computerisation-2013`; the default is `notes`.

use crate::enum_field;
use crate::model::settings::{Field, Settings};
use crate::model::sort::stable_sort_by;
use crate::model::sources::{source, Source};

/// One occupation standing for a rung (one row of `data/occupations.csv`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Occupation {
    /// Stable id, e.g. `telemarketers`.
    pub id: &'static str,
    /// The occupation's name in the sources (English), e.g. `Telemarketers`.
    pub occupation: &'static str,
    /// Id of its rung in [`CATEGORIES`], e.g. `customer-service`.
    pub category: &'static str,
    /// Frey & Osborne (2013): probability of computerisation, 0..=1.
    pub frey_osborne_p: Option<f64>,
    /// Eloundou et al.: exposure beta (share of tasks), human raters, 0..=1.
    pub eloundou_human: Option<f64>,
    /// Eloundou et al.: exposure beta (share of tasks), GPT-4 as rater, 0..=1.
    pub eloundou_gpt4: Option<f64>,
    /// Keys of `sources::SOURCES`, separated by spaces; see [`Occupation::sources`].
    pub source: &'static str,
    /// Date of the figures: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/ladder_tables.rs"));

impl Occupation {
    /// The sources of this row, in the order the row names them.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        self.source.split(' ').filter_map(source)
    }

    /// This occupation's share under `lens` (0..=1); `None` for
    /// [`Lens::Notes`] and where the source has no figure.
    pub fn figure(&self, lens: Lens) -> Option<f64> {
        match lens {
            Lens::Notes => None,
            Lens::ExposureHuman => self.eloundou_human,
            Lens::ExposureGpt4 => self.eloundou_gpt4,
            Lens::Computerisation2013 => self.frey_osborne_p,
        }
    }
}

/// The notes' three tiers, easiest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// White collar, arts background: language in, language out.
    Arts,
    /// White collar, STEM: problems in, code out.
    Stem,
    /// Blue collar: the physical world in, actions out.
    Blue,
}

impl Tier {
    /// Every tier, easiest first.
    pub const ALL: [Tier; 3] = [Tier::Arts, Tier::Stem, Tier::Blue];

    /// Stable id: `arts`, `stem`, `blue`.
    pub fn id(self) -> &'static str {
        match self {
            Tier::Arts => "arts",
            Tier::Stem => "stem",
            Tier::Blue => "blue",
        }
    }
}

impl std::str::FromStr for Tier {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        Tier::ALL.into_iter().find(|t| t.id() == s).ok_or(())
    }
}

/// One rung of the notes' ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Category {
    /// Stable id, e.g. `customer-service`.
    pub id: &'static str,
    pub tier: Tier,
    /// Position in the notes, 1 = easiest.
    pub notes_position: u8,
}

impl Category {
    /// The occupations standing for this rung, in file order.
    pub fn occupations(&self) -> impl Iterator<Item = &'static Occupation> + '_ {
        OCCUPATIONS.iter().filter(move |o| o.category == self.id)
    }

    /// The sources of this rung's occupations, each once, in the order the
    /// rows name them.
    pub fn sources(&self) -> impl Iterator<Item = &'static Source> {
        let mut seen: Vec<&'static Source> = Vec::new();
        for o in self.occupations() {
            for s in o.sources() {
                if !seen.iter().any(|t| t.key == s.key) {
                    seen.push(s);
                }
            }
        }
        seen.into_iter()
    }
}

/// The notes' rungs, in the notes' order (easiest first).
pub static CATEGORIES: [Category; 8] = [
    Category {
        id: "assistant",
        tier: Tier::Arts,
        notes_position: 1,
    },
    Category {
        id: "customer-service",
        tier: Tier::Arts,
        notes_position: 2,
    },
    Category {
        id: "documents",
        tier: Tier::Arts,
        notes_position: 3,
    },
    Category {
        id: "entertainment",
        tier: Tier::Arts,
        notes_position: 4,
    },
    Category {
        id: "education",
        tier: Tier::Arts,
        notes_position: 5,
    },
    Category {
        id: "software",
        tier: Tier::Stem,
        notes_position: 6,
    },
    Category {
        id: "vehicles",
        tier: Tier::Blue,
        notes_position: 7,
    },
    Category {
        id: "robotics",
        tier: Tier::Blue,
        notes_position: 8,
    },
];

/// The rung with this id.
pub fn category(id: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.id == id)
}

/// The occupation with this id.
pub fn occupation(id: &str) -> Option<&'static Occupation> {
    OCCUPATIONS.iter().find(|o| o.id == id)
}

/// What orders the ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lens {
    /// The notes' own order.
    #[default]
    Notes,
    /// Eloundou et al.'s exposure beta, human raters.
    ExposureHuman,
    /// Eloundou et al.'s exposure beta, GPT-4 as rater.
    ExposureGpt4,
    /// Frey & Osborne's 2013 probability of computerisation.
    Computerisation2013,
}

impl Lens {
    /// Every lens, the notes first.
    pub const ALL: [Lens; 4] = [
        Lens::Notes,
        Lens::ExposureHuman,
        Lens::ExposureGpt4,
        Lens::Computerisation2013,
    ];

    /// Stable id, the value of the URL's `lens=`: `notes`, `exposure-human`,
    /// `exposure-gpt4`, `computerisation-2013`.
    pub fn id(self) -> &'static str {
        match self {
            Lens::Notes => "notes",
            Lens::ExposureHuman => "exposure-human",
            Lens::ExposureGpt4 => "exposure-gpt4",
            Lens::Computerisation2013 => "computerisation-2013",
        }
    }
}

impl std::str::FromStr for Lens {
    type Err = ();
    /// Parses an id of [`Lens::id`] exactly (case-sensitive); anything else
    /// is an error, for the route to report and replace by the default.
    fn from_str(s: &str) -> Result<Self, ()> {
        Lens::ALL.into_iter().find(|l| l.id() == s).ok_or(())
    }
}

/// The ladder panel's settings: the lens that orders the rungs (`lens=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct LadderSettings {
    pub lens: Lens,
}

impl Settings for LadderSettings {
    const FIELDS: &'static [Field<Self>] = &[enum_field!("lens", Lens::ALL, lens)];
    fn clamped(&self) -> Self {
        *self
    }
    fn examples() -> Vec<Self> {
        Lens::ALL[1..]
            .iter()
            .map(|&lens| LadderSettings { lens })
            .collect()
    }
}

/// A rung's score under `lens`: for [`Lens::Notes`], its notes position
/// (1.0 = easiest); otherwise the mean of its occupations' shares (0..=1,
/// higher = more exposed = easier), ignoring missing figures; `None` if it
/// has no figure at all.
pub fn score(category: &Category, lens: Lens) -> Option<f64> {
    if lens == Lens::Notes {
        return Some(f64::from(category.notes_position));
    }
    let (sum, n) = category
        .occupations()
        .filter_map(|o| o.figure(lens))
        .fold((0.0, 0u32), |(s, n), x| (s + x, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// The rungs from easy to hard under `lens`. For [`Lens::Notes`], the notes'
/// order; for a measure, the highest score first, with ties keeping the
/// notes' order and rungs without a score last (in the notes' order).
pub fn order(lens: Lens) -> Vec<&'static Category> {
    let mut out: Vec<&'static Category> = CATEGORIES.iter().collect();
    // CATEGORIES is in the notes' order; the sorts are stable.
    stable_sort_by(&mut out, |a, b| a.notes_position < b.notes_position);
    if lens != Lens::Notes {
        // Highest score first; a rung with no score goes after every scored one.
        let key = |c: &Category| score(c, lens).unwrap_or(f64::NEG_INFINITY);
        stable_sort_by(&mut out, |a, b| key(a) > key(b));
    }
    out
}

/// The ids of an ordering of rungs, for [`kendall_tau`] and [`moves`].
pub fn ids(order: &[&Category]) -> Vec<&'static str> {
    order.iter().map(|c| c.id).collect()
}

/// The ids `a` and `b` share, each once (its first occurrence), in `a`'s
/// order; and for each, its index among the shared ids in `b`'s order.
fn common<'a>(a: &[&'a str], b: &[&str]) -> (Vec<&'a str>, Vec<usize>) {
    let mut a_ids: Vec<&'a str> = Vec::new();
    for &x in a {
        if b.contains(&x) && !a_ids.contains(&x) {
            a_ids.push(x);
        }
    }
    let mut b_ids: Vec<&str> = Vec::new();
    for &x in b {
        if a_ids.contains(&x) && !b_ids.contains(&x) {
            b_ids.push(x);
        }
    }
    let rank_b = a_ids
        .iter()
        .map(|x| b_ids.iter().position(|y| y == x).unwrap_or(0))
        .collect();
    (a_ids, rank_b)
}

/// Kendall's tau-a between two orderings: (concordant − discordant pairs) /
/// (n(n−1)/2), so 1.0 for the same order, −1.0 for the reverse, and
/// 1 − 4/(n(n−1)) for one adjacent swap.
///
/// Only the ids both orderings hold are compared (the others are ignored),
/// a repeated id counts at its first occurrence, and with fewer than two
/// shared ids the result is 0.0. Never panics; O(n²), for a handful of ids.
pub fn kendall_tau(a: &[&str], b: &[&str]) -> f64 {
    let (_, rank_b) = common(a, b);
    let n = rank_b.len();
    if n < 2 {
        return 0.0;
    }
    let mut net: i64 = 0;
    for i in 0..n {
        for j in i + 1..n {
            net += if rank_b[i] < rank_b[j] { 1 } else { -1 };
        }
    }
    let pairs = (n * (n - 1) / 2) as f64;
    net as f64 / pairs
}

/// How far each id moved from ordering `a` to ordering `b`: `(id, shift)`
/// with `shift` = its index in `b` − its index in `a` (positive: it moved
/// later, i.e. harder). Largest |shift| first; ties (and unmoved ids, 0)
/// keep `a`'s order. As in [`kendall_tau`], only shared ids count (indices
/// among the shared ids), each at its first occurrence.
pub fn moves<'a>(a: &[&'a str], b: &[&str]) -> Vec<(&'a str, i32)> {
    let (a_ids, rank_b) = common(a, b);
    let mut out: Vec<(&'a str, i32)> = a_ids
        .into_iter()
        .zip(rank_b)
        .enumerate()
        .map(|(i, (id, r))| (id, r as i32 - i as i32))
        .collect();
    stable_sort_by(&mut out, |x, y| x.1.unsigned_abs() > y.1.unsigned_abs());
    out
}

/// Where "rank it yourself" starts: every rung once, in an order close to
/// none of the lenses (|Kendall's tau| < 0.5 against each, tested), so the
/// start gives no answer away. Easiest first, like every ordering here.
pub const RANK_START: [&str; 8] = [
    "software",
    "robotics",
    "customer-service",
    "education",
    "vehicles",
    "assistant",
    "entertainment",
    "documents",
];

/// "Rank it yourself": moves the item at `index` by `delta` places (negative
/// = towards the front, easier), clamped to the ends; the others keep their
/// order. An `index` out of range does nothing.
pub fn move_item<T>(order: &mut [T], index: usize, delta: i32) {
    let len = order.len();
    if index >= len {
        return;
    }
    let last = (len - 1) as i64;
    let target = (index as i64 + i64::from(delta)).max(0).min(last) as usize;
    if target > index {
        order[index..=target].rotate_left(1);
    } else if target < index {
        order[target..=index].rotate_right(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn cat(id: &str) -> &'static Category {
        category(id).expect("a rung of CATEGORIES")
    }

    fn order_ids(lens: Lens) -> Vec<&'static str> {
        ids(&order(lens))
    }

    const NOTES_ORDER: [&str; 8] = [
        "assistant",
        "customer-service",
        "documents",
        "entertainment",
        "education",
        "software",
        "vehicles",
        "robotics",
    ];

    #[test]
    fn every_row_has_known_sources_and_a_date() {
        assert_eq!(OCCUPATIONS.len(), 15);
        for o in OCCUPATIONS {
            let keys: Vec<&str> = o.sources().map(|s| s.key).collect();
            assert_eq!(keys, ["ELOUNDOU2023", "FREY2013"], "{}", o.id);
            assert!(!o.as_of.is_empty(), "{}", o.id);
        }
        for c in &CATEGORIES {
            let keys: Vec<&str> = c.sources().map(|s| s.key).collect();
            assert_eq!(keys, ["ELOUNDOU2023", "FREY2013"], "{}", c.id);
        }
        let eloundou = source("ELOUNDOU2023").expect("in data/sources.csv");
        assert_eq!(eloundou.url, "https://arxiv.org/abs/2303.10130");
        assert!(source("FREY2013").is_some());
    }

    #[test]
    fn every_occupation_is_on_a_rung_and_every_rung_has_one() {
        for o in OCCUPATIONS {
            assert!(category(o.category).is_some(), "{}: {}", o.id, o.category);
            assert!(occupation(o.id) == Some(o));
        }
        for c in &CATEGORIES {
            assert!(c.occupations().count() >= 1, "{}", c.id);
        }
    }

    #[test]
    fn rungs_are_in_the_notes_order_and_tiers() {
        let positions: Vec<u8> = CATEGORIES.iter().map(|c| c.notes_position).collect();
        assert_eq!(positions, [1, 2, 3, 4, 5, 6, 7, 8]);
        assert_eq!(order_ids(Lens::Notes), NOTES_ORDER);
        let tiers: Vec<&str> = CATEGORIES.iter().map(|c| c.tier.id()).collect();
        assert_eq!(
            tiers,
            ["arts", "arts", "arts", "arts", "arts", "stem", "blue", "blue"]
        );
        for t in Tier::ALL {
            assert_eq!(t.id().parse::<Tier>(), Ok(t));
        }
        assert_eq!(score(cat("software"), Lens::Notes), Some(6.0));
    }

    #[test]
    fn category_means_match_hand_sums() {
        // Frey & Osborne 2013.
        let f = Lens::Computerisation2013;
        assert!(close(score(cat("assistant"), f).unwrap(), 0.96));
        assert!(close(
            score(cat("customer-service"), f).unwrap(),
            (0.55 + 0.99) / 2.0
        ));
        assert!(close(
            score(cat("documents"), f).unwrap(),
            (0.99 + 0.84 + 0.94) / 3.0
        ));
        assert!(close(
            score(cat("entertainment"), f).unwrap(),
            (0.038 + 0.38) / 2.0
        ));
        // Tutors have no 2013 figure: the mean is the teachers' alone.
        assert!(close(score(cat("education"), f).unwrap(), 0.008));
        assert!(close(
            score(cat("software"), f).unwrap(),
            (0.042 + 0.48) / 2.0
        ));
        assert!(close(
            score(cat("vehicles"), f).unwrap(),
            (0.79 + 0.89) / 2.0
        ));
        assert!(close(score(cat("robotics"), f).unwrap(), 0.88));

        // Eloundou et al., human raters.
        let h = Lens::ExposureHuman;
        assert!(close(score(cat("customer-service"), h).unwrap(), 0.615));
        assert!(close(
            score(cat("documents"), h).unwrap(),
            (0.50 + 0.60 + 0.45) / 3.0
        ));
        assert!(close(score(cat("entertainment"), h).unwrap(), 0.825));
        assert!(close(score(cat("education"), h).unwrap(), 0.355));
        assert!(close(score(cat("software"), h).unwrap(), 0.565));
        assert!(close(score(cat("vehicles"), h).unwrap(), 0.21));

        // Eloundou et al., GPT-4 as rater.
        let g = Lens::ExposureGpt4;
        assert!(close(score(cat("customer-service"), g).unwrap(), 0.69));
        assert!(close(
            score(cat("documents"), g).unwrap(),
            (0.89 + 0.98 + 0.52) / 3.0
        ));
        assert!(close(score(cat("entertainment"), g).unwrap(), 0.875));
        assert!(close(score(cat("education"), g).unwrap(), 0.435));
        assert!(close(score(cat("software"), g).unwrap(), 0.91));
        assert!(close(score(cat("vehicles"), g).unwrap(), 0.28));
        assert!(close(score(cat("robotics"), g).unwrap(), 0.05));
    }

    #[test]
    fn computerisation_2013_puts_drivers_easy_and_developers_hard() {
        // 0.96, 0.923, 0.88, 0.84, 0.77, 0.261, 0.209, 0.008.
        assert_eq!(
            order_ids(Lens::Computerisation2013),
            [
                "assistant",
                "documents",
                "robotics",
                "vehicles",
                "customer-service",
                "software",
                "entertainment",
                "education",
            ]
        );
    }

    #[test]
    fn exposure_orders_put_the_physical_world_last() {
        // GPT-4: 0.91, 0.875, 0.797, 0.69, 0.64, 0.435, 0.28, 0.05.
        assert_eq!(
            order_ids(Lens::ExposureGpt4),
            [
                "software",
                "entertainment",
                "documents",
                "customer-service",
                "assistant",
                "education",
                "vehicles",
                "robotics",
            ]
        );
        // Human: 0.825, 0.615, 0.57, 0.565, 0.517, 0.355, 0.21, 0.02.
        assert_eq!(
            order_ids(Lens::ExposureHuman),
            [
                "entertainment",
                "customer-service",
                "assistant",
                "software",
                "documents",
                "education",
                "vehicles",
                "robotics",
            ]
        );
    }

    #[test]
    fn kendall_tau_of_identical_reversed_and_one_swap() {
        let a = NOTES_ORDER;
        assert_eq!(kendall_tau(&a, &a), 1.0);
        let mut r = a;
        r.reverse();
        assert_eq!(kendall_tau(&a, &r), -1.0);
        for n in 2..=a.len() {
            for i in 0..n - 1 {
                let mut s = a[..n].to_vec();
                s.swap(i, i + 1);
                let nf = n as f64;
                assert!(close(
                    kendall_tau(&a[..n], &s),
                    1.0 - 4.0 / (nf * (nf - 1.0))
                ));
            }
        }
        // n = 8: 1 - 4/56 = 13/14.
        let mut s = a;
        s.swap(3, 4);
        assert!(close(kendall_tau(&a, &s), 13.0 / 14.0));
    }

    #[test]
    fn notes_agree_with_gpt4_exposure_more_than_with_2013() {
        let notes = order_ids(Lens::Notes);
        // Notes positions in the GPT-4 order: 6 4 3 2 1 5 7 8, 11 inversions
        // of 28 pairs: (17 - 11) / 28.
        let gpt4 = kendall_tau(&notes, &order_ids(Lens::ExposureGpt4));
        assert!(close(gpt4, 3.0 / 14.0));
        // In the 2013 order: 1 3 8 7 2 6 4 5, 12 inversions: (16 - 12) / 28.
        let frey = kendall_tau(&notes, &order_ids(Lens::Computerisation2013));
        assert!(close(frey, 1.0 / 7.0));
        assert!(gpt4 > 0.0 && frey < gpt4);
        // Human raters: 4 2 1 6 3 5 7 8, 6 inversions: (22 - 6) / 28.
        let human = kendall_tau(&notes, &order_ids(Lens::ExposureHuman));
        assert!(close(human, 4.0 / 7.0));
    }

    #[test]
    fn rank_start_holds_every_rung_once_and_gives_no_lens_away() {
        let mut ids: Vec<&str> = RANK_START.to_vec();
        ids.sort_unstable();
        let mut all: Vec<&str> = CATEGORIES.iter().map(|c| c.id).collect();
        all.sort_unstable();
        assert_eq!(ids, all);
        for lens in Lens::ALL {
            let tau = kendall_tau(&RANK_START, &order_ids(lens));
            assert!(tau.abs() < 0.5, "{lens:?}: tau {tau}");
        }
    }

    #[test]
    fn moves_put_the_largest_shift_first_and_keep_ties_in_order() {
        // From the notes' order to the 2013 order: robotics moves from the
        // 8th place to the 3rd (-5), education from 5th to 8th (+3).
        let m = moves(
            &order_ids(Lens::Notes),
            &order_ids(Lens::Computerisation2013),
        );
        assert_eq!(m[0], ("robotics", -5));
        assert_eq!(m.len(), 8);
        for w in m.windows(2) {
            assert!(w[0].1.unsigned_abs() >= w[1].1.unsigned_abs());
        }
        // Same order: nothing moves, the order is kept.
        let same = moves(&RANK_START, &RANK_START);
        assert!(same.iter().all(|&(_, s)| s == 0));
        assert_eq!(same.iter().map(|m| m.0).collect::<Vec<_>>(), RANK_START);
    }

    #[test]
    fn kendall_tau_on_odd_inputs_does_not_panic() {
        assert_eq!(kendall_tau(&[], &[]), 0.0);
        assert_eq!(kendall_tau(&["a"], &["a"]), 0.0);
        assert_eq!(kendall_tau(&["a", "b"], &["c", "d"]), 0.0);
        // Only the shared ids count: x and y are ignored.
        assert_eq!(
            kendall_tau(&["a", "x", "b", "c"], &["c", "b", "y", "a"]),
            -1.0
        );
        // A repeated id counts at its first occurrence.
        assert_eq!(
            kendall_tau(&["a", "b", "a", "c"], &["a", "b", "c", "c"]),
            1.0
        );
    }

    #[test]
    fn moves_are_largest_first() {
        let a = ["a", "b", "c", "d"];
        let b = ["d", "a", "b", "c"];
        assert_eq!(moves(&a, &b), [("d", -3), ("a", 1), ("b", 1), ("c", 1)]);
        assert_eq!(moves(&a, &a), [("a", 0), ("b", 0), ("c", 0), ("d", 0)]);
        assert_eq!(moves(&a, &["b", "z"]), [("b", 0)]);
        // From the notes to 2013: robotics jumps 5 places easier, vehicles 3;
        // customer service, entertainment and education move 3 harder.
        let notes = order_ids(Lens::Notes);
        let m = moves(&notes, &order_ids(Lens::Computerisation2013));
        assert_eq!(
            m,
            [
                ("robotics", -5),
                ("customer-service", 3),
                ("entertainment", 3),
                ("education", 3),
                ("vehicles", -3),
                ("documents", -1),
                ("assistant", 0),
                ("software", 0),
            ]
        );
    }

    #[test]
    fn move_item_clamps_at_the_ends() {
        let mut v = vec!["a", "b", "c", "d"];
        move_item(&mut v, 1, 1);
        assert_eq!(v, ["a", "c", "b", "d"]);
        move_item(&mut v, 2, -1);
        assert_eq!(v, ["a", "b", "c", "d"]);
        move_item(&mut v, 0, -1);
        assert_eq!(v, ["a", "b", "c", "d"]);
        move_item(&mut v, 3, 1);
        assert_eq!(v, ["a", "b", "c", "d"]);
        move_item(&mut v, 1, 100);
        assert_eq!(v, ["a", "c", "d", "b"]);
        move_item(&mut v, 3, i32::MIN);
        assert_eq!(v, ["b", "a", "c", "d"]);
        move_item(&mut v, 0, i32::MAX);
        assert_eq!(v, ["a", "c", "d", "b"]);
        move_item(&mut v, 4, -1);
        move_item(&mut v, usize::MAX, 1);
        assert_eq!(v, ["a", "c", "d", "b"]);
        let mut empty: Vec<&str> = Vec::new();
        move_item(&mut empty, 0, 1);
        assert!(empty.is_empty());
    }

    #[test]
    fn lens_ids_round_trip() {
        for l in Lens::ALL {
            assert_eq!(l.id().parse::<Lens>(), Ok(l));
        }
        assert_eq!(
            "computerisation-2013".parse::<Lens>(),
            Ok(Lens::Computerisation2013)
        );
        assert_eq!(Lens::default(), Lens::Notes);
        for bad in ["", "Notes", "exposure", "computerization-2013", "notes "] {
            assert_eq!(bad.parse::<Lens>(), Err(()), "{bad:?}");
        }
    }
}
