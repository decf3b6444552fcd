//! The rent-vs-buy panel of the `#/rent-vs-buy` slide (the notes' "building
//! your own is not much cheaper than renting"): price and what it buys,
//! write-off (Epoch AI's or a straight line), life, utilization, electricity,
//! PUE, TDP, server power factor and rent as inputs with sourced presets; the cost of
//! owning per used GPU-hour, the break-even utilization, the worked formula
//! with the reader's numbers, a cumulative-cost chart (with a description and
//! a table) and the verdict against each sourced rental price.
//!
//! Test hooks: `own-cost-per-hour` (`data-value`: USD per used GPU-hour) and
//! `break-even-util` (`data-value`: percent; **empty** when owning never
//! breaks even at this rent, and the text says so).

use yew::prelude::*;

use crate::deck::steps::RentVsBuyPart;
use crate::model::settings::Settings;
use crate::ui::widgets::table::{data_table, Named};

use crate::ui::panels::{use_shown, PanelInputs};

use crate::ui::widgets::axes::{x_axis, y_axis, Frame};

use crate::deck::i18n::{fill, gap, TextLang};
use crate::model::chart::{linear_ticks, polyline_path, tenths, LinearScale};
use crate::model::depreciation::trend;
use crate::model::economics::{
    cumulative_series, epoch_doubling_years, epoch_write_off_per_year, ml_gpu_ooms_per_year,
    payback_years, rental, Amort, Basis, BreakEven, EconomicsSettings, Price, Rental, AVERAGE_DRAW,
    HOURS_PER_YEAR, INTERCONNECT_SHARE, LIFE_TENTHS, PRICES, PRICE_USD, RENTALS, RENT_CENTS,
    SERVER_OVERHEAD, UTIL_TENTHS,
};
use crate::model::fixed::format_fixed;
use crate::ui::numfmt::{fixed, money, money_sig, shortest, usd_axis};
use crate::ui::panels::economics::{energy_sliders, Props};
use crate::ui::widgets::controls::NumberField;
use crate::ui::widgets::controls::{picker, reset_button, slider};

/// Chart geometry in SVG user units (the viewBox says the same).
const W: f64 = 600.0;
const H: f64 = 320.0;
const LEFT: f64 = 76.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 48.0;
/// The plot area the axes are drawn in.
const FRAME: Frame = Frame {
    w: W,
    h: H,
    left: LEFT,
    right: RIGHT,
    top: TOP,
    bottom: BOTTOM,
};

/// A percentage with one decimal: `50.1`.
fn pct(share: f64, ui: TextLang) -> String {
    fixed(share * 100.0, 1, ui)
}

/// The label of a rental row in the page's language.
fn rental_label(r: &Rental, ui: TextLang) -> &'static str {
    ui.get(&format!("rvb.rent.{}", r.id)).unwrap_or(r.label)
}

/// A picked price's source and its date, under its picker (the source's
/// own note, in English, is the hover text); the stage leaves it to the
/// Read view and says every source once, on the sources step.
fn picked_source(testid: &'static str, src: Option<(String, &'static str)>) -> Html {
    src.map_or_else(Html::default, |(src, note)| {
        html! { <cite class="rent-vs-buy-pick-src" data-testid={testid} title={note}>{src}</cite> }
    })
}

#[derive(Properties, PartialEq)]
struct PricePickerProps {
    price_usd: u32,
    basis: Basis,
    ui: TextLang,
    on_pick: Callback<&'static Price>,
}

