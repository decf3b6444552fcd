//! The QR code of a link, as one SVG path, so that a class can open the
//! view on their phones (no server: the code is the link). Pure: the
//! encoding is the `qrcodegen` crate's; this only draws it.

use qrcodegen::{QrCode, QrCodeEcc};

/// Modules of light margin on each side, as the QR standard asks.
pub const QUIET: usize = 4;

/// A QR code drawn as SVG: the side of the square viewBox (the code's
/// modules plus the margin) and a path of the dark modules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrSvg {
    pub side: usize,
    pub path: String,
}

/// The code of `text` (error correction level M, as much as fits), or
/// `None` when the text is too long for any QR code.
pub fn svg(text: &str) -> Option<QrSvg> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let n = code.size() as usize;
    let mut path = String::new();
    for y in 0..n {
        let mut x = 0;
        while x < n {
            if !code.get_module(x as i32, y as i32) {
                x += 1;
                continue;
            }
            let start = x;
            while x < n && code.get_module(x as i32, y as i32) {
                x += 1;
            }
            let (px, py, run) = (start + QUIET, y + QUIET, x - start);
            path.push_str(&format!("M{px} {py}h{run}v1h-{run}z"));
        }
    }
    Some(QrSvg {
        side: n + 2 * QUIET,
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the path back into a grid of dark modules.
    fn grid(q: &QrSvg) -> Vec<Vec<bool>> {
        let mut g = vec![vec![false; q.side]; q.side];
        for cmd in q.path.split('M').filter(|c| !c.is_empty()) {
            let (xy, rest) = cmd.split_once('h').unwrap();
            let (x, y) = xy.split_once(' ').unwrap();
            let (x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            let run: usize = rest.split_once('v').unwrap().0.parse().unwrap();
            for cell in &mut g[y][x..x + run] {
                assert!(!*cell, "modules drawn twice");
                *cell = true;
            }
        }
        g
    }

    #[test]
    fn the_path_draws_exactly_the_codes_dark_modules_inside_a_quiet_zone() {
        let text = "http://127.0.0.1:8080/#/precision?fmt=e4m3";
        let code = QrCode::encode_text(text, QrCodeEcc::Medium).unwrap();
        let q = svg(text).unwrap();
        let n = code.size() as usize;
        assert_eq!(q.side, n + 2 * QUIET);
        let g = grid(&q);
        for (y, row) in g.iter().enumerate() {
            for (x, &dark) in row.iter().enumerate() {
                let inside = (QUIET..QUIET + n).contains(&x) && (QUIET..QUIET + n).contains(&y);
                let want = inside && code.get_module((x - QUIET) as i32, (y - QUIET) as i32);
                assert_eq!(dark, want, "module {x},{y}");
            }
        }
        // The finder pattern's corner: a 7x7 dark ring at the top left.
        assert!(g[QUIET][QUIET..QUIET + 7].iter().all(|&d| d));
        assert!(!g[QUIET + 1][QUIET + 1]);
    }

    #[test]
    fn longer_links_give_larger_codes_and_too_long_gives_none() {
        let short = svg("http://x/#/intro").unwrap();
        let long = svg(&format!("http://x/#/precision?{}", "a=1&".repeat(60))).unwrap();
        assert!(long.side > short.side);
        assert!(svg(&"x".repeat(5000)).is_none());
    }
}
