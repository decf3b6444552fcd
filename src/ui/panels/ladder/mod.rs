//! The automation-difficulty ladder of the `#/ladder` slide: the notes'
//! rungs, ordered by a lens (the notes, LLM exposure by human or GPT-4
//! raters, computerisation 2013), easy at the bottom, each with its score,
//! what the work takes in and gives out, and the occupations behind it.
//! DOM order is easy to hard; CSS stacks it bottom-up. A lens change slides
//! the rungs to their new places (not when the reader prefers reduced
//! motion).
//!
//! "Rank it yourself" hides the evidence while the reader orders the rungs
//! (drag by the handle with mouse or touch: each rung-height of travel is
//! one place; the ▲ ▼ buttons; or ↑ ↓ Home End
//! on a focused rung), then reveals Kendall's tau against every lens and the
//! rungs that differ most. That ranking is the component's own state, not
//! in the URL; it is kept for the page's life, so leaving the slide and
//! coming back finds it as it was. Below, a strip on data availability and the SAE J3016 levels.

mod motion;

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use crate::deck::steps::LadderPart;
use crate::ui::widgets::table::{data_table, Named};

use crate::ui::panels::{use_shown, PanelInputs, Shown};

use crate::deck::i18n::{fill, TextLang};
use crate::model::ladder::{
    category, ids, kendall_tau, move_item, moves, order, score, LadderSettings, Lens, Tier,
    RANK_START,
};
use crate::model::sources::source;
use crate::ui::numfmt::{fixed, shortest};
use crate::ui::web;

#[derive(Properties, PartialEq)]
pub struct LadderProps {
    pub settings: LadderSettings,
    pub ui: TextLang,
    pub on_change: Callback<LadderSettings>,
}

/// A tier's text key (`lad.tier.arts`) and CSS class (`ladder-tier-arts`), from its id.
fn tier_key(t: Tier) -> String {
    format!("lad.tier.{}", t.id())
}

/// A rung's tier: its full description, and the short name the stage shows
/// (the colour of the rung says the same; the Read view shows the full one).
fn tier_text(ui: TextLang, t: Tier) -> Html {
    html! {
        <>
            <span class="ladder-tier-long">{ui.t(&tier_key(t))}</span>
            <span class="ladder-tier-short">{ui.t(&format!("{}.short", tier_key(t)))}</span>
        </>
    }
}

fn tier_class(t: Tier) -> String {
    format!("ladder-tier-{}", t.id())
}

/// A share (0..=1) as a percentage with no decimals.
fn pct(x: f64, ui: TextLang) -> String {
    ui.percent(&fixed(x * 100.0, 0, ui))
}

