//! How the link follows the view: which change of the route is written to
//! the browser's history and how, and the one budget every write counts
//! against. Pure; `ui::link` does the writing.
//!
//! A step, a slide, the language, the theme, the view, the notes or the
//! handout is a discrete change: its link is written at once, as reveal.js
//! and Slidev do, so the address bar never lags what the screen shows (a
//! slide is a new history entry, the rest replaces the entry in place). A
//! change of the panel's settings alone comes from continuous input (a
//! slider held or dragged), so its link is written in place at most every
//! [`CONTINUOUS_EVERY_MS`].
//!
//! Browsers cap a page's history writes, `pushState` and `replaceState`
//! together: WebKit throws beyond 100 in 30 s (a later version reportedly
//! in 10 s), Gecko beyond 200 in 10 s, and Chromium ignores calls beyond 200
//! in 10 s. Every write is counted in one [`Budget`]: at most [`CAP`] in
//! [`WINDOW_MS`], of which continuous writes may take at most
//! [`CONTINUOUS_CAP`], so that paging after a long drag is still written
//! at once. A write the budget refuses waits until it allows one and then
//! writes the route as it is then.
//!
//! Units: milliseconds of one clock (the page's `Date.now()`).

use std::collections::VecDeque;

use crate::deck::route::Route;

/// The span over which writes are counted, in ms (WebKit's).
pub const WINDOW_MS: f64 = 30_000.0;
/// The most writes of any kind in [`WINDOW_MS`] (WebKit refuses the 101st).
pub const CAP: usize = 90;
/// The most continuous writes in [`WINDOW_MS`]; the rest of [`CAP`] is kept
/// for discrete changes.
pub const CONTINUOUS_CAP: usize = 60;
/// The least time between two continuous writes, in ms. Each write also
/// costs one to two milliseconds of main thread (more on a phone), which a
/// drag would otherwise pay every frame.
pub const CONTINUOUS_EVERY_MS: f64 = 400.0;

/// How a change of the route reaches the link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    /// Nothing the link holds changed.
    None,
    /// Another slide: a new history entry, at once.
    Push,
    /// The step, language, theme, notes, view, handout or window kind:
    /// the entry replaced, at once.
    Replace,
    /// Only the panel's settings: the entry replaced, throttled.
    Continuous,
}

/// How the change from `before` (the route last shown) to `after` is
/// written.
pub fn write_for(before: &Route, after: &Route) -> Write {
    if before == after {
        Write::None
    } else if before.slide != after.slide {
        Write::Push
    } else if same_but_settings(before, after) {
        Write::Continuous
    } else {
        Write::Replace
    }
}

/// Whether `a` and `b` differ in nothing but the panels' settings.
fn same_but_settings(a: &Route, b: &Route) -> bool {
    let only_settings = Route {
        settings: b.settings.clone(),
        ..a.clone()
    };
    only_settings == *b
}

/// The times of the history writes of the last [`WINDOW_MS`].
#[derive(Clone, Debug, Default)]
pub struct Budget {
    /// Write times, oldest first.
    times: VecDeque<f64>,
    /// The last continuous write's time.
    last_continuous: Option<f64>,
    /// Continuous writes among `times`, by time.
    continuous: VecDeque<f64>,
}

impl Budget {
    /// How long to wait, in ms from `now`, before a write of this kind
    /// keeps within the caps; 0 when it may be written now.
    pub fn wait_ms(&self, now: f64, continuous: bool) -> f64 {
        let full = |times: &VecDeque<f64>, cap: usize| {
            let live: Vec<f64> = times
                .iter()
                .copied()
                .filter(|t| *t > now - WINDOW_MS)
                .collect();
            // The write that must leave the window first.
            live.len()
                .checked_sub(cap)
                .and_then(|i| live.get(i))
                .map_or(0.0, |t| t + WINDOW_MS - now)
        };
        let mut wait = full(&self.times, CAP);
        if continuous {
            wait = wait.max(full(&self.continuous, CONTINUOUS_CAP));
            if let Some(last) = self.last_continuous {
                wait = wait.max(last + CONTINUOUS_EVERY_MS - now);
            }
        }
        wait.max(0.0)
    }

    /// Counts a write made at `now`.
    pub fn record(&mut self, now: f64, continuous: bool) {
        for q in [&mut self.times, &mut self.continuous] {
            while q.front().is_some_and(|t| *t <= now - WINDOW_MS) {
                q.pop_front();
            }
        }
        self.times.push_back(now);
        if continuous {
            self.continuous.push_back(now);
            self.last_continuous = Some(now);
        }
    }