/// The sourced GPU prices as one picker, the one the settings hold
/// selected, or "your own price". Its props are only what it shows, so a
/// move of another setting skips it.
#[function_component]
fn PricePicker(props: &PricePickerProps) -> Html {
    let ui = props.ui;
    let held = PRICES.iter().position(|pr| {
        let q = EconomicsSettings::default().with_price(pr);
        (props.price_usd, props.basis) == (q.price_usd, q.basis)
    });
    let options: Html = PRICES
        .iter()
        .enumerate()
        .map(|(i, pr)| {
            let name = crate::model::chips::chip(pr.chip).map_or(pr.chip, |c| c.name);
            let tag_key = format!("rvb.basis.tag.{}", pr.basis.id());
            let tag = ui.t(&tag_key);
            html! {
                <option value={i.to_string()} selected={held == Some(i)} data-chip={pr.chip} data-basis={pr.basis.id()}>
                    {name}{" "}{money(pr.price_usd, 0, ui)}{" · "}{tag}
                </option>
            }
        })
        .collect();
    let cb = props.on_pick.clone();
    let on_pick = Callback::from(move |i: usize| {
        if let Some(pr) = PRICES.get(i) {
            cb.emit(pr);
        }
    });
    let src = held.map(|i| {
        (
            crate::model::sources::cite(PRICES[i].sources(), PRICES[i].as_of),
            PRICES[i].note,
        )
    });
    picker(
        "price-picker",
        ui.t("rvb.price.presets"),
        options,
        held,
        ui.t("rvb.price.own"),
        on_pick,
        picked_source("price-source", src),
    )
}

#[derive(Properties, PartialEq)]
struct RentPickerProps {
    rent_cents: u32,
    ui: TextLang,
    on_pick: Callback<&'static Rental>,
}

/// The sourced rental prices as one picker, like the purchase prices.
#[function_component]
fn RentPicker(props: &RentPickerProps) -> Html {
    let ui = props.ui;
    let held = RENTALS.iter().position(|r| {
        props.rent_cents
            == EconomicsSettings::default()
                .with_rent(r.usd_per_hour)
                .rent_cents
    });
    let options: Html = RENTALS
        .iter()
        .enumerate()
        .map(|(i, r)| {
            html! {
                <option value={i.to_string()} selected={held == Some(i)} data-rental={r.id}>
                    {rental_label(r, ui)}{" "}{money(r.usd_per_hour, 2, ui)}
                </option>
            }
        })
        .collect();
    let cb = props.on_pick.clone();
    let on_pick = Callback::from(move |i: usize| {
        if let Some(r) = RENTALS.get(i) {
            cb.emit(r);
        }
    });
    let src = held.map(|i| {
        (
            crate::model::sources::cite(RENTALS[i].sources(), RENTALS[i].as_of),
            RENTALS[i].note,
        )
    });
    picker(
        "rent-picker",
        ui.t("rvb.rent.presets"),
        options,
        held,
        ui.t("rvb.rent.own"),
        on_pick,
        picked_source("rent-source", src),
    )
}

#[derive(Properties, PartialEq)]
struct CiteProps {
    ui: TextLang,
}

/// The sources of every price and rental, once each.
#[function_component]
fn Cite(props: &CiteProps) -> Html {
    let ui = props.ui;
    let sources: Vec<String> = PRICES
        .iter()
        .flat_map(|r| r.sources())
        .chain(RENTALS.iter().flat_map(|r| r.sources()))
        .map(|s| format!("{} ({})", s.title, s.as_of))
        .fold(Vec::new(), |mut v, s| {
            if !v.contains(&s) {
                v.push(s);
            }
            v
        });
    html! {
        <p class="cite"><cite>{fill(ui.t("rvb.cite"), &[("src", &sources.join("; "))])}</cite></p>
    }
}

