//! Renders `markup` blocks as HTML. A missing figure becomes a plain notice:
//! no `<img>` is ever created, so no broken image is requested.

use yew::prelude::*;

use crate::deck::i18n::{fill, TextLang};
use crate::deck::markup::{self, Block, Inline};

fn inline(i: &Inline<'_>, lang: TextLang) -> Html {
    match i {
        Inline::Text(t) => html! { {*t} },
        Inline::Mark(t) => html! { <mark>{*t}</mark> },
        Inline::Strong(t) => html! { <strong>{*t}</strong> },
        Inline::Link { text, href } => {
            html! {
                <a href={href.to_string()} target="_blank" rel="noopener noreferrer">
                    {*text}<span class="sr-only">{lang.t("ui.new_tab")}</span>
                </a>
            }
        }
    }
}

fn inlines(items: &[Inline<'_>], lang: TextLang) -> Html {
    items.iter().map(|i| inline(i, lang)).collect()
}

/// The notice shown where the notes link to an image that does not exist.
pub fn missing_figure(name: &str, lang: TextLang) -> Html {
    html! {
        <span class="missing-figure" role="note" data-testid="missing-figure">
            {fill(lang.t("ui.missing_figure"), &[("name", name)])}
        </span>
    }
}

fn block(b: &Block<'_>, lang: TextLang) -> Html {
    match b {
        Block::Para(items) => html! { <p>{inlines(items, lang)}</p> },
        Block::Heading(items) => html! { <h3>{inlines(items, lang)}</h3> },
        Block::MissingFigure(name) => html! { <p>{missing_figure(name, lang)}</p> },
        Block::List {
            ordered,
            start,
            items,
        } => {
            let lis: Html = items
                .iter()
                .map(|item| {
                    // A list item's first line is inline content, not a paragraph.
                    let first = match &item.first {
                        Block::Para(inl) => inlines(inl, lang),
                        Block::MissingFigure(name) => missing_figure(name, lang),
                        other => block(other, lang),
                    };
                    html! { <li>{first}{blocks(&item.children, lang)}</li> }
                })
                .collect();
            if *ordered {
                let start = (*start != 1).then(|| start.to_string());
                html! { <ol {start}>{lis}</ol> }
            } else {
                html! { <ul>{lis}</ul> }
            }
        }
    }
}

fn blocks(bs: &[Block<'_>], lang: TextLang) -> Html {
    bs.iter().map(|b| block(b, lang)).collect()
}

/// Renders blocks already parsed (a slice of a text).
pub fn rich_blocks(bs: Vec<Block<'_>>, lang: TextLang) -> Html {
    blocks(&bs, lang)
}

/// Renders one text value of `lang`.
pub fn rich(src: &str, lang: TextLang) -> Html {
    blocks(&markup::parse(src), lang)
}
