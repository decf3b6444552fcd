#!/usr/bin/env python3
"""Reference vectors for src/formats.rs and src/quant.rs, made with ml_dtypes.

The source of truth for the number-format tests: run it after
`pip install ml_dtypes==0.6.0` (numpy comes with it) and commit its output,
`tests/vectors/*`. It is deterministic (fixed seeds), so running it again must
give byte-identical files.

Files written (all little-endian, hex is lower case, f64 values are given as
their 16-hex-digit IEEE-754 bit patterns so nothing depends on float printing):

  decode_bf16.f32, decode_fp16.f32
      65,536 little-endian f32 values: ml_dtypes/numpy's value of every code.
  decode_e4m3.txt, decode_e5m2.txt, decode_e3m2.txt, decode_e2m3.txt,
  decode_e2m1.txt, decode_e8m0.txt
      one line per code, `code f64bits`.
  decode_fp32.txt
      a sample of FP32 codes (numpy float32), `code f64bits`.
  encode.txt
      one line per input: `x_f64bits fp32 bf16 fp16 e4m3 e5m2 e3m2 e2m3 e2m1
      e8m0`, each column the code ml_dtypes (numpy for fp32/fp16) gives when it
      rounds x once, directly from f64 (see "double rounding" below).
  quant.txt
      `case index x q_1 ... q_11` (f64 bits): the quantizers of src/quant.rs
      done here with ml_dtypes on three small crafted tensors.
  sqnr.txt
      `method dB`: mean SQNR of the quantizers over 8 numpy standard-normal
      samples of 65,536 values (decimal text; a statistical cross-check, not
      bit-exact).

Double rounding. ml_dtypes 0.6.0 casts a float64 *array* to bfloat16 and to
its float8/6/4 types through float32, so a float64 value that is not a float32
value can be rounded twice (1 + 2**-4 + 2**-40 becomes 1.0 in e4m3, not 1.125).
The scalar constructors of the float8/6/4 types round float64 once. This
script gets the single rounding for every format from the array cast: it first
narrows x to float32 with round-to-odd, after which rounding to any format of
at most 22 significant bits and float32's exponent range gives the correctly
rounded result (Boldo & Melquiond, "When double rounding is odd"; ml_dtypes
itself uses this trick for long double). It then asserts that this agrees with
numpy's direct float64->float16 cast and with the float8/6/4 scalar
constructors on every input (but one bug: ml_dtypes' e8m0 scalar
constructor wraps float64 values in [1.5 * 2**128, 2**129) to 0x00 instead of
overflowing to NaN), and prints how many inputs the plain float64 array cast
would round differently.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ml_dtypes as md
import numpy as np

if md.__version__ != "0.6.0":
    sys.exit(f"need ml_dtypes 0.6.0, found {md.__version__}")

# Output folder: tests/vectors, or the folder given as the first argument.
OUT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "tests" / "vectors"

# (id, numpy type, storage bits, code bits)
SMALL = [
    ("bf16", md.bfloat16, 16, 16),
    ("fp16", np.float16, 16, 16),
    ("e4m3", md.float8_e4m3fn, 8, 8),
    ("e5m2", md.float8_e5m2, 8, 8),
    ("e3m2", md.float6_e3m2fn, 8, 6),
    ("e2m3", md.float6_e2m3fn, 8, 6),
    ("e2m1", md.float4_e2m1fn, 8, 4),
    ("e8m0", md.float8_e8m0fnu, 8, 8),
]
TYPES = {fid: t for fid, t, _, _ in SMALL}
UINT = {8: np.uint8, 16: np.uint16, 32: np.uint32}


def hex64(a: np.ndarray) -> list[str]:
    return [f"{int(b):016x}" for b in np.asarray(a, dtype=np.float64).view(np.uint64)]


def round_to_odd_f32(x: np.ndarray) -> np.ndarray:
    """float64 -> float32, rounding toward zero and setting the last bit when inexact."""
    x = np.asarray(x, dtype=np.float64)
    with np.errstate(over="ignore"):
        y = x.astype(np.float32)
    bits = y.view(np.uint32).copy()
    back = y.astype(np.float64)
    inexact = (back != x) & ~np.isnan(x)
    # Sign-magnitude: one step down in the bits is one step toward zero.
    bits[inexact & (np.abs(back) > np.abs(x))] -= 1
    bits[inexact] |= 1
    return bits.view(np.float32)


def codes(x: np.ndarray, fid: str) -> np.ndarray:
    """Codes of x in format fid, rounded once from float64 (ml_dtypes cast semantics)."""
    x = np.asarray(x, dtype=np.float64)
    if fid == "fp32":
        with np.errstate(over="ignore"):
            return x.astype(np.float32).view(np.uint32).astype(np.uint32)
    t = TYPES[fid]
    with np.errstate(over="ignore", invalid="ignore"):
        y = round_to_odd_f32(x).astype(t)
    storage = 16 if fid in ("bf16", "fp16") else 8
    return y.view(UINT[storage]).astype(np.uint32)


def values(c: np.ndarray, fid: str) -> np.ndarray:
    storage = 16 if fid in ("bf16", "fp16") else 8
    return np.asarray(c, dtype=UINT[storage]).view(TYPES[fid]).astype(np.float64)


def cast_sat(x: np.ndarray, fid: str) -> np.ndarray:
    """Round once to fid with saturation (clip to +-max, then round), back to f64."""
    t = TYPES[fid]
    mx = float(md.finfo(t).max)
    return values(codes(np.clip(x, -mx, mx), fid), fid)


# ---------------------------------------------------------------- decode


def write_decode() -> None:
    for fid, t, storage, nbits in SMALL:
        c = np.arange(1 << nbits, dtype=UINT[storage])
        v = c.view(t)
        if storage == 16:
            (OUT / f"decode_{fid}.f32").write_bytes(v.astype("<f4").tobytes())
        else:
            lines = [f"{i:02x} {h}" for i, h in zip(range(1 << nbits), hex64(v.astype(np.float64)))]
            (OUT / f"decode_{fid}.txt").write_text("\n".join(lines) + "\n")
    rng = np.random.default_rng(32)
    fixed = [0, 1, 0x7F7FFFFF, 0x7F800000, 0x7FC00000, 0x80000000, 0xFF800000,
             0x00800000, 0x007FFFFF, 0x3F800000, 0xBF800000, 0x7F800001, 0xFFFFFFFF]
    c32 = np.concatenate([np.array(fixed, dtype=np.uint32),
                          rng.integers(0, 1 << 32, size=4000, dtype=np.uint64).astype(np.uint32)])
    v32 = c32.view(np.float32).astype(np.float64)
    lines = [f"{int(c):08x} {h}" for c, h in zip(c32, hex64(v32))]
    (OUT / "decode_fp32.txt").write_text("\n".join(lines) + "\n")


# ---------------------------------------------------------------- encode


def encode_inputs() -> np.ndarray:
    rng = np.random.default_rng(20240806)
    parts = [np.array([
        0.0, -0.0, np.inf, -np.inf, np.nan, -np.nan, 1.0, -1.0, 0.5, 2.0,
        np.finfo(np.float64).max, -np.finfo(np.float64).max, 5e-324, -5e-324,
        np.finfo(np.float64).tiny, 2.0**-149, 2.0**-150, 2.0**-151, 2.0**-160,
        float(np.finfo(np.float32).max), 2.0**128, -(2.0**128),
        (2.0 - 2.0**-24) * 2.0**127, 1e39, 1e-39, 1e-45, 1e300, -1e-300,
        1 + 2.0**-4 + 2.0**-40, 1 + 2.0**-8 + 2.0**-40, 1 + 2.0**-11 + 2.0**-40,
    ] + [k * 2.0**-127 for k in (0.25, 0.5, 0.75, 1.0, 1.0001, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)]
        + [1.5 * 2.0**k for k in range(-130, 130, 7)])]
    for fid, t, _, nbits in SMALL:
        v = np.unique(np.abs(values(np.arange(1 << nbits), fid)))
        v = v[np.isfinite(v)]
        if fid == "e8m0":
            v = np.concatenate([[0.0], v])
        top = v[-1]
        step = top - v[-2]
        v = np.concatenate([v, [top + step, 2 * top]])  # virtual next value
        mids = (v[:-1] + v[1:]) / 2
        if len(mids) > 1500:
            mids = rng.choice(mids, size=1500, replace=False)
        f32 = mids.astype(np.float32)
        cand = [mids, np.nextafter(mids, -np.inf), np.nextafter(mids, np.inf),
                np.nextafter(f32, np.float32(-np.inf)).astype(np.float64),
                np.nextafter(f32, np.float32(np.inf)).astype(np.float64),
                v[: min(len(v), 600)], top * rng.uniform(0.0, 2.0, 300)]
        c = np.concatenate(cand)
        sign = np.where(rng.random(len(c)) < 0.5, -1.0, 1.0)
        parts.append(c * sign)
    n = 6000
    # Magnitudes 2**-160 .. 2**140 built exactly (ldexp of a uniform mantissa in
    # [1, 2)): exp2 of a non-integer goes through numpy's SIMD kernels, whose
    # last bit differs between CPUs, and the vectors must not.
    parts.append(np.where(rng.random(n) < 0.5, -1.0, 1.0)
                 * np.ldexp(rng.uniform(1.0, 2.0, n), rng.integers(-160, 140, n)))
    f32bits = rng.integers(0, 0x7F800000, size=3000, dtype=np.uint64).astype(np.uint32)
    f32bits |= (rng.random(3000) < 0.5).astype(np.uint32) << 31
    parts.append(f32bits.view(np.float32).astype(np.float64))
    parts.append(np.ldexp(rng.standard_normal(3000), rng.integers(-20, 20, 3000)))
    return np.concatenate(parts)


def scalar_codes(x: np.ndarray, fid: str) -> np.ndarray:
    t = TYPES[fid]
    out = np.empty(len(x), dtype=np.uint32)
    for i, xi in enumerate(x):
        with np.errstate(over="ignore", invalid="ignore"):
            out[i] = int(np.array([t(float(xi))]).view(np.uint8)[0])
    return out


def write_encode() -> None:
    x = encode_inputs()
    order = ["fp32", "bf16", "fp16", "e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "e8m0"]
    cols = {fid: codes(x, fid) for fid in order}
    # Cross-checks of the round-to-odd route.
    with np.errstate(over="ignore"):
        direct16 = x.astype(np.float16).view(np.uint16).astype(np.uint32)
    assert np.array_equal(cols["fp16"], direct16), "fp16 round-to-odd route disagrees with numpy"
    for fid in ["e4m3", "e5m2", "e3m2", "e2m3", "e2m1", "e8m0"]:
        sc = scalar_codes(x, fid)
        differ = sc != cols[fid]
        if fid == "e8m0":
            # The e8m0 scalar constructor wraps values in [1.5 * 2**128, 2**129) to
            # code 0x00 (2**-127): the exponent 256 overflows its 8 bits. The
            # float32 route cannot reach them and gives NaN, like all overflow.
            wrap = differ & (np.abs(x) >= 1.5 * 2.0**128) & (np.abs(x) < 2.0**129)
            assert np.all(sc[wrap] == 0) and np.all(cols[fid][wrap] == 0xFF)
            print(f"e8m0: scalar constructor wraps {int(np.count_nonzero(wrap))} huge inputs to 0x00")
            differ &= ~wrap
        bad = np.nonzero(differ)[0]
        assert len(bad) == 0, (fid, [(float(x[i]), int(sc[i]), int(cols[fid][i])) for i in bad[:5]])
    for fid in order[1:]:
        with np.errstate(over="ignore", invalid="ignore"):
            plain = x.astype(TYPES[fid]).view(UINT[16 if fid in ("bf16", "fp16") else 8])
        diff = int(np.count_nonzero(plain.astype(np.uint32) != cols[fid]))
        print(f"{fid}: plain float64 array cast differs (double rounding) on {diff} of {len(x)} inputs")
    width = {"fp32": 8, "bf16": 4, "fp16": 4, "e8m0": 2}
    rows = ["# x_f64bits " + " ".join(order)]
    hx = hex64(x)
    for i in range(len(x)):
        rows.append(hx[i] + " " + " ".join(f"{int(cols[f][i]):0{width.get(f, 2)}x}" for f in order))
    (OUT / "encode.txt").write_text("\n".join(rows) + "\n")
    print(f"encode.txt: {len(x)} inputs")


# ---------------------------------------------------------------- quantizers

EMAX = {"e4m3": 8, "e5m2": 15, "e3m2": 4, "e2m3": 2, "e2m1": 2}
METHODS = ["absmax_e4m3", "absmax_e5m2", "absmax_e3m2", "absmax_e2m3", "absmax_e2m1",
           "mxfp8_e4m3", "mxfp8_e5m2", "mxfp6_e3m2", "mxfp6_e2m3", "mxfp4_e2m1", "nvfp4"]


def absmax(x: np.ndarray) -> float:
    return float(np.max(np.abs(x))) if len(x) else 0.0


def q_absmax(x: np.ndarray, fid: str) -> np.ndarray:
    scale = absmax(x) / float(md.finfo(TYPES[fid]).max)
    if scale == 0.0:
        return x * 0.0
    return cast_sat(x / scale, fid) * scale


def q_mx(x: np.ndarray, fid: str) -> np.ndarray:
    out = np.empty_like(x)
    for s in range(0, len(x), 32):
        b = x[s : s + 32]
        m = absmax(b)
        e = int(np.frexp(m)[1]) - 1 if m > 0 else -127
        e = min(max(e - EMAX[fid], -127), 127)
        p = float(np.ldexp(1.0, e))
        out[s : s + 32] = cast_sat(b / p, fid) * p
    return out


def q_nvfp4(x: np.ndarray) -> np.ndarray:
    f32max = float(np.finfo(np.float32).max)
    ts = float(np.float32(min(absmax(x) / 2688.0, f32max)))  # FP32, saturated
    out = x * 0.0
    if ts == 0.0:
        return out
    for s in range(0, len(x), 16):
        b = x[s : s + 16]
        bs = float(cast_sat(np.array([absmax(b) / 6.0 / ts]), "e4m3")[0])
        d = bs * ts
        if d != 0.0:
            out[s : s + 16] = cast_sat(b / d, "e2m1") * d
    return out


def run(x: np.ndarray, method: str) -> np.ndarray:
    kind, _, fid = method.partition("_")
    if kind == "absmax":
        return q_absmax(x, fid)
    if kind == "nvfp4":
        return q_nvfp4(x)
    return q_mx(x, fid)


def write_quant() -> None:
    rng = np.random.default_rng(7)
    a = rng.standard_normal(1024)
    b = np.ldexp(rng.standard_normal(1030), np.repeat(rng.integers(-24, 24, 33), 32)[:1030])
    b[64:96] = 0.0
    b[96:128] = -0.0
    b[200] = 5000.0
    b[300:316] = rng.standard_normal(16) * 1e-30
    c = np.ldexp(rng.standard_normal(272), np.repeat(rng.integers(-140, 140, 17), 16))
    c[:16] = rng.standard_normal(16) * 1e-40  # below E8M0's 2**-127
    c[16:32] = rng.standard_normal(16) * 1e45  # above 2**127
    rows = ["# case index x " + " ".join(METHODS)]
    for name, x in (("normal", a), ("mixed", b), ("extreme", c)):
        outs = [hex64(run(x, m)) for m in METHODS]
        xs = hex64(x)
        for i in range(len(x)):
            rows.append(f"{name} {i} {xs[i]} " + " ".join(o[i] for o in outs))
    (OUT / "quant.txt").write_text("\n".join(rows) + "\n")


def sqnr_db(x: np.ndarray, q: np.ndarray) -> float:
    return float(10 * np.log10(np.sum(x * x) / np.sum((x - q) ** 2)))


def write_sqnr() -> None:
    # Per-tensor scaling depends on the sample's maximum, so one sample's
    # figure wanders by +-0.4 dB for the coarse formats: average 8 samples.
    xs = [np.random.default_rng(seed).standard_normal(1 << 16) for seed in range(1, 9)]
    lines = ["# method mean_sqnr_db  (numpy standard normal, 65536 values, seeds 1..8)"]
    for m in METHODS:
        lines.append(f"{m} {np.mean([sqnr_db(x, run(x, m)) for x in xs]):.4f}")
    (OUT / "sqnr.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


def main() -> None:
    np.seterr(invalid="ignore")  # NaN codes cast to float64 are expected
    OUT.mkdir(parents=True, exist_ok=True)
    write_decode()
    write_encode()
    write_quant()
    write_sqnr()


if __name__ == "__main__":
    main()
