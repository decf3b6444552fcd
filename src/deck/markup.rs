//! A small markup for the text files, parsed into blocks the components render.
//! Pure: no web dependencies.
//!
//! Block syntax, by line: `- ` a bullet item, `1. ` a numbered item (two spaces
//! of indent per nesting level; an indented line without a marker continues
//! the item above as a paragraph of its own), `## ` a subheading, `!fig NAME`
//! an image the notes link to but do not include, a blank line ends a paragraph.
//! Inline syntax: `[text](url)` a link, `==text==` a highlight, `**text**` strong.

/// A piece of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline<'a> {
    Text(&'a str),
    Mark(&'a str),
    Strong(&'a str),
    Link { text: &'a str, href: &'a str },
}

/// A block of a slide's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    Para(Vec<Inline<'a>>),
    Heading(Vec<Inline<'a>>),
    /// An image the notes link to; the name is its file name. Never loaded.
    MissingFigure(&'a str),
    List {
        ordered: bool,
        /// The number of the first item (1 unless the list was sliced).
        start: usize,
        items: Vec<Item<'a>>,
    },
}

/// A list item: its first line and whatever is nested under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item<'a> {
    pub first: Block<'a>,
    pub children: Vec<Block<'a>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Bullet,
    Ordered,
    Heading,
    Text,
}

#[derive(Clone, Copy, Debug)]
struct Line<'a> {
    indent: usize,
    kind: Kind,
    text: &'a str,
}

fn lex(src: &str) -> Vec<Option<Line<'_>>> {
    src.lines()
        .map(|raw| {
            let text = raw.trim_start_matches([' ', '\t']);
            if text.trim().is_empty() {
                return None;
            }
            let indent = raw.len() - text.len();
            let text = text.trim_end();
            if let Some(rest) = text.strip_prefix("- ") {
                return Some(Line {
                    indent,
                    kind: Kind::Bullet,
                    text: rest.trim_start(),
                });
            }
            if let Some(rest) = text.strip_prefix("## ") {
                return Some(Line {
                    indent,
                    kind: Kind::Heading,
                    text: rest.trim_start(),
                });
            }
            let digits = text.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 0 && text[digits..].starts_with(". ") {
                return Some(Line {
                    indent,
                    kind: Kind::Ordered,
                    text: text[digits + 2..].trim_start(),
                });
            }
            Some(Line {
                indent,
                kind: Kind::Text,
                text,
            })
        })
        .collect()
}

fn line_block(text: &str) -> Block<'_> {
    match text.strip_prefix("!fig ") {
        Some(name) => Block::MissingFigure(name.trim()),
        None => Block::Para(inlines(text)),
    }
}

fn next_line<'a>(lines: &[Option<Line<'a>>], mut pos: usize) -> (usize, Option<Line<'a>>) {
    while pos < lines.len() {
        if let Some(l) = lines[pos] {
            return (pos, Some(l));
        }
        pos += 1;
    }
    (pos, None)
}

fn blocks<'a>(lines: &[Option<Line<'a>>], pos: &mut usize, min_indent: usize) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    loop {
        let (p, line) = next_line(lines, *pos);
        let Some(line) = line.filter(|l| l.indent >= min_indent) else {
            *pos = p;
            return out;
        };
        *pos = p + 1;
        match line.kind {
            Kind::Text => out.push(line_block(line.text)),
            Kind::Heading => out.push(Block::Heading(inlines(line.text))),
            Kind::Bullet | Kind::Ordered => {
                let ordered = line.kind == Kind::Ordered;
                let mut items = Vec::new();
                let mut item = line;
                loop {
                    let children = blocks(lines, pos, item.indent + 1);
                    items.push(Item {
                        first: line_block(item.text),
                        children,
                    });
                    let (p, next) = next_line(lines, *pos);
                    match next {
                        Some(n) if n.kind == line.kind && n.indent == line.indent => {
                            *pos = p + 1;
                            item = n;
                        }
                        _ => break,
                    }
                }
                out.push(Block::List {
                    ordered,
                    start: 1,
                    items,
                });
            }
        }
    }
}

/// Parses a text value into blocks.
pub fn parse(src: &str) -> Vec<Block<'_>> {
    let lines = lex(src);
    let mut pos = 0;
    blocks(&lines, &mut pos, 0)
}

/// How many units a text has for splitting it across steps: each item of
/// a top-level list is one, and each other top-level block is one.
pub fn units(blocks: &[Block<'_>]) -> usize {
    blocks
        .iter()
        .map(|b| match b {
            Block::List { items, .. } => items.len(),
            _ => 1,
        })
        .sum()
}

/// The units `from..=to` (counted from 1, see [`units`]) of a text; a list
/// cut in two keeps its numbering.
pub fn slice<'a>(blocks: Vec<Block<'a>>, from: usize, to: usize) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    let mut n = 0;
    for b in blocks {
        match b {
            Block::List {
                ordered,
                start,
                items,
            } => {
                let first = n + 1;
                n += items.len();
                let kept: Vec<Item<'a>> = items
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| (from..=to).contains(&(first + i)))
                    .map(|(_, item)| item)
                    .collect();
                if !kept.is_empty() {
                    out.push(Block::List {
                        ordered,
                        start: start + from.saturating_sub(first),
                        items: kept,
                    });
                }
            }
            other => {
                n += 1;
                if (from..=to).contains(&n) {
                    out.push(other);
                }
            }
        }
    }
    out
}