fn cat_name(ui: TextLang, id: &'static str) -> &'static str {
    ui.get(&format!("lad.cat.{id}")).unwrap_or(id)
}

/// A drag in progress: which rung, from which place, where the pointer
/// started (`clientY`) and the distance between rungs, in CSS pixels.
#[derive(Clone, Copy)]
struct Drag {
    id: &'static str,
    from: usize,
    y0: i32,
    pitch: i32,
}

/// The reader's own ranking.
#[derive(Clone, Debug, PartialEq, Default)]
struct Rank {
    /// The reader's order, easiest first; `None` when not ranking.
    order: Option<Vec<&'static str>>,
    revealed: bool,
    /// The rung moved last, for the spoken announcement.
    moved: Option<&'static str>,
}

enum RankAction {
    Start,
    /// Move a rung by this many places (+ = harder).
    By(&'static str, i32),
    /// Move a rung to this index (0 = easiest).
    To(&'static str, usize),
    Reveal(bool),
    Reset,
    Stop,
}

impl Reducible for Rank {
    type Action = RankAction;
    fn reduce(self: Rc<Self>, action: RankAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            RankAction::Start | RankAction::Reset => {
                next = Rank {
                    order: Some(RANK_START.to_vec()),
                    ..Rank::default()
                };
            }
            RankAction::By(id, delta) => {
                let Some(v) = next.order.as_mut() else {
                    return self;
                };
                let Some(i) = v.iter().position(|x| *x == id) else {
                    return self;
                };
                move_item(v, i, delta);
                next.moved = Some(id);
            }
            RankAction::To(id, to) => {
                let Some(v) = next.order.as_mut() else {
                    return self;
                };
                let Some(i) = v.iter().position(|x| *x == id) else {
                    return self;
                };
                if i == to {
                    return self;
                }
                move_item(v, i, to as i32 - i as i32);
                next.moved = Some(id);
            }
            RankAction::Reveal(on) => next.revealed = on,
            RankAction::Stop => next = Rank::default(),
        }
        Rc::new(next)
    }
}

thread_local! {
    /// The last ranking, restored when the ladder mounts again.
    static SAVED_RANK: RefCell<Rank> = RefCell::new(Rank::default());
}

/// Remembers where a list's rungs were after the last render and slides
/// them from there when `key` (what orders them) changed.
#[hook]
fn use_flip<K: PartialEq + Clone + 'static>(list: NodeRef, selector: &'static str, key: K) {
    let last = use_mut_ref(|| (None::<K>, Vec::<(String, i32)>::new()));
    use_effect(move || {
        let mut last = last.borrow_mut();
        match list.cast::<Element>() {
            Some(el) => {
                if last.0.as_ref().is_some_and(|k| *k != key) {
                    motion::flip(&el, selector, &last.1);
                }
                *last = (Some(key), motion::offsets(&el, selector));
            }
            None => *last = (None, Vec::new()),
        }
    });
}

#[function_component]
pub fn LadderPanel(props: &LadderProps) -> Html {
    let ui = props.ui;
    let lens = props.settings.lens;
    // The ranking outlives the slide: leaving and coming back keeps the
    // class's order (for this page load; it is not in the URL).
    let rank = use_reducer(|| SAVED_RANK.with(|r| r.borrow().clone()));
    {
        let now = (*rank).clone();
        use_effect_with(now, |now| {
            SAVED_RANK.with(|r| *r.borrow_mut() = now.clone())
        });
    }
    let ladder_ref = use_node_ref();
    let mine_ref = use_node_ref();
    let dragging: Rc<RefCell<Option<Drag>>> = use_mut_ref(|| None);
    let refocus: Rc<RefCell<Option<&'static str>>> = use_mut_ref(|| None);
    use_flip(ladder_ref.clone(), "[data-testid=rung]", lens);
    use_flip(
        mine_ref.clone(),
        "[data-testid=my-rung]",
        rank.order.clone(),
    );
    {
        // A rung moved by keyboard keeps the focus (moving a node drops it).
        let refocus = refocus.clone();
        use_effect(move || {
            if let Some(id) = refocus.borrow_mut().take() {
                web::focus::focus_id(&format!("rank-{id}"));
            }
        });
    }

    let ranking = rank.order.is_some();
    let show_evidence = !ranking || rank.revealed;

    let radios: Html = Lens::ALL
        .iter()
        .map(|&l| {
            let cb = props.on_change.clone();
            html! {
                <label class="radio">
                    <input type="radio" name="lens" value={l.id()} checked={l == lens}
                        onchange={Callback::from(move |_: Event| cb.emit(LadderSettings { lens: l }))} />
                    {ui.t(&format!("lad.lens.{}", l.id()))}
                </label>
            }
        })
        .collect();

    let rungs: Html = order(lens)
        .into_iter()
        .map(|c| {
            let s = score(c, lens);
            let score_text = match (lens, s) {
                (Lens::Notes, Some(v)) => fill(ui.t("lad.position"), &[("n", &fixed(v, 0, ui))]),
                (_, Some(v)) => pct(v, ui),
                (_, None) => ui.t("lad.no_figure").to_string(),
            };
            let occupations: Html = c
                .occupations()
                .map(|o| {
                    let figure = match o.figure(lens) {
                        Some(v) => pct(v, ui),
                        None => ui.t("lad.no_figure").to_string(),
                    };
                    html! { <li>{ui.t(&format!("lad.occ.{}", o.id))}{ui.colon()}{figure}</li> }
                })
                .collect();
            let cites: Vec<String> = c
                .sources()
                .map(|s| format!("{} ({})", s.publisher, s.as_of))
                .collect();
            html! {
                <li key={c.id} class={classes!("ladder-rung", tier_class(c.tier))} data-testid="rung"
                    data-category={c.id} data-score={s.map(shortest).unwrap_or_default()}>
                    <div class="ladder-rung-head">
                        <strong>{cat_name(ui, c.id)}</strong>
                        <span class="ladder-rung-score">{score_text}</span>
                    </div>
                    <div class="ladder-rung-tier">{tier_text(ui, c.tier)}</div>
                    if lens != Lens::Notes {
                        <ul class="plain ladder-rung-occ">{occupations}</ul>
                        <cite>{cites.join("; ")}</cite>
                    }
                </li>
            }
        })
        .collect();
    let notes_ids = ids(&order(Lens::Notes));
    let tau = kendall_tau(&notes_ids, &ids(&order(lens)));

    let evidence = html! {
        <div class="ladder-evidence" data-lens={lens.id()}>
            <div class="ladder-lens-side">
                <fieldset class="radios">
                    <legend>{ui.t("lad.lens")}</legend>
                    {radios}
                </fieldset>
                <p class="hint">{ui.t(&format!("lad.lens_note.{}", lens.id()))}</p>
                <p data-testid="ladder-tau" data-value={shortest(tau)}>
                    {fill(ui.t("lad.tau"), &[("tau", &fixed(tau, 2, ui))])}
                </p>
                <p class="ladder-inversion">{ui.t("lad.inversion")}</p>
            </div>
            <div class="ladder-ladder-side">
                <p class="ladder-end">{ui.t("lad.hard")}</p>
                <ol class="ladder-rungs" ref={ladder_ref} aria-label={ui.t("lad.order")}>{rungs}</ol>
                <p class="ladder-end">{ui.t("lad.easy")}</p>
            </div>
        </div>
    };

    let rank_part = rank_section(ui, &rank, &mine_ref, &dragging, &refocus);

    let shown = use_shown();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="ladder-panel">
            if shown.has(LadderPart::Ladder) {
            <section class="panel-part" aria-labelledby="ladder-title">
                <h2 id="ladder-title">{ui.t("lad.title")}</h2>
                if show_evidence {
                    {evidence}
                } else {
                    <p class="notice" data-testid="evidence-hidden">{ui.t("lad.rank.hidden")}</p>
                }
            </section>
            }
            if shown.has(LadderPart::Rank) { {rank_part} }
            {data_strip(ui, shown)}
        </div>
    }
}

