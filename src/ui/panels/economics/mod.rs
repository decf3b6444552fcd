//! The two panels on the cost of compute, which share one set of settings
//! (`model::economics::EconomicsSettings`): `resources` (power and price, the
//! `#/resources` slide) and `rent_vs_buy` (`#/rent-vs-buy`). What both use
//! lives here: their props and the energy sliders.

pub mod rent_vs_buy;
pub mod resources;

use yew::prelude::*;

use crate::deck::i18n::{fill, TextLang};
use crate::model::economics::{EconomicsSettings, KWH_THOUSANDTHS, PUE_HUNDREDTHS, TDP_W};
use crate::model::fixed::format_fixed;
use crate::ui::numfmt::money;
use crate::ui::widgets::controls::slider;

/// Props of both panels.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub settings: EconomicsSettings,
    pub lang: TextLang,
    pub on_change: Callback<EconomicsSettings>,
}

/// The TDP, PUE and electricity sliders (shared with the rent-vs-buy panel).
pub fn energy_sliders(
    p: EconomicsSettings,
    ui: TextLang,
    on_change: &Callback<EconomicsSettings>,
) -> Html {
    let change = |f: fn(&mut EconomicsSettings, u32)| {
        let cb = on_change.clone();
        Callback::from(move |v: u32| {
            let mut q = p;
            f(&mut q, v);
            cb.emit(q);
        })
    };
    html! {
        <>
            {slider("tdp-slider", ui.t("pow.tdp"), TDP_W.range(), 1, p.tdp_w,
                format!("{} W", p.tdp_w), change(|q, v| q.tdp_w = v))}
            {slider("pue-slider", ui.t("pow.pue"), PUE_HUNDREDTHS.range(), 1, p.pue_hundredths,
                format_fixed(p.pue_hundredths, 2), change(|q, v| q.pue_hundredths = v))}
            {slider("kwh-slider", ui.t("pow.kwh"), KWH_THOUSANDTHS.range(), 1, p.kwh_thousandths,
                fill(ui.t("pow.kwh.value"), &[("n", &money(p.usd_per_kwh(), 3, ui))]),
                change(|q, v| q.kwh_thousandths = v))}
        </>
    }
}