#[function_component]
pub fn RentVsBuyPanel(props: &Props) -> Html {
    let ui = props.ui;
    let p = props.settings.clamped();

    let change = |f: fn(&mut EconomicsSettings, u32)| {
        let cb = props.on_change.clone();
        Callback::from(move |v: u32| {
            let mut q = p;
            f(&mut q, v);
            cb.emit(q);
        })
    };
    let on_price = {
        let cb = props.on_change.clone();
        Callback::from(move |v: u32| cb.emit(EconomicsSettings { price_usd: v, ..p }))
    };
    let on_rent = {
        let cb = props.on_change.clone();
        Callback::from(move |v: u32| cb.emit(EconomicsSettings { rent_cents: v, ..p }))
    };
    // The presets' callbacks read the settings as last rendered, so that
    // they stay equal from render to render (and the buttons are skipped).
    let latest = use_mut_ref(|| p);
    *latest.borrow_mut() = p;
    let on_price_preset = {
        let latest = latest.clone();
        use_callback(props.on_change.clone(), move |pr: &'static Price, cb| {
            let now = *latest.borrow();
            cb.emit(now.with_price(pr));
        })
    };
    let on_rent_preset = use_callback(props.on_change.clone(), move |r: &'static Rental, cb| {
        let now = *latest.borrow();
        cb.emit(now.with_rent(r.usd_per_hour));
    });

    // What the price buys, and the write-off.
    let pick_basis = |b: Basis| {
        let cb = props.on_change.clone();
        Callback::from(move |_: Event| cb.emit(EconomicsSettings { basis: b, ..p }))
    };
    let pick_amort = |a: Amort| {
        let cb = props.on_change.clone();
        Callback::from(move |_: Event| cb.emit(EconomicsSettings { amort: a, ..p }))
    };
    let overhead = fixed(SERVER_OVERHEAD, 2, ui);
    let write_off_pct = fixed(epoch_write_off_per_year() * 100.0, 0, ui);
    let hw_all = trend("hw_doubling_years").map_or(2.46, |t| t.value);
    let amort_link = fill(
        ui.t("rvb.amort.link"),
        &[
            ("ooms", &fixed(ml_gpu_ooms_per_year(), 2, ui)),
            ("ml", &fixed(epoch_doubling_years(), 2, ui)),
            ("all", &fixed(hw_all, 2, ui)),
        ],
    );

    // The figures.
    let (hardware, installed) = (p.hardware(), p.installed());
    let (cap_h, energy_h) = (p.capital_per_hour(), p.energy_per_hour());
    let own = p.own_per_used_hour();
    let rent = p.rent();
    let (own_text, rent_text) = (money(own, 2, ui), money(rent, 2, ui));
    let per_hour = ui.t("rvb.per_used_hour");
    let be = p.break_even();
    let (be_value, be_text) = match be {
        BreakEven::At(s) => (
            shortest(s * 100.0),
            fill(ui.t("rvb.be.at"), &[("pct", &pct(s, ui))]),
        ),
        BreakEven::Never => (String::new(), ui.t("rvb.be.never").to_string()),
    };
    let payback = payback_years(&p);
    let life = p.life_years();
    let util_text = format_fixed(p.util_tenths, 1);

    let verdict = if p.owning_wins() {
        fill(
            ui.t("rvb.verdict.own"),
            &[
                ("util", &util_text),
                ("own", &money(own, 2, ui)),
                ("rent", &money(rent, 2, ui)),
                ("x", &fixed(p.rent_over_own(), 2, ui)),
            ],
        )
    } else {
        fill(
            ui.t("rvb.verdict.rent"),
            &[
                ("util", &util_text),
                ("own", &money(own, 2, ui)),
                ("rent", &money(rent, 2, ui)),
                ("x", &fixed(1.0 / p.rent_over_own().max(1e-9), 2, ui)),
            ],
        )
    };

    // Worked formula with the reader's numbers.
    let f_hardware = fill(
        ui.t(&format!("rvb.f.hardware.{}", p.basis.id())),
        &[
            ("price", &money(p.price(), 0, ui)),
            ("overhead", &overhead),
            ("hardware", &money(hardware, 0, ui)),
        ],
    );
    let f_installed = fill(
        ui.t("rvb.f.installed"),
        &[
            ("hardware", &money(hardware, 0, ui)),
            ("ic", &fixed(INTERCONNECT_SHARE, 2, ui)),
            ("installed", &money(installed, 0, ui)),
        ],
    );
    let hpy = fixed(HOURS_PER_YEAR, 0, ui);
    let f_capital = match p.amort {
        Amort::Epoch => fill(
            ui.t("rvb.f.capital.epoch"),
            &[
                ("installed", &money(installed, 0, ui)),
                ("ooms", &fixed(ml_gpu_ooms_per_year(), 2, ui)),
                ("rate", &fixed(epoch_write_off_per_year(), 4, ui)),
                ("hpy", &hpy),
                ("cap", &money_sig(cap_h, ui)),
            ],
        ),
        Amort::Line => fill(
            ui.t("rvb.f.capital"),
            &[
                ("installed", &money(installed, 0, ui)),
                ("life", &fixed(life, 1, ui)),
                ("hpy", &hpy),
                ("hours", &fixed(life * HOURS_PER_YEAR, 0, ui)),
                ("cap", &money_sig(cap_h, ui)),
            ],
        ),
    };
    let f_energy = fill(
        ui.t("rvb.f.energy"),
        &[
            ("tdp", &fixed(p.tdp(), 0, ui)),
            ("power", &fixed(p.power_factor(), 2, ui)),
            ("draw", &fixed(AVERAGE_DRAW, 2, ui)),
            ("pue", &fixed(p.pue(), 2, ui)),
            ("kwh", &money(p.usd_per_kwh(), 3, ui)),
            ("energy", &money_sig(energy_h, ui)),
        ],
    );
    let f_own = fill(
        ui.t("rvb.f.own"),
        &[
            ("cap", &money_sig(cap_h, ui)),
            ("energy", &money_sig(energy_h, ui)),
            ("util", &util_text),
            ("own", &money(own, 2, ui)),
        ],
    );
    let f_be = match be {
        BreakEven::At(s) => fill(
            ui.t("rvb.f.be"),
            &[
                ("cap", &money_sig(cap_h, ui)),
                ("energy", &money_sig(energy_h, ui)),
                ("rent", &money(rent, 2, ui)),
                ("pct", &pct(s, ui)),
            ],
        ),
        BreakEven::Never => fill(
            ui.t("rvb.f.be_never"),
            &[
                ("perh", &money_sig(p.own_per_hour(), ui)),
                ("rent", &money(rent, 2, ui)),
            ],
        ),
    };

    // Chart: cumulative cost over the life.
    let series = cumulative_series(&p);
    let top = series
        .last()
        .map_or(1.0, |c| c.own_usd.max(c.rent_usd))
        .max(1.0)
        * 1.05;
    let x = LinearScale::new((0.0, life), (LEFT, W - RIGHT));
    let y = LinearScale::new((0.0, top), (H - BOTTOM, TOP));
    let own_pts: Vec<(f64, f64)> = series
        .iter()
        .map(|c| (x.map(c.years), y.map(c.own_usd)))
        .collect();
    let rent_pts: Vec<(f64, f64)> = series
        .iter()
        .map(|c| (x.map(c.years), y.map(c.rent_usd)))
        .collect();
    let x_ticks = x_axis(
        FRAME,
        linear_ticks(0.0, life, 6)
            .into_iter()
            .map(|t| (x.map(t), fixed(t, 1, ui))),
        18.0,
    );
    let y_ticks = y_axis(
        FRAME,
        y.ticks(5).into_iter().map(|t| (y.map(t), usd_axis(t, ui))),
    );
    let cross = payback.filter(|t| *t <= life).map(|t| {
        let cost = installed + energy_h * t * HOURS_PER_YEAR;
        let (cx, cy) = (x.map(t), y.map(cost));
        html! {
            <g class="series-c" data-testid="payback-point">
                <circle cx={tenths(cx)} cy={tenths(cy)} r="5" class="ref-point" />
                <text x={tenths(cx - 8.0)} y={tenths(cy - 12.0)} text-anchor="end" class="ref-label">
                    {fill(ui.t("rvb.chart.cross"), &[("t", &fixed(t, 1, ui))])}
                </text>
            </g>
        }
    });
    let (own_end, rent_end) = series
        .last()
        .map_or((0.0, 0.0), |c| (c.own_usd, c.rent_usd));
    let payback_text = match payback {
        Some(t) if t <= life => fill(ui.t("rvb.payback.at"), &[("t", &fixed(t, 1, ui))]),
        Some(t) => fill(ui.t("rvb.payback.later"), &[("t", &fixed(t, 1, ui))]),
        None => ui.t("rvb.payback.never").to_string(),
    };
    let (caption_key, legend_own) = match p.amort {
        Amort::Epoch => ("rvb.chart.caption.epoch", ui.t("rvb.legend.own.epoch")),
        Amort::Line => ("rvb.chart.caption", ui.t("rvb.legend.own")),
    };
    let caption = fill(
        ui.t(caption_key),
        &[
            ("life", &fixed(life, 1, ui)),
            ("util", &util_text),
            ("installed", &money(installed, 0, ui)),
            ("own", &money(own_end, 0, ui)),
            ("rent", &money(rent_end, 0, ui)),
            ("payback", &payback_text),
        ],
    );
    let table_rows: Html = series
        .iter()
        .enumerate()
        .filter(|(i, c)| i % 12 == 0 || (*i + 1 == series.len() && c.years > 0.0))
        .map(|(_, c)| {
            html! {
                <tr>
                    <th scope="row">{fixed(c.years, 1, ui)}</th>
                    <td class="num">{money(c.own_usd, 0, ui)}</td>
                    <td class="num">{money(c.rent_usd, 0, ui)}</td>
                </tr>
            }
        })
        .collect();

    // Against each rental price.
    let compare_rows: Html = RENTALS
        .iter()
        .map(|r| {
            let q = p.with_rent(r.usd_per_hour);
            let be = match q.break_even() {
                BreakEven::At(s) => ui.percent(&pct(s, ui)),
                BreakEven::Never => ui.t("rvb.never").to_string(),
            };
            html! {
                <tr data-rental={r.id}>
                    <th scope="row">{rental_label(r, ui)}<br /><cite>{crate::model::sources::cite(r.sources(), r.as_of)}</cite></th>
                    <td class="num">{money(r.usd_per_hour, 2, ui)}</td>
                    <td class="num">{be}</td>
                    <td class="num">{format!("×{}", fixed(q.rent_over_own(), 2, ui))}</td>
                </tr>
            }
        })
        .collect();

    // The notes' claim, with the reader's settings at full use.
    let full = EconomicsSettings {
        util_tenths: UTIL_TENTHS.max,
        ..p
    };
    let own_full = full.own_per_used_hour();
    let claim_small = rental("small-cloud").map(|r| {
        let q = p.with_rent(r.usd_per_hour);
        match q.break_even() {
            BreakEven::At(s) => fill(
                ui.t("rvb.claim.small"),
                &[
                    ("rent", &money(r.usd_per_hour, 2, ui)),
                    ("own", &money(own_full, 2, ui)),
                    ("save", &pct(1.0 - own_full / q.rent(), ui)),
                    ("be", &pct(s, ui)),
                ],
            ),
            BreakEven::Never => fill(
                ui.t("rvb.claim.small_never"),
                &[
                    ("rent", &money(r.usd_per_hour, 2, ui)),
                    ("own", &money(own_full, 2, ui)),
                ],
            ),
        }
    });
    let claim_hyper = rental("gcp-on-demand").map(|r| {
        let q = p.with_rent(r.usd_per_hour);
        match q.break_even() {
            BreakEven::At(s) => fill(
                ui.t("rvb.claim.hyper"),
                &[
                    ("rent", &money(r.usd_per_hour, 2, ui)),
                    ("x", &fixed(q.rent() / own_full, 1, ui)),
                    ("be", &pct(s, ui)),
                ],
            ),
            BreakEven::Never => fill(
                ui.t("rvb.claim.hyper_never"),
                &[
                    ("rent", &money(r.usd_per_hour, 2, ui)),
                    ("own", &money(own_full, 2, ui)),
                ],
            ),
        }
    });
    let savings = fill(
        ui.t(match p.basis {
            Basis::Server => "rvb.savings",
            Basis::Gpu => "rvb.savings.gpu",
        }),
        &[
            ("overhead", &overhead),
            ("ic", &fixed(INTERCONNECT_SHARE * 100.0, 0, ui)),
            ("gpu_only", &money(p.gpu_only_per_used_hour(), 2, ui)),
            ("own", &money(own, 2, ui)),
        ],
    );
    let shown = use_shown();
    html! {
        <div class="panel" lang={ui.tag()} data-testid="rent-vs-buy-panel">
            if shown.any(&[RentVsBuyPart::Buy, RentVsBuyPart::Amort, RentVsBuyPart::Use, RentVsBuyPart::Rent, RentVsBuyPart::Verdict]) {
            <div class="part-head rent-vs-buy-head">
                <h2 id="rvb-title">{ui.t("rvb.title")}</h2>
                {reset_button(ui, &shown, p, &props.on_change)}
            </div>
            }
            if shown.has(RentVsBuyPart::Buy) {
            <section class="panel-part rent-vs-buy-buy" aria-labelledby="rvb-title">
                <p class="hint">{ui.t("rvb.intro")}</p>
                <fieldset class="rent-vs-buy-presets-box">
                    <legend>{ui.t("rvb.gpu")}</legend>
                    <PricePicker price_usd={p.price_usd} basis={p.basis} ui={ui} on_pick={on_price_preset} />
                    <NumberField id="price-input" label={ui.t("rvb.price").to_string()} hint={ui.t("rvb.price.help").to_string()}
                        value={p.price_usd} fixed={PRICE_USD} ui={ui} on_change={on_price} />
                    <fieldset class="radios" data-testid="basis">
                        <legend>{ui.t("rvb.basis")}</legend>
                        <label class="radio"><input type="radio" name="rvb-basis" value="server" checked={p.basis == Basis::Server}
                            onchange={pick_basis(Basis::Server)} />{ui.t("rvb.basis.server")}</label>
                        <label class="radio"><input type="radio" name="rvb-basis" value="gpu" checked={p.basis == Basis::Gpu}
                            onchange={pick_basis(Basis::Gpu)} />{fill(ui.t("rvb.basis.gpu"), &[("overhead", &overhead)])}</label>
                    </fieldset>
                </fieldset>
            </section>
            }
            if shown.has(RentVsBuyPart::Amort) {
            <section class="panel-part rent-vs-buy-amort" aria-labelledby="rvb-amort-title">
                <h3 id="rvb-amort-title" class="sr-only">{ui.t("rvb.amort")}</h3>
                <fieldset class="rent-vs-buy-presets-box" data-testid="amort">
                    <legend>{ui.t("rvb.amort")}</legend>
                    <label class="radio"><input type="radio" name="rvb-amort" value="epoch" checked={p.amort == Amort::Epoch}
                        onchange={pick_amort(Amort::Epoch)} />{fill(ui.t("rvb.amort.epoch"), &[("pct", &write_off_pct)])}</label>
                    <label class="radio"><input type="radio" name="rvb-amort" value="line" checked={p.amort == Amort::Line}
                        onchange={pick_amort(Amort::Line)} />{ui.t("rvb.amort.line")}</label>
                </fieldset>
                <p class="hint" data-testid="amort-link">{amort_link}</p>
                <div class="sliders">
                    {slider("life-slider", ui.t("rvb.life"), LIFE_TENTHS.range(), 1, p.life_tenths,
                        fill(ui.t("rvb.life.value"), &[("n", &format_fixed(p.life_tenths, 1))]),
                        change(|q, v| q.life_tenths = v))}
                </div>
            </section>
            }
            if shown.has(RentVsBuyPart::Use) {
            <section class="panel-part rent-vs-buy-use" aria-label={ui.t("rvb.use")}>
                <div class="sliders">
                    // Whole percents on the slider; a link may give tenths.
                    {slider("util-slider", ui.t("rvb.util"), (10, UTIL_TENTHS.max), 10, p.util_tenths,
                        ui.percent(&util_text), change(|q, v| q.util_tenths = v))}
                    {energy_sliders(p, ui, &props.on_change)}
                </div>

            </section>
            }
            if shown.has(RentVsBuyPart::Rent) {
            <section class="panel-part rent-vs-buy-rent" aria-label={ui.t("rvb.rent")}>
                <fieldset class="rent-vs-buy-presets-box">
                    <legend>{ui.t("rvb.rent")}</legend>
                    <RentPicker rent_cents={p.rent_cents} ui={ui} on_pick={on_rent_preset} />
                    <NumberField id="rent-input" label={ui.t("rvb.rent.input").to_string()} hint={ui.t("rvb.rent.help").to_string()}
                        value={p.rent_cents} fixed={RENT_CENTS} ui={ui} on_change={on_rent} />
                </fieldset>
            </section>
            }
            if shown.has(RentVsBuyPart::Verdict) {
            <section class="panel-part rent-vs-buy-result" aria-label={ui.t("rvb.result")}>

                <dl class="readout" aria-live="polite">
                    <dt>{fill(ui.t("rvb.own"), &[("util", &util_text)])}</dt>
                    <dd><span class="big" data-testid="own-cost-per-hour" data-value={shortest(own)}>{own_text.clone()}</span>
                        {gap(&own_text, per_hour)}{per_hour}</dd>
                    <dt>{ui.t("rvb.rent.now")}</dt>
                    <dd><span class="big" data-testid="rent-per-hour" data-value={shortest(rent)}>{rent_text.clone()}</span>{gap(&rent_text, per_hour)}{per_hour}</dd>
                    <dt>{ui.t("rvb.be")}</dt>
                    <dd><span class="rent-vs-buy-be" data-testid="break-even-util" data-value={be_value}>{be_text}</span></dd>
                </dl>
                <p class="rent-vs-buy-verdict" data-testid="rvb-verdict"><strong>{verdict}</strong>{" "}{ui.t("rvb.lever")}</p>
            </section>
            }
            if shown.has(RentVsBuyPart::Formula) {
            <section class="panel-part" aria-labelledby="rvb-f-title">
                <h2 id="rvb-f-title">{ui.t("rvb.f.title")}</h2>
                <ol class="formula" data-testid="rvb-formula">
                    <li data-testid="formula-hardware">{f_hardware}</li>
                    <li data-testid="formula-installed">{f_installed}</li>
                    <li data-testid="formula-capital">{f_capital}</li>
                    <li data-testid="formula-energy">{f_energy}</li>
                    <li data-testid="formula-own">{f_own}</li>
                    <li data-testid="formula-break-even">{f_be}</li>
                </ol>
                <p>{savings}</p>
                <p class="hint">{ui.t("rvb.not_counted")}</p>
                <p class="hint" data-testid="rvb-storage">{ui.t("rvb.storage")}</p>
            </section>
            }
            if shown.has(RentVsBuyPart::Chart) {
            <section class="panel-part" aria-labelledby="rvb-chart-title">
                <h2 id="rvb-chart-title">{ui.t("rvb.chart.title")}</h2>
                <figure>
                    <svg viewBox="0 0 600 320" class="chart chart-wide chart-econ" role="img" aria-labelledby="rvb-caption" data-testid="rvb-chart">
                        {x_ticks}{y_ticks}
                        <g class="series-a"><path d={polyline_path(&own_pts)} class="line" /></g>
                        <g class="series-b"><path d={polyline_path(&rent_pts)} class="line rent-vs-buy-dashed" /></g>
                        {cross}
                        <text x={tenths((LEFT + W - RIGHT) / 2.0)} y={tenths(H - 4.0)} text-anchor="middle" class="axis-label">{ui.t("rvb.axis.x")}</text>
                        <text transform={format!("translate(14 {}) rotate(-90)", tenths((TOP + H - BOTTOM) / 2.0))} text-anchor="middle" class="axis-label">{ui.t("rvb.axis.y")}</text>
                    </svg>
                    <figcaption id="rvb-caption">{caption}</figcaption>
                </figure>
                <ul class="plain legend">
                    <li class="series-a"><span class="swatch"></span>{legend_own}</li>
                    <li class="series-b rent-vs-buy-dashed-key"><span class="swatch"></span>{ui.t("rvb.legend.rent")}</li>
                </ul>
                <details>
                    <summary>{ui.t("rvb.table")}</summary>
                    {data_table(Named::Label(ui.t("rvb.table").into()), Some("rvb-table"), None, None,
                        &[ui.t("rvb.table.years").into(), legend_own.into(), ui.t("rvb.legend.rent").into()], table_rows)}
                </details>
            </section>
            }
            if shown.has(RentVsBuyPart::Compare) {
            <section class="panel-part">
                <h2>{ui.t("rvb.compare.title")}</h2>
                {data_table(Named::Label(ui.t("rvb.compare.title").into()), Some("rvb-compare"), None, None,
                    &[ui.t("rvb.compare.offer").into(), ui.t("rvb.compare.price").into(), ui.t("rvb.compare.be").into(),
                      fill(ui.t("rvb.compare.ratio"), &[("util", &util_text)]).into()], compare_rows)}
                <p data-testid="rvb-claim">
                    {claim_small.unwrap_or_default()}{" "}{claim_hyper.unwrap_or_default()}
                </p>
                <Cite ui={ui} />
            </section>
            }
        </div>
    }
}

/// Draws the panel as its slide shows it (`ui::panels::draw`).
pub fn draw(v: &PanelInputs) -> Html {
    html! { <RentVsBuyPanel settings={v.settings.economics} ui={v.ui} on_change={v.handlers.economics.clone()} /> }
}
