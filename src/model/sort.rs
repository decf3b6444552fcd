//! A stable insertion sort for the page's short lists (eight rungs, a dozen
//! chips). It keeps the standard library's generic sort (a few KB of
//! WebAssembly per element type) out of the page. Pure: std only.

/// Sorts `v` stably: `before(a, b)` says `a` must come before `b`; elements
/// neither way keep their order. O(n²): for a handful of elements.
pub fn stable_sort_by<T>(v: &mut [T], before: impl Fn(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && before(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_keeps_ties_in_order() {
        let mut v = [(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        stable_sort_by(&mut v, |x, y| x.0 < y.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut empty: [u8; 0] = [];
        stable_sort_by(&mut empty, |a, b| a < b);
    }
}
