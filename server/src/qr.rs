//! The audience link's QR code in the terminal, in Unicode half blocks:
//! one character per module column, two module rows per line.
//!
//! The code is drawn inverted: a block (`█`, `▀`, `▄`) is a *light* module
//! and a space a dark one. Terminals are mostly light text on a dark
//! background, so the light parts come out light and the code scans; on a
//! light-background terminal it shows as a negative, which most readers
//! also scan.

use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code on each side. (The standard asks for 4;
/// 2 keeps the code small and scans in practice, the terminal's own dark
/// background lying around it.)
pub const QUIET: i32 = 2;

/// The code of `text` as lines of text, or `None` when it is too long.
pub fn terminal(text: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let side = code.size() + 2 * QUIET;
    // Outside the code, in the quiet zone, modules are light.
    let light = |x: i32, y: i32| !code.get_module(x - QUIET, y - QUIET);
    let mut out = String::new();
    for y in (0..side).step_by(2) {
        for x in 0..side {
            // Below the last row (odd side), nothing: the background.
            let bottom = y + 1 < side && light(x, y + 1);
            out.push(match (light(x, y), bottom) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push('\n');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawing_reads_back_as_the_code_inside_a_light_margin() {
        let url = "http://192.168.1.20:8080/?live=0123456789abcdef";
        let text = terminal(url).unwrap();
        let code = QrCode::encode_text(url, QrCodeEcc::Medium).unwrap();
        let n = code.size();
        let side = (n + 2 * QUIET) as usize;
        let lines: Vec<Vec<char>> = text.lines().map(|l| l.chars().collect()).collect();
        assert_eq!(lines.len(), side.div_ceil(2));
        // Back to a grid of light modules, two rows per line.
        let mut light = vec![vec![false; side]; side];
        for (row, line) in lines.iter().enumerate() {
            assert_eq!(line.len(), side);
            for (x, c) in line.iter().enumerate() {
                let (top, bottom) = match c {
                    '█' => (true, true),
                    '▀' => (true, false),
                    '▄' => (false, true),
                    ' ' => (false, false),
                    other => panic!("{other:?}"),
                };
                light[2 * row][x] = top;
                if 2 * row + 1 < side {
                    light[2 * row + 1][x] = bottom;
                } else {
                    assert!(!bottom, "nothing below the last row");
                }
            }
        }
        for (y, row) in light.iter().enumerate() {
            for (x, &is_light) in row.iter().enumerate() {
                let (cx, cy) = (x as i32 - QUIET, y as i32 - QUIET);
                let inside = (0..n).contains(&cx) && (0..n).contains(&cy);
                let dark = inside && code.get_module(cx, cy);
                assert_eq!(is_light, !dark, "module {x},{y}");
            }
        }
        // The finder pattern's corner is dark, just inside the margin.
        assert!(!light[QUIET as usize][QUIET as usize]);
        assert!(light[0][0]);
        assert_eq!(terminal(&"x".repeat(5000)), None);
    }
}