/// "Rank it yourself": the start button, or the reader's ladder and, once
/// revealed, the comparison with every lens.
fn rank_section(
    ui: TextLang,
    rank: &UseReducerHandle<Rank>,
    mine_ref: &NodeRef,
    dragging: &Rc<RefCell<Option<Drag>>>,
    refocus: &Rc<RefCell<Option<&'static str>>>,
) -> Html {
    let act = |a: fn() -> RankAction| {
        let rank = rank.clone();
        Callback::from(move |_: MouseEvent| rank.dispatch(a()))
    };
    let Some(mine) = rank.order.clone() else {
        return html! {
            <section class="panel-part" aria-labelledby="rank-title">
                <h2 id="rank-title">{ui.t("lad.rank.title")}</h2>
                <p>{ui.t("lad.rank.intro")}</p>
                <button type="button" class="btn ladder-primary" data-testid="rank-start" data-grows=""
                    onclick={act(|| RankAction::Start)}>{ui.t("lad.rank.start")}</button>
            </section>
        };
    };
    let n = mine.len();
    let items: Html = mine
        .iter()
        .enumerate()
        .map(|(i, &id)| {
            let name = cat_name(ui, id);
            let tier = category(id).map_or(Tier::Arts, |c| c.tier);
            let by = |delta: i32| {
                let rank = rank.clone();
                Callback::from(move |_: MouseEvent| rank.dispatch(RankAction::By(id, delta)))
            };
            let onkeydown = {
                let (rank, refocus) = (rank.clone(), refocus.clone());
                Callback::from(move |e: KeyboardEvent| {
                    let delta = match e.key().as_str() {
                        "ArrowUp" => 1,
                        "ArrowDown" => -1,
                        "Home" => -(n as i32),
                        "End" => n as i32,
                        _ => return,
                    };
                    e.prevent_default();
                    *refocus.borrow_mut() = Some(id);
                    rank.dispatch(RankAction::By(id, delta));
                })
            };
            let onpointerdown = {
                let (dragging, list) = (dragging.clone(), mine_ref.clone());
                Callback::from(move |e: PointerEvent| {
                    e.prevent_default();
                    let pitch = list
                        .cast::<Element>()
                        .map_or(0, |el| motion::pitch(&el, "[data-testid=my-rung]"));
                    *dragging.borrow_mut() = Some(Drag {
                        id,
                        from: i,
                        y0: e.client_y(),
                        pitch,
                    });
                })
            };
            let is_dragged = dragging.borrow().as_ref().is_some_and(|d| d.id == id);
            html! {
                <li key={id} id={format!("rank-{id}")} data-testid="my-rung" data-category={id}
                    class={classes!("ladder-rung", "ladder-my-rung", tier_class(tier), is_dragged.then_some("ladder-dragged"))}
                    tabindex="0" data-owns-keys="" aria-describedby="rank-help" {onkeydown}>
                    <span class="ladder-grip" role="img" aria-label={fill(ui.t("lad.rank.handle"), &[("cat", name)])}
                        title={fill(ui.t("lad.rank.handle"), &[("cat", name)])} {onpointerdown}>{"⠿"}</span>
                    <span class="ladder-my-rung-name"><strong>{name}</strong>
                        <span class="ladder-rung-tier">{tier_text(ui, tier)}</span></span>
                    <span class="ladder-rung-score">{fill(ui.t("lad.rank.place"), &[("n", &(i + 1).to_string()), ("of", &n.to_string())])}</span>
                    <span class="ladder-rank-buttons">
                        <button type="button" class="btn" tabindex="-1" disabled={i + 1 == n}
                            aria-label={fill(ui.t("lad.rank.harder"), &[("cat", name)])}
                            title={fill(ui.t("lad.rank.harder"), &[("cat", name)])} onclick={by(1)}>{"▲"}</button>
                        <button type="button" class="btn" tabindex="-1" disabled={i == 0}
                            aria-label={fill(ui.t("lad.rank.easier"), &[("cat", name)])}
                            title={fill(ui.t("lad.rank.easier"), &[("cat", name)])} onclick={by(-1)}>{"▼"}</button>
                    </span>
                </li>
            }
        })
        .collect();

    // Dragging: every rung-height of travel moves the rung one place; up
    // (the list is shown bottom-up) is harder.
    let onpointermove = {
        let (rank, dragging) = (rank.clone(), dragging.clone());
        Callback::from(move |e: PointerEvent| {
            if dragging.borrow().is_none() {
                return;
            }
            if e.buttons() == 0 {
                dragging.borrow_mut().take();
                return;
            }
            // Near the edge of the slide, scroll it; the start point moved
            // with the content.
            let scrolled = motion::scroll_near_edge("main", e.client_y());
            let Some(d) = dragging.borrow_mut().as_mut().map(|d| {
                d.y0 -= scrolled;
                *d
            }) else {
                return;
            };
            e.prevent_default();
            if d.pitch <= 0 {
                return;
            }
            let rungs = (d.y0 - e.client_y()) as f64 / f64::from(d.pitch);
            let to = (d.from as i64 + rungs.round() as i64).max(0) as usize;
            rank.dispatch(RankAction::To(d.id, to.min(n - 1)));
        })
    };
    let end_drag = {
        let (rank, dragging) = (rank.clone(), dragging.clone());
        Callback::from(move |_: PointerEvent| {
            if let Some(d) = dragging.borrow_mut().take() {
                // Re-render without the drag mark.
                rank.dispatch(RankAction::By(d.id, 0));
            }
        })
    };
    let moved = rank.moved.and_then(|id| {
        let at = mine.iter().position(|x| *x == id)?;
        Some(fill(
            ui.t("lad.rank.moved"),
            &[
                ("cat", cat_name(ui, id)),
                ("n", &(at + 1).to_string()),
                ("of", &n.to_string()),
            ],
        ))
    });

    html! {
        <section class="panel-part ladder-rank" aria-labelledby="rank-title" data-testid="rank">
            <h2 id="rank-title">{ui.t("lad.rank.title")}</h2>
            <p id="rank-help" class="hint">{ui.t("lad.rank.help")}</p>
            <div class="ladder-rank-list">
                <p class="ladder-end">{ui.t("lad.hard")}</p>
                <ol class="ladder-rungs ladder-mine" ref={mine_ref.clone()} aria-label={ui.t("lad.rank.yours")}
                    onpointermove={onpointermove} onpointerup={end_drag.clone()}
                    onpointercancel={end_drag}>{items}</ol>
                <p class="ladder-end">{ui.t("lad.easy")}</p>
            </div>
            <p class="sr-only" aria-live="polite" data-testid="rank-live">{moved.unwrap_or_default()}</p>
            <div class="ladder-button-row">
                if rank.revealed {
                    <button type="button" class="btn" onclick={act(|| RankAction::Reveal(false))}>{ui.t("lad.rank.hide")}</button>
                } else {
                    <button type="button" class="btn ladder-primary" data-testid="rank-reveal" data-grows=""
                        onclick={act(|| RankAction::Reveal(true))}>{ui.t("lad.rank.reveal")}</button>
                }
                <button type="button" class="btn" onclick={act(|| RankAction::Reset)}>{ui.t("lad.rank.reset")}</button>
                <button type="button" class="btn" onclick={act(|| RankAction::Stop)}>{ui.t("lad.rank.stop")}</button>
            </div>
            if rank.revealed {
                {reveal(ui, &mine)}
            }
        </section>
    }
}

