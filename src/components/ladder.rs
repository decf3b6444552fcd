//! The automation-difficulty ladder of the `#/ladder` slide: the notes'
//! rungs, ordered by a lens (the notes, LLM exposure by human or GPT-4
//! raters, computerisation 2013), easy at the bottom, each with its score,
//! what the work takes in and gives out, and the occupations behind it.
//! DOM order is easy to hard; CSS stacks it bottom-up.

use yew::prelude::*;

use crate::i18n::{fill, TextLang};
use crate::ladder::{ids, kendall_tau, order, score, Lens, Tier};
use crate::numfmt::{fixed, shortest};

#[derive(Properties, PartialEq)]
pub struct LadderProps {
    pub lens: Lens,
    pub lang: TextLang,
    pub on_lens: Callback<Lens>,
}

fn tier_key(t: Tier) -> &'static str {
    match t {
        Tier::Arts => "lad.tier.arts",
        Tier::Stem => "lad.tier.stem",
        Tier::Blue => "lad.tier.blue",
    }
}

/// A share (0..=1) as a percentage with no decimals.
fn pct(x: f64, ui: TextLang) -> String {
    format!("{} %", fixed(x * 100.0, 0, ui))
}

#[function_component]
pub fn LadderPanel(props: &LadderProps) -> Html {
    let ui = props.lang;
    let lens = props.lens;
    let radios: Html = Lens::ALL
        .iter()
        .map(|&l| {
            let cb = props.on_lens.clone();
            html! {
                <label class="radio">
                    <input type="radio" name="lens" value={l.id()} checked={l == lens}
                        onchange={Callback::from(move |_: Event| cb.emit(l))} />
                    {ui.t(&format!("lad.lens.{}", l.id()))}
                </label>
            }
        })
        .collect();
    let rungs: Html = order(lens)
        .into_iter()
        .map(|c| {
            let s = score(c, lens);
            let shown = match (lens, s) {
                (Lens::Notes, Some(v)) => fill(ui.t("lad.position"), &[("n", &fixed(v, 0, ui))]),
                (_, Some(v)) => pct(v, ui),
                (_, None) => ui.t("lad.no_figure").to_string(),
            };
            let occupations: Html = c
                .occupations()
                .map(|o| {
                    let figure = match lens {
                        Lens::Notes => String::new(),
                        _ => o.figure(lens).map_or_else(|| format!(": {}", ui.t("lad.no_figure")), |v| format!(": {}", pct(v, ui))),
                    };
                    html! { <li>{o.occupation}{figure}</li> }
                })
                .collect();
            let cites: Vec<String> = c.sources().map(|s| format!("{} ({})", s.publisher, s.as_of)).collect();
            html! {
                <li class={classes!("rung", format!("tier-{:?}", c.tier).to_lowercase())} data-testid="rung"
                    data-category={c.id} data-score={s.map(shortest).unwrap_or_default()}>
                    <div class="rung-head">
                        <strong>{ui.t(&format!("lad.cat.{}", c.id))}</strong>
                        <span class="rung-score">{shown}</span>
                    </div>
                    <div class="rung-tier">{ui.t(tier_key(c.tier))}</div>
                    if lens != Lens::Notes {
                        <ul class="plain rung-occ">{occupations}</ul>
                        <cite>{cites.join("; ")}</cite>
                    }
                </li>
            }
        })
        .collect();
    let notes_ids = ids(&order(Lens::Notes));
    let tau = kendall_tau(&notes_ids, &ids(&order(lens)));
    html! {
        <div class="panel" lang={ui.tag()} data-testid="ladder-panel">
            <section class="panel-part" aria-labelledby="ladder-title">
                <h2 id="ladder-title">{ui.t("lad.title")}</h2>
                <fieldset class="radios">
                    <legend>{ui.t("lad.lens")}</legend>
                    {radios}
                </fieldset>
                <p class="hint">{ui.t(&format!("lad.lens_note.{}", lens.id()))}</p>
                <p data-testid="ladder-tau" data-value={shortest(tau)}>
                    {fill(ui.t("lad.tau"), &[("tau", &fixed(tau, 2, ui))])}
                </p>
                <p class="ladder-end">{ui.t("lad.hard")}</p>
                <ol class="ladder" aria-label={ui.t("lad.order")}>{rungs}</ol>
                <p class="ladder-end">{ui.t("lad.easy")}</p>
                <p>{ui.t("lad.inversion")}</p>
                <p class="hint">{ui.t("lad.data")}</p>
            </section>
        </div>
    }
}
