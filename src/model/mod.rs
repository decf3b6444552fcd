//! Everything that computes: number formats, chip and source tables,
//! throughput, memory, interconnect, economics, depreciation, the ladder,
//! the panels' settings and the general tools they share (fixed-point
//! settings, chart scales, sorting). Pure: std only, no web crates (they are
//! not even dependencies on native targets), tested natively.

pub mod bandwidth;
pub mod chart;
pub mod chips;
pub mod depreciation;
pub mod economics;
pub mod fixed;
pub mod formats;
pub mod ladder;
pub mod memory;
pub mod perf;
pub mod precision;
pub mod quant;
pub mod settings;
pub mod sort;
pub mod sources;
pub mod takeaways;