/// The reader's order against every lens: Kendall's tau and the rungs each
/// lens places furthest from where the reader did.
fn reveal(ui: TextLang, mine: &[&'static str]) -> Html {
    let mut best: Option<(Lens, f64)> = None;
    let rows: Html = Lens::ALL
        .iter()
        .map(|&lens| {
            let theirs = ids(&order(lens));
            let tau = kendall_tau(mine, &theirs);
            if best.is_none_or(|(_, b)| tau > b) {
                best = Some((lens, tau));
            }
            let diffs: Vec<String> = moves(mine, &theirs)
                .into_iter()
                .filter(|&(_, s)| s != 0)
                .take(2)
                .map(|(id, s)| {
                    let key = match (s > 0, s.unsigned_abs() == 1) {
                        (true, true) => "lad.rank.shift_harder_one",
                        (true, false) => "lad.rank.shift_harder",
                        (false, true) => "lad.rank.shift_easier_one",
                        (false, false) => "lad.rank.shift_easier",
                    };
                    fill(
                        ui.t(key),
                        &[
                            ("cat", cat_name(ui, id)),
                            ("n", &s.unsigned_abs().to_string()),
                        ],
                    )
                })
                .collect();
            let diffs = if diffs.is_empty() {
                ui.t("lad.rank.same").to_string()
            } else {
                diffs.join("; ")
            };
            html! {
                <tr data-testid="reveal-row" data-lens={lens.id()} data-tau={shortest(tau)}>
                    <th scope="row">{ui.t(&format!("lad.lens.{}", lens.id()))}</th>
                    <td class="num">{fixed(tau, 2, ui)}</td>
                    <td>{diffs}</td>
                </tr>
            }
        })
        .collect();
    let closest = best.map(|(lens, tau)| {
        fill(
            ui.t("lad.rank.closest"),
            &[
                ("lens", ui.t(&format!("lad.lens.{}", lens.id()))),
                ("tau", &fixed(tau, 2, ui)),
            ],
        )
    });
    html! {
        <div data-testid="reveal">
            <h3>{ui.t("lad.rank.result")}</h3>
            <p data-testid="rank-closest"><strong>{closest.unwrap_or_default()}</strong></p>
            {data_table(Named::Label(ui.t("lad.rank.result").into()), None, Some("ladder-data"), None,
                &["lad.rank.col.lens", "lad.rank.col.tau", "lad.rank.col.moves"].map(|k| ui.t(k).into()), rows)}
            <p class="hint ladder-tau-help">{ui.t("lad.rank.tau_help")}</p>
        </div>
    }
}

/// The notes' rule that data decides what gets automated, as a strip from
/// lots of data to little, with the SAE J3016 levels for the driving case.
fn data_strip(ui: TextLang, shown: Shown) -> Html {
    let cells: Html = ["text", "code", "driving", "robots"]
        .iter()
        .map(|k| html! { <li class={classes!("ladder-strip-cell", format!("ladder-strip-{k}"))}>{ui.t(&format!("lad.strip.{k}"))}</li> })
        .collect();
    let levels: Html = (0..=5)
        .map(|l| html! { <li>{ui.t(&format!("lad.sae.l{l}"))}</li> })
        .collect();
    let sae = source("SAE-J3016").map(|s| format!("{} ({}): {}", s.publisher, s.as_of, s.title));
    html! {
        <>
        if shown.has(LadderPart::Strip) {
        <section class="panel-part" aria-labelledby="strip-title" data-testid="data-strip">
            <h2 id="strip-title">{ui.t("lad.strip.title")}</h2>
            <p>{ui.t("lad.strip.note")}</p>
            <div class="ladder-strip-scale" aria-hidden="true">
                <span>{ui.t("lad.strip.more")}</span><span>{ui.t("lad.strip.less")}</span>
            </div>
            <ol class="plain ladder-strip">{cells}</ol>
        </section>
        }
        if shown.has(LadderPart::Sae) {
        <section class="panel-part" aria-labelledby="sae-title" data-testid="sae">
            <h2 id="sae-title">{ui.t("lad.sae.title")}</h2>
            <ol class="plain ladder-sae">{levels}</ol>
            <cite>{sae.unwrap_or_default()}</cite>
        </section>
        }
        </>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <LadderPanel settings={v.settings.ladder} ui={v.ui} on_change={v.handlers.ladder.clone()} /> }
}
