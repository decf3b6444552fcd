//! Browser tests (wasm-bindgen-test in headless Chromium): components mount
//! into a fresh element, respond to clicks and keys, and render what a reader
//! would see. Run with `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use llm_notes_explainer::deck::i18n::Lang;
use llm_notes_explainer::deck::route::Route;
use llm_notes_explainer::deck::slides::{SlideId, SLIDES};
use llm_notes_explainer::deck::state::{Action, State};
use llm_notes_explainer::model::settings::DynSettings;
use llm_notes_explainer::ui::app::{App, AppProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
}

/// Mounts the app into a fresh element with the given state.
async fn mount(state: State) -> Element {
    let doc = document();
    // One app at a time: earlier tests' apps are removed.
    while let Some(old) = doc.get_element_by_id("test-root") {
        old.remove();
    }
    let root = doc.create_element("div").expect("div");
    root.set_id("test-root");
    doc.body()
        .expect("body")
        .append_child(&root)
        .expect("append");
    yew::Renderer::<App>::with_root_and_props(
        root.clone(),
        AppProps {
            initial: Some(state),
        },
    )
    .render();
    settle().await;
    root
}

/// Renders what is pending and lets the timers a page starts with run: in
/// Read the panel, and precision's parts one by one, render a task after
/// the text (`chrome::deck::Later`).
async fn settle() {
    for _ in 0..6 {
        yew::scheduler::flush().await;
        let tick = js_sys::Promise::new(&mut |ok, _| {
            let _ = web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&ok, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(tick).await;
    }
    yew::scheduler::flush().await;
}

fn at(slide: SlideId, lang: Lang) -> State {
    State {
        route: Route {
            slide,
            lang,
            ..Route::default()
        },
        ..State::default()
    }
}

fn find(root: &Element, sel: &str) -> Option<Element> {
    root.query_selector(sel).ok().flatten()
}

fn text(root: &Element, sel: &str) -> String {
    find(root, sel)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

fn click(root: &Element, sel: &str) {
    find(root, sel)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| panic!("no {sel}"))
        .click();
}

fn press(key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    document()
        .body()
        .expect("body")
        .dispatch_event(&e)
        .expect("dispatch");
}

#[wasm_bindgen_test]
async fn slide_shows_chinese_original_and_english_side_by_side() {
    let root = mount(at(SlideId::Resources, Lang::ZhEn)).await;
    let title = text(&root, "[data-testid=slide-title]");
    assert!(title.contains("资源：功耗与价格"), "{title}");
    assert!(title.contains("Resources: power and price"), "{title}");
    let zh = text(&root, "section[lang=zh-CN] .notes-quote");
    assert!(zh.contains("耗电巨大"), "{zh}");
    let en = text(&root, "section[lang=en] .notes-quote");
    assert!(en.contains("Enormous power consumption"), "{en}");
}

#[wasm_bindgen_test]
async fn english_only_hides_the_chinese_column() {
    let root = mount(at(SlideId::Memory, Lang::En)).await;
    assert!(find(&root, "section[lang=zh-CN]").is_none());
    assert!(text(&root, "section[lang=en]").contains("192 GB"));
}

#[wasm_bindgen_test]
async fn next_button_and_arrow_key_move_forward_and_progress_follows() {
    let root = mount(at(SlideId::Intro, Lang::En)).await;
    assert!(text(&root, "[data-testid=progress]").contains(&format!("Slide 1 of {}", SLIDES.len())));
    click(&root, "[data-testid=next]");
    yew::scheduler::flush().await;
    assert_eq!(
        find(&root, "[data-testid=slide]")
            .and_then(|e| e.get_attribute("data-slide"))
            .as_deref(),
        Some("ingredients")
    );
    press("ArrowRight", false);
    yew::scheduler::flush().await;
    assert!(text(&root, "[data-testid=slide-title]").contains("bandwidth"));
    assert!(text(&root, "[data-testid=progress]").contains("Slide 3 of"));
    press(" ", true);
    yew::scheduler::flush().await;
    assert!(text(&root, "[data-testid=progress]").contains("Slide 2 of"));
}

#[wasm_bindgen_test]
async fn missing_images_are_notices_not_images() {
    let root = mount(at(SlideId::Personal, Lang::EnZh)).await;
    let notices = root
        .query_selector_all("[data-testid=missing-figure]")
        .expect("query")
        .length();
    assert_eq!(notices, 14, "seven images, in two languages");
    assert_eq!(root.query_selector_all("img").expect("query").length(), 0);
    assert!(text(&root, "section[lang=en]").contains("image-20240827220307477.png"));
}

#[wasm_bindgen_test]
async fn overview_opens_with_o_and_opens_a_slide() {
    let root = mount(at(SlideId::Intro, Lang::En)).await;
    press("o", false);
    yew::scheduler::flush().await;
    let items = root
        .query_selector_all("#overview .ov-item")
        .expect("query")
        .length() as usize;
    assert_eq!(items, SLIDES.len());
    click(&root, &format!("#overview-item-{}", SlideId::Phd.index()));
    yew::scheduler::flush().await;
    assert!(find(&root, "#overview").is_none(), "the overview closes");
    assert!(text(&root, "[data-testid=slide-title]").contains("PhD"));
}

#[wasm_bindgen_test]
async fn help_lists_shortcuts_and_escape_closes_it() {
    let root = mount(at(SlideId::Intro, Lang::Zh)).await;
    press("?", true);
    yew::scheduler::flush().await;
    let help = text(&root, "[data-testid=help]");
    assert!(
        help.contains("键盘快捷键") && help.contains("PageDown"),
        "{help}"
    );
    press("Escape", false);
    yew::scheduler::flush().await;
    assert!(find(&root, "[data-testid=help]").is_none());
}

#[wasm_bindgen_test]
async fn s_toggles_speaker_notes() {
    let root = mount(at(SlideId::Evaluation, Lang::En)).await;
    assert!(find(&root, "[data-testid=speaker-notes]").is_none());
    press("s", false);
    yew::scheduler::flush().await;
    assert!(text(&root, "[data-testid=speaker-notes]").contains("benchmarks"));
}

#[wasm_bindgen_test]
async fn ignored_link_parts_are_shown_and_dismissable() {
    let state = State::default().reduce(Action::Hash {
        hash: "#/nowhere?lang=en&zoom=9".into(),
        stored_lang: None,
        stored_theme: None,
    });
    let root = mount(state).await;
    let notice = text(&root, "[data-testid=notice]");
    assert!(
        notice.contains("nowhere") && notice.contains("zoom=9"),
        "{notice}"
    );
    assert!(text(&root, "[data-testid=slide-title]").contains("Large language models"));
    click(&root, "[data-testid=notice] button");
    yew::scheduler::flush().await;
    assert!(find(&root, "[data-testid=notice]").is_none());
}

#[wasm_bindgen_test]
async fn phd_slide_keeps_reference_link_and_highlights() {
    let root = mount(at(SlideId::Phd, Lang::Zh)).await;
    let link =
        find(&root, "a[href='https://zhuanlan.zhihu.com/p/25099638']").expect("reference link");
    assert!(link.text_content().unwrap_or_default().contains("参考链接"));
    assert!(text(&root, "mark").contains("两个问题"));
    assert_eq!(
        root.query_selector_all(".notes-quote ol > li")
            .expect("query")
            .length(),
        3
    );
}

#[wasm_bindgen_test]
fn shortest_spells_out_specials_and_round_trips() {
    use llm_notes_explainer::ui::numfmt::{parse, shortest};
    assert_eq!(shortest(448.0), "448");
    assert_eq!(shortest(0.1), "0.1");
    assert_eq!(shortest(-0.0), "-0");
    assert_eq!(shortest(f64::NAN), "NaN");
    assert_eq!(shortest(f64::INFINITY), "inf");
    assert_eq!(shortest(f64::NEG_INFINITY), "-inf");
    assert_eq!(shortest(2f64.powi(-24)), "5.960464477539063e-8");
    for x in [1.0 / 3.0, 3.4028234663852886e38, 5e-324, -123.456] {
        assert_eq!(parse(&shortest(x)), Some(x));
    }
}

#[wasm_bindgen_test]
fn parse_accepts_decimals_and_refuses_the_rest() {
    use llm_notes_explainer::ui::numfmt::parse;
    assert_eq!(parse(" 1.5e3 "), Some(1500.0));
    assert_eq!(parse("-inf"), Some(f64::NEG_INFINITY));
    assert!(parse("nan").is_some_and(f64::is_nan));
    for bad in ["", "0x10", "abc", "1,5", "  "] {
        assert_eq!(parse(bad), None, "{bad}");
    }
}

#[wasm_bindgen_test]
fn number_formats_group_by_language() {
    use llm_notes_explainer::deck::i18n::TextLang;
    use llm_notes_explainer::ui::numfmt::{fixed, sig};
    assert_eq!(fixed(4500.0, 1, TextLang::En), "4,500");
    assert_eq!(fixed(1.25, 1, TextLang::En), "1.3");
    assert_eq!(sig(3.4028e38, 5, TextLang::En), "3.4028E38");
    assert_eq!(fixed(f64::NAN, 1, TextLang::Zh), "NaN");
    assert_eq!(fixed(-0.04, 1, TextLang::En), "0");
    assert_eq!(fixed(-1234567.25, 2, TextLang::Zh), "-1,234,567.25");
    assert_eq!(sig(1024.0, 3, TextLang::En), "1,020");
    assert_eq!(sig(0.00012345, 3, TextLang::En), "0.000123");
    assert_eq!(sig(-2.5e-7, 2, TextLang::En), "-2.5E-7");
    assert_eq!(sig(0.0, 4, TextLang::En), "0");
}

#[wasm_bindgen_test]
async fn precision_panel_mounts_and_a_bit_flip_changes_the_value() {
    use llm_notes_explainer::model::formats::Format;
    let mut state = at(SlideId::Precision, Lang::En);
    state.route.settings.precision.fmt = Format::E4m3;
    state.route.settings.precision.code = Some(0x7e);
    let root = mount(state).await;
    let value =
        || find(&root, "[data-testid=bit-value]").and_then(|e| e.get_attribute("data-value"));
    assert_eq!(value().as_deref(), Some("448"));
    assert_eq!(
        root.query_selector_all("[data-testid=bits] button")
            .expect("query")
            .length(),
        8
    );
    click(&root, "[data-testid=bits] button[data-bit='7']");
    yew::scheduler::flush().await;
    assert_eq!(value().as_deref(), Some("-448"));
    assert!(text(&root, "[data-testid=bit-formula]").contains("(1 + 6/8)"));
    assert!(
        text(&root, "[data-testid=peak-tflops]").contains("4,500 TFLOP/s"),
        "B200 FP8"
    );
}

/// The demo's sample takes its sine and cosine from the browser's `Math`,
/// not from Rust's libm: a value may differ in its last bit, but nothing the
/// reader sees does (the histogram, every SQNR as shown, the scale of the
/// grid).
#[wasm_bindgen_test]
fn the_quantization_demo_shows_the_same_with_the_browsers_trigonometry() {
    use llm_notes_explainer::deck::i18n::TextLang;
    use llm_notes_explainer::model::formats::Format;
    use llm_notes_explainer::model::quant::{
        absmax, histogram, normal_sample, normal_sample_with, quantize_nvfp4, sqnr_db,
    };
    use llm_notes_explainer::ui::numfmt::fixed;
    use llm_notes_explainer::ui::panels::precision::quant::{
        js_sin_cos, sqnr, BINS, HI, LO, SAMPLE, SEED,
    };
    let ours = normal_sample(SAMPLE, SEED);
    let browser = normal_sample_with(SAMPLE, SEED, js_sin_cos);
    assert_eq!(browser.len(), SAMPLE);
    for (a, b) in ours.iter().zip(&browser) {
        assert!(
            (a - b).abs() <= 4.0 * f64::EPSILON * a.abs().max(1.0),
            "{a} vs {b}"
        );
    }
    assert_eq!(
        histogram(&ours, LO, HI, BINS),
        histogram(&browser, LO, HI, BINS)
    );
    let shown = |v: Option<f64>| v.map(|d| fixed(d, 1, TextLang::En));
    for f in Format::ALL {
        let (a, b) = (sqnr(&ours, f), sqnr(&browser, f));
        assert_eq!((shown(a.0), shown(a.1)), (shown(b.0), shown(b.1)), "{f:?}");
    }
    let nvfp4 = |s: &[f64]| shown(Some(sqnr_db(s, &quantize_nvfp4(s))));
    assert_eq!(nvfp4(&ours), nvfp4(&browser));
    assert_eq!(
        fixed(absmax(&ours), 6, TextLang::En),
        fixed(absmax(&browser), 6, TextLang::En)
    );
}

#[wasm_bindgen_test]
fn dollars_read_naturally_in_both_languages() {
    use llm_notes_explainer::deck::i18n::TextLang;
    use llm_notes_explainer::ui::numfmt::usd;
    assert_eq!(usd(4.3e6, TextLang::En), "$4.3M");
    assert_eq!(usd(40.7e6, TextLang::En), "$40.7M");
    assert_eq!(usd(1.234e9, TextLang::En), "$1.23B");
    assert_eq!(usd(950.0, TextLang::En), "$950");
    assert_eq!(usd(4.3e6, TextLang::Zh), "430万美元");
    assert_eq!(usd(4.07e8, TextLang::Zh), "4.07亿美元");
    assert_eq!(
        llm_notes_explainer::ui::numfmt::usd_axis(1e6, TextLang::Zh),
        "100万"
    );
    assert_eq!(
        llm_notes_explainer::ui::numfmt::usd_axis(1e6, TextLang::En),
        "$1M"
    );
}

#[wasm_bindgen_test]
fn durations_pick_a_readable_unit() {
    use llm_notes_explainer::deck::i18n::TextLang;
    use llm_notes_explainer::ui::numfmt::duration;
    assert_eq!(duration(2.0, TextLang::En), "2 s");
    assert_eq!(duration(0.15555, TextLang::En), "156 ms");
    assert_eq!(duration(8.5e-4, TextLang::En), "850 µs");
    assert_eq!(duration(252.0, TextLang::En), "4.2 min");
    assert_eq!(duration(3.5 * 3600.0, TextLang::Zh), "3.5小时");
    assert_eq!(duration(0.0, TextLang::En), "0 s");
    assert_eq!(duration(f64::NAN, TextLang::En), "—");
    assert_eq!(duration(f64::INFINITY, TextLang::Zh), "—");
}

#[wasm_bindgen_test]
async fn bandwidth_panel_shows_the_times_of_its_settings_and_a_radio_changes_the_link() {
    let mut state = at(SlideId::Bandwidth, Lang::En);
    assert!(state.route.settings.bandwidth.set("link", "nic400"));
    assert!(state.route.settings.bandwidth.set("gb", "100"));
    let root = mount(state).await;
    let value = |id: &str| {
        find(&root, &format!("[data-testid={id}]")).and_then(|e| e.get_attribute("data-value"))
    };
    // 100 GB at 50 GB/s = 2 s; 8 GPUs: 2 x 7/8 x 100 / 50 = 3.5 s.
    assert_eq!(value("transfer-seconds").as_deref(), Some("2"));
    assert_eq!(value("allreduce-seconds").as_deref(), Some("3.5"));
    click(&root, "input[name=link][value=nic800]");
    yew::scheduler::flush().await;
    assert_eq!(value("transfer-seconds").as_deref(), Some("1"));
}

#[wasm_bindgen_test]
async fn ladder_rank_end_key_moves_a_focused_rung_to_the_top_and_keeps_the_slide() {
    let root = mount(at(SlideId::Ladder, Lang::En)).await;
    click(&root, "[data-testid=rank-start]");
    yew::scheduler::flush().await;
    let order = || {
        let list = root
            .query_selector_all("[data-testid=my-rung]")
            .expect("query");
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("data-category"))
            .collect::<Vec<_>>()
    };
    assert_eq!(order()[0], "software");
    let rung = find(&root, "#rank-software")
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .expect("rung");
    rung.focus().expect("focus");
    let init = KeyboardEventInit::new();
    // End would go to the last slide; on a rung it moves the rung to the top.
    init.set_key("End");
    init.set_bubbles(true);
    let e = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("event");
    rung.dispatch_event(&e).expect("dispatch");
    yew::scheduler::flush().await;
    assert_eq!(order()[0], "robotics");
    assert_eq!(order()[7], "software");
    assert_eq!(
        find(&root, "[data-testid=slide]")
            .and_then(|e| e.get_attribute("data-slide"))
            .as_deref(),
        Some("ladder")
    );
}