    /// Writes counted in the window that ends at `now`.
    pub fn count(&self, now: f64) -> usize {
        self.times.iter().filter(|t| **t > now - WINDOW_MS).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::i18n::Lang;
    use crate::deck::route::{Parsed, Print, Theme};
    use crate::deck::slides::SlideId;

    fn at(hash: &str) -> Route {
        let p = Parsed::from_hash(hash);
        assert!(p.ignored.is_empty(), "{hash}: {:?}", p.ignored);
        p.route
    }

    #[test]
    fn a_slide_pushes_a_step_or_a_choice_replaces_at_once_and_a_setting_is_throttled() {
        let r = at("#/rent-vs-buy/3?lang=en");
        assert_eq!(write_for(&r, &r.clone()), Write::None);
        assert_eq!(write_for(&r, &at("#/memory?lang=en")), Write::Push);
        assert_eq!(
            write_for(&r, &at("#/rent-vs-buy/4?lang=en")),
            Write::Replace
        );
        assert_eq!(
            write_for(&r, &at("#/rent-vs-buy/3?lang=zh")),
            Write::Replace
        );
        assert_eq!(
            write_for(&r, &at("#/rent-vs-buy/3?lang=en&util=55")),
            Write::Continuous
        );
        // A step whose keyframe also sets values is a step: at once.
        assert_eq!(
            write_for(&r, &at("#/rent-vs-buy/5?lang=en&util=30")),
            Write::Replace
        );
        for other in [
            Route {
                theme: Theme::Dark,
                ..r.clone()
            },
            Route {
                print: Some(Print::Steps),
                ..r.clone()
            },
            Route {
                speaker: true,
                ..r.clone()
            },
            Route {
                lang: Lang::Zh,
                ..r.clone()
            },
        ] {
            assert_eq!(write_for(&r, &other), Write::Replace, "{other}");
            assert_eq!(write_for(&other, &r), Write::Replace, "back from {other}");
        }
        let read = Route {
            slide: SlideId::Memory,
            ..r.clone()
        };
        assert_eq!(write_for(&read, &r), Write::Push);
    }

    #[test]
    fn continuous_writes_come_every_400_ms_and_discrete_ones_at_once() {
        let mut b = Budget::default();
        assert_eq!(b.wait_ms(0.0, true), 0.0);
        b.record(0.0, true);
        assert_eq!(b.wait_ms(100.0, true), 300.0);
        assert_eq!(b.wait_ms(100.0, false), 0.0);
        b.record(100.0, false);
        // A step between two slider writes does not hurry the next one.
        assert_eq!(b.wait_ms(399.0, true), 1.0);
        assert_eq!(b.wait_ms(400.0, true), 0.0);
    }

    #[test]
    fn no_more_than_90_writes_in_30_seconds_and_60_continuous_ones() {
        // A slider held for a minute: one write every 400 ms until 60 are in
        // the window, then one whenever the oldest leaves it.
        let mut b = Budget::default();
        let mut t = 0.0;
        let mut writes = Vec::new();
        while t < 60_000.0 {
            let w = b.wait_ms(t, true);
            t += w;
            b.record(t, true);
            writes.push(t);
            t += 1.0;
        }
        for (i, &w) in writes.iter().enumerate() {
            let in_window = writes[..=i].iter().filter(|x| **x > w - WINDOW_MS).count();
            assert!(in_window <= CONTINUOUS_CAP, "{in_window} at {w}");
        }
        // 60 in the first 30 s (the 61st waits for the first to leave).
        assert_eq!(writes.iter().filter(|w| **w < WINDOW_MS).count(), 60);
        // Paging then is still written at once, 30 times, then waits.
        let now = writes.last().copied().unwrap_or(0.0) + 1.0;
        for k in 0..(CAP - CONTINUOUS_CAP) {
            assert_eq!(b.wait_ms(now + k as f64, false), 0.0, "press {k}");
            b.record(now + k as f64, false);
        }
        assert_eq!(b.count(now + 30.0), CAP);
        let wait = b.wait_ms(now + 30.0, false);
        assert!(wait > 0.0 && wait <= WINDOW_MS, "{wait}");
        // And once it has waited, it may write.
        assert_eq!(b.wait_ms(now + 30.0 + wait, false), 0.0);
    }

    #[test]
    fn paging_fast_for_a_minute_stays_under_every_browsers_cap() {
        // A key every 100 ms: WebKit allows 100 a 30 s, Gecko 200 a 10 s.
        let mut b = Budget::default();
        let mut writes: Vec<f64> = Vec::new();
        let mut t = 0.0;
        while t < 60_000.0 {
            if b.wait_ms(t, false) == 0.0 {
                b.record(t, false);
                writes.push(t);
            }
            t += 100.0;
        }
        for &w in &writes {
            let last_30 = writes
                .iter()
                .filter(|x| **x > w - 30_000.0 && **x <= w)
                .count();
            let last_10 = writes
                .iter()
                .filter(|x| **x > w - 10_000.0 && **x <= w)
                .count();
            assert!(
                last_30 <= 100 && last_10 <= 200,
                "{last_30} {last_10} at {w}"
            );
        }
        assert!(writes.len() >= 2 * CAP, "{}", writes.len());
    }
}