/// Parses one line's inline markup. Unclosed markers stay as text.
pub fn inlines(src: &str) -> Vec<Inline<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0usize;
    let mut i = 0usize;
    while i < src.len() {
        let here = &src[i..];
        let found: Option<(Inline<'_>, usize)> = if let Some(body) = here.strip_prefix("==") {
            body.find("==")
                .map(|end| (Inline::Mark(&body[..end]), end + 4))
        } else if let Some(body) = here.strip_prefix("**") {
            body.find("**")
                .map(|end| (Inline::Strong(&body[..end]), end + 4))
        } else if let Some(body) = here.strip_prefix('[') {
            body.find("](").and_then(|mid| {
                let after = &body[mid + 2..];
                after.find(')').map(|end| {
                    (
                        Inline::Link {
                            text: &body[..mid],
                            href: &after[..end],
                        },
                        1 + mid + 2 + end + 1,
                    )
                })
            })
        } else {
            None
        };
        match found {
            Some((inline, len)) => {
                if text_start < i {
                    out.push(Inline::Text(&src[text_start..i]));
                }
                out.push(inline);
                i += len;
                text_start = i;
            }
            None => {
                i += here.chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    if text_start < src.len() {
        out.push(Inline::Text(&src[text_start..]));
    }
    out
}

/// The plain text of a value with the markup removed (for titles and labels).
pub fn plain(src: &str) -> String {
    inlines(src)
        .into_iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Mark(t) | Inline::Strong(t) => t,
            Inline::Link { text, .. } => text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_slices_by_list_item_and_keeps_its_numbering() {
        let src = "Intro.\n\n1. one\n2. two\n  - nested\n3. three\n\nEnd.";
        let b = parse(src);
        assert_eq!(units(&b), 5);
        let mid = slice(b.clone(), 3, 4);
        let Block::List { start, items, .. } = &mid[0] else {
            panic!("{mid:?}")
        };
        assert_eq!((*start, items.len()), (2, 2));
        assert_eq!(
            items[0].children.len(),
            1,
            "nested lines go with their item"
        );
        assert_eq!(slice(b.clone(), 1, 1), vec![Block::Para(inlines("Intro."))]);
        assert_eq!(slice(b.clone(), 5, 5), vec![Block::Para(inlines("End."))]);
        assert_eq!(slice(b.clone(), 1, 5), b);
    }

    #[test]
    fn nested_bullets_become_nested_lists() {
        let b = parse("- a\n  - b\n  - c\n- d");
        let Block::List {
            ordered: false,
            items,
            ..
        } = &b[0]
        else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].first, Block::Para(vec![Inline::Text("a")]));
        let Block::List { items: inner, .. } = &items[0].children[0] else {
            panic!()
        };
        assert_eq!(inner.len(), 2);
        assert_eq!(items[1].first, Block::Para(vec![Inline::Text("d")]));
    }

    #[test]
    fn numbered_items_keep_continuation_paragraphs_across_blank_lines() {
        let b = parse("1. q1\n   a1\n\n2. q2\n\n   a2\n\n3. q3");
        assert_eq!(b.len(), 1);
        let Block::List {
            ordered: true,
            items,
            ..
        } = &b[0]
        else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 3);
        assert_eq!(
            items[0].children,
            vec![Block::Para(vec![Inline::Text("a1")])]
        );
        assert_eq!(
            items[1].children,
            vec![Block::Para(vec![Inline::Text("a2")])]
        );
        assert!(items[2].children.is_empty());
    }

    #[test]
    fn figure_lines_become_missing_figures() {
        let b = parse("- !fig image-1.png\n- text");
        let Block::List { items, .. } = &b[0] else {
            panic!()
        };
        assert_eq!(items[0].first, Block::MissingFigure("image-1.png"));
    }

    #[test]
    fn inline_link_mark_and_strong() {
        assert_eq!(
            inlines("see [ref](https://x.y/p) and ==this== **now**"),
            vec![
                Inline::Text("see "),
                Inline::Link {
                    text: "ref",
                    href: "https://x.y/p"
                },
                Inline::Text(" and "),
                Inline::Mark("this"),
                Inline::Text(" "),
                Inline::Strong("now"),
            ]
        );
    }

    #[test]
    fn unclosed_markers_stay_text() {
        assert_eq!(inlines("a == b [c"), vec![Inline::Text("a == b [c")]);
        assert_eq!(
            inlines("中文==高亮=="),
            vec![Inline::Text("中文"), Inline::Mark("高亮")]
        );
    }

    #[test]
    fn plain_drops_markup() {
        assert_eq!(plain("==两个问题：== [链接](u)"), "两个问题： 链接");
    }
}
