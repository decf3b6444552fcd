//! What the models map (`#/models`) and the three lesson slides
//! (`#/post-training`, `#/data`, `#/evaluation`) show besides their text:
//! the notes' modalities with their verdict and remark, and each lesson's
//! takeaway. Pure: ids and text keys only; the words are in `content/*.txt`
//! under `mod.*` and `les.*`.
//!
//! Every remark is the notes' own (in zh.txt the original words, in en.txt our
//! translation); what we add from 2026 sits under separate `.ours` keys and the
//! page labels it as ours, with its sources (rows of `data/sources.csv`). It
//! names models and dates only, no figures (a figure would need a row in
//! `data/`).

/// The notes' verdict on a modality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Listed under the slide's heading, "good, or good enough"; the notes do
    /// not say which of the two.
    Listed,
    /// The killer app: a question the notes leave open.
    Open,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Listed => "mod.verdict.listed",
            Verdict::Open => "mod.verdict.open",
        }
    }
}

/// One card of the models map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Modality {
    /// Stable id, in `data-modality` and the text keys `mod.{id}.*`.
    pub id: &'static str,
    pub verdict: Verdict,
    /// Whether the notes say anything on it (`mod.{id}.remark`).
    pub has_remark: bool,
    /// Whether we add a short 2026 context (`mod.{id}.ours`).
    pub has_ours: bool,
    /// Keys of `sources::SOURCES` behind that context, separated by spaces
    /// (empty when it names nothing that needs one).
    pub sources: &'static str,
}

const fn m(
    id: &'static str,
    verdict: Verdict,
    has_remark: bool,
    has_ours: bool,
    sources: &'static str,
) -> Modality {
    Modality {
        id,
        verdict,
        has_remark,
        has_ours,
        sources,
    }
}

/// The notes' modalities, in the notes' order.
pub static MODALITIES: &[Modality] = &[
    m("language", Verdict::Listed, true, true, "DEEPSEEK-V3"),
    m(
        "speech",
        Verdict::Listed,
        true,
        true,
        "OPENAI-GPT4O KYUTAI-MOSHI",
    ),
    m("music", Verdict::Listed, true, true, "RIAA-SUNO-UDIO"),
    m("images", Verdict::Listed, true, false, ""),
    m(
        "video",
        Verdict::Listed,
        false,
        true,
        "OPENAI-SORA GOOGLE-VEO3",
    ),
    m("multimodal", Verdict::Listed, true, false, ""),
    m("killer-app", Verdict::Open, true, true, ""),
];

impl Modality {
    /// The sources of our 2026 context, in the order the row names them.
    pub fn sources(&self) -> impl Iterator<Item = &'static crate::model::sources::Source> {
        self.sources
            .split(' ')
            .filter_map(crate::model::sources::source)
    }

    /// The key of one part: `name`, `remark` or `ours`.
    pub fn key(&self, part: &str) -> String {
        format!("mod.{}.{part}", self.id)
    }
}

/// The three lessons, one per lesson slide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lesson {
    /// Pre-training is engineering, post-training is the research.
    PostTraining,
    /// Data sets the ceiling, algorithms the floor.
    Data,
    /// Evaluation is half of solving a real problem.
    Evaluation,
}

impl Lesson {
    pub const ALL: [Lesson; 3] = [Lesson::PostTraining, Lesson::Data, Lesson::Evaluation];

    /// Stable id, in `data-lesson` and the text keys `les.{id}.*`.
    pub fn id(self) -> &'static str {
        match self {
            Lesson::PostTraining => "post",
            Lesson::Data => "data",
            Lesson::Evaluation => "eval",
        }
    }

    /// How many short points from the notes it lists (`les.{id}.p1`...).
    pub fn points(self) -> usize {
        match self {
            Lesson::PostTraining => 3,
            Lesson::Data => 2,
            Lesson::Evaluation => 2,
        }
    }

    /// The parts of its figure, besides `takeaway`, `figure` and the points.
    fn figure_parts(self) -> &'static [&'static str] {
        match self {
            Lesson::PostTraining => &["eng", "res", "pre", "post", "then", "now"],
            Lesson::Data => &["ceiling", "floor", "between", "axis"],
            Lesson::Evaluation => &["whole", "half", "rest"],
        }
    }

    /// The key of one part, e.g. `les.data.takeaway`.
    pub fn key(self, part: &str) -> String {
        format!("les.{}.{part}", self.id())
    }

    /// The key of point `n`, from 1.
    pub fn point_key(self, n: usize) -> String {
        self.key(&format!("p{n}"))
    }
}

/// Every text key the two panels use, for the content tests.
pub fn text_keys() -> Vec<String> {
    let mut keys: Vec<String> = [
        "mod.title",
        "mod.lead",
        "mod.list",
        "mod.verdict",
        "mod.verdict.listed",
        "mod.verdict.open",
        "mod.notes",
        "mod.none",
        "mod.ours",
        "les.takeaway",
        "les.points",
    ]
    .iter()
    .map(|k| k.to_string())
    .collect();
    for md in MODALITIES {
        keys.push(md.key("name"));
        if md.has_remark {
            keys.push(md.key("remark"));
        }
        if md.has_ours {
            keys.push(md.key("ours"));
        }
    }
    for l in Lesson::ALL {
        keys.push(l.key("takeaway"));
        keys.push(l.key("figure"));
        keys.extend(l.figure_parts().iter().map(|p| l.key(p)));
        keys.extend((1..=l.points()).map(|n| l.point_key(n)));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_context_that_names_products_cites_known_sources() {
        for m in MODALITIES {
            let named = m.sources.split(' ').filter(|k| !k.is_empty()).count();
            assert_eq!(m.sources().count(), named, "{}: unknown source key", m.id);
            // Only the killer app's question names nothing.
            assert_eq!(m.has_ours && m.id != "killer-app", named > 0, "{}", m.id);
        }
    }

    #[test]
    fn the_map_has_the_notes_seven_modalities_with_unique_ids() {
        assert_eq!(MODALITIES.len(), 7);
        for (i, a) in MODALITIES.iter().enumerate() {
            assert!(MODALITIES[i + 1..].iter().all(|b| b.id != a.id));
        }
        let silent: Vec<&str> = MODALITIES
            .iter()
            .filter(|m| !m.has_remark)
            .map(|m| m.id)
            .collect();
        assert_eq!(silent, ["video"], "the notes remark on all but video");
    }
}
