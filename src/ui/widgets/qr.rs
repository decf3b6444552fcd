//! The QR code of a link with the link as short text beside it, so that a
//! class can open the same view on their phones (`deck::qr` draws it).

use yew::prelude::*;

use crate::deck::i18n::{fill, TextLang};
use crate::deck::qr;

#[derive(Properties, PartialEq)]
pub struct QrProps {
    /// The whole link the code holds.
    pub link: AttrValue,
    pub ui: TextLang,
}

/// The link without its scheme: what a reader would type.
pub fn short_link(link: &str) -> &str {
    link.strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"))
        .unwrap_or(link)
}

#[function_component]
pub fn QrLink(props: &QrProps) -> Html {
    let code = use_memo(props.link.clone(), |link| qr::svg(link));
    let label = fill(props.ui.t("ui.qr.alt"), &[("url", short_link(&props.link))]);
    html! {
        <figure class="qr" data-testid="qr" data-link={props.link.clone()}>
            if let Some(code) = &*code {
                <svg class="qr-code" viewBox={format!("0 0 {0} {0}", code.side)} role="img" aria-label={label}
                    shape-rendering="crispEdges">
                    <rect class="qr-light" width={code.side.to_string()} height={code.side.to_string()} />
                    <path class="qr-dark" d={code.path.clone()} />
                </svg>
            }
            <figcaption>
                <span class="qr-title">{props.ui.t("ui.qr")}</span>
                <span class="qr-text" data-testid="qr-text">{short_link(&props.link).to_string()}</span>
            </figcaption>
        </figure>
    }
}
