//! A data table in its scroll region, shared by the panels so that the
//! markup is built by one function, not copied into each panel's view.

use yew::prelude::*;

/// What names the table's scroll region for assistive technology.
pub enum Named {
    /// `aria-label`: the text itself.
    Label(AttrValue),
    /// `aria-labelledby`: the id of a heading on the page.
    By(&'static str),
}

/// `<div class="table-wrap" tabindex="0" role="region">` (focusable, so the
/// keyboard can scroll a wide table) around a `<table>` with an optional
/// `data-testid`, class and caption, a header row of `scope="col"` cells
/// and the rows of `body`.
pub fn data_table(
    named: Named,
    testid: Option<&'static str>,
    class: Option<&'static str>,
    caption: Option<AttrValue>,
    heads: &[AttrValue],
    body: Html,
) -> Html {
    let (label, labelledby) = match named {
        Named::Label(text) => (Some(text), None),
        Named::By(id) => (None, Some(id)),
    };
    html! {
        <div class="table-wrap" tabindex="0" role="region" aria-label={label} aria-labelledby={labelledby}>
            <table data-testid={testid} {class}>
                if let Some(caption) = caption { <caption>{caption}</caption> }
                <thead><tr>
                    { for heads.iter().map(|h| html! { <th scope="col">{h.clone()}</th> }) }
                </tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
