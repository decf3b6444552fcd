//! What the two panels on the cost of compute share, with one set of
//! settings (`model::economics::EconomicsSettings`): `resources` (power and
//! price, the `#/resources` slide) and `rent_vs_buy` (`#/rent-vs-buy`):
//! their props and the energy sliders.

use yew::prelude::*;

use crate::deck::i18n::{fill, TextLang};
use crate::model::economics::{
    EconomicsSettings, KWH_THOUSANDTHS, POWER_HUNDREDTHS, PUE_HUNDREDTHS, TDP_W,
};
use crate::ui::numfmt::money;
use crate::ui::widgets::controls::slider;

/// Props of both panels.
#[derive(Properties, PartialEq)]
pub struct Props {
    pub settings: EconomicsSettings,
    pub ui: TextLang,
    pub on_change: Callback<EconomicsSettings>,
}

/// The TDP, server power factor, PUE and electricity sliders (shared by
/// both panels).
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
            {slider("tdp-slider", ui.t("res.tdp"), TDP_W.range(), 1, p.tdp_w,
                format!("{} W", p.tdp_w), change(|q, v| q.tdp_w = v))}
            {slider("power-slider", ui.t("res.power"), POWER_HUNDREDTHS.range(), 1, p.power_hundredths,
                fill(ui.t("res.power.value"), &[("n", &POWER_HUNDREDTHS.text(p.power_hundredths))]),
                change(|q, v| q.power_hundredths = v))}
            {slider("pue-slider", ui.t("res.pue"), PUE_HUNDREDTHS.range(), 1, p.pue_hundredths,
                PUE_HUNDREDTHS.text(p.pue_hundredths), change(|q, v| q.pue_hundredths = v))}
            {slider("kwh-slider", ui.t("res.kwh"), KWH_THOUSANDTHS.range(), 1, p.kwh_thousandths,
                fill(ui.t("res.kwh.value"), &[("n", &money(p.usd_per_kwh(), 3, ui))]),
                change(|q, v| q.kwh_thousandths = v))}
        </>
    }
}
