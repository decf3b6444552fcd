//! Unique ids in the handout, whose pages draw the same slides again.

use web_sys::Element;

use super::elements;

/// The attributes that name other elements by id.
const ID_REFS: [&str; 4] = [
    "for",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
];

/// The handout's pages draw the same slides again (88 steps; a slide's
/// parts on several pages), and so repeat their ids. Gives each page's ids
/// the page's number as a suffix (`bw-gb--h12`), and each `for` and `aria-`
/// reference on that page to an id of that page the same, so that every id
/// of the document is unique and a reference names its own page's element.
/// An id or reference already suffixed is left as it is.
pub fn scope_page_ids(container: &Element) {
    let refers = ID_REFS.map(|a| format!("[{a}]")).join(",");
    for (k, page) in elements(container, ".handout-page").iter().enumerate() {
        let suffix = String::from("--h") + &(k + 1).to_string();
        // The page's ids, as the slide has them.
        let mut own: Vec<String> = Vec::new();
        for el in elements(page, "[id]") {
            let id = el.get_attribute("id").unwrap_or_default();
            match id.strip_suffix(&suffix) {
                Some(base) => own.push(base.into()),
                None => {
                    let _ = el.set_attribute("id", &(id.clone() + &suffix));
                    own.push(id);
                }
            }
        }
        for el in elements(page, &refers) {
            for attr in ID_REFS {
                let Some(refs) = el.get_attribute(attr) else {
                    continue;
                };
                let mut scoped = String::new();
                for t in refs.split(' ') {
                    if !scoped.is_empty() {
                        scoped.push(' ');
                    }
                    scoped.push_str(t);
                    if own.iter().any(|o| o == t) {
                        scoped.push_str(&suffix);
                    }
                }
                if scoped != refs {
                    let _ = el.set_attribute(attr, &scoped);
                }
            }
        }
    }
}
