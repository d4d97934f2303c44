//! The random numbers of the Monte Carlo: xoshiro256** (Blackman & Vigna, "Scrambled linear
//! pseudorandom number generators", ACM TOMS 47(4), 2021; reference C code at
//! <https://prng.di.unimi.it/xoshiro256starstar.c>) seeded by SplitMix64 (Steele, Lea & Flood,
//! OOPSLA 2014; <https://prng.di.unimi.it/splitmix64.c>), and the standard normal quantile of
//! Wichura's algorithm AS 241 (Applied Statistics 37(3), 477–484, 1988; PPND16, about 16
//! digits).
//!
//! Why these: both generators are a few lines of integer arithmetic, so a certifier can
//! re-implement them from the papers and get the same stream; integer operations and the
//! IEEE 754 operations used here give the same bits on every target. The only transcendental
//! functions (`ln`, `exp`, `sqrt`) come from the pure-Rust `libm` crate, never from the
//! platform (std's `ln`/`exp` call the system libm natively but a different implementation in
//! WASM, which may differ in the last bit).

// The AS 241 coefficients are written with the digits Wichura published (more than an f64
// holds), so they can be compared with the paper; the compiler rounds each to the nearest f64.
#![allow(clippy::excessive_precision)]

/// xoshiro256**: 256 bits of state, period 2^256 − 1.
#[derive(Debug, Clone)]
pub struct Xoshiro256StarStar {
    s: [u64; 4],
}

/// One step of SplitMix64: returns the next output and advances `state`.
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Xoshiro256StarStar {
    /// The generator for a seed: the state is four successive SplitMix64 outputs from the
    /// seed, as the authors recommend.
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut sm = seed;
        let s = [
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
            splitmix64(&mut sm),
        ];
        Xoshiro256StarStar { s }
    }

    /// A generator from a raw state (tests against the reference vectors).
    pub fn from_state(s: [u64; 4]) -> Self {
        Xoshiro256StarStar { s }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A uniform number strictly inside (0, 1): the top 53 bits plus one half, times 2^-53,
    /// so neither 0 nor 1 can occur (the normal quantile of either would be infinite).
    pub fn next_open01(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
    }
}

fn horner(c: &[f64; 8], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
}

const A: [f64; 8] = [
    3.387_132_872_796_366_608,
    1.331_416_678_917_843_774_5e2,
    1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4,
    4.592_195_393_154_987_145_7e4,
    6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4,
    2.509_080_928_730_122_672_7e3,
];
const B: [f64; 8] = [
    1.0,
    4.231_333_070_160_091_125_2e1,
    6.871_870_074_920_579_083e2,
    5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4,
    3.930_789_580_009_271_061e4,
    2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561e3,
];
const C: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_9,
    5.769_497_221_460_691_405_5,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    2.417_807_251_774_506_117_7e-1,
    2.272_384_498_926_918_458_33e-2,
    7.745_450_142_783_414_076_4e-4,
];
const D: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_4,
    6.897_673_349_851_000_045_5e-1,
    1.481_039_764_274_800_745_9e-1,
    1.519_866_656_361_645_719_66e-2,
    5.475_938_084_995_344_946e-4,
    1.050_750_071_644_416_843_24e-9,
];
const E: [f64; 8] = [
    6.657_904_643_501_103_777_2,
    5.463_784_911_164_114_369_9,
    1.784_826_539_917_291_335_8,
    2.965_605_718_285_048_912_3e-1,
    2.653_218_952_657_612_309_3e-2,
    1.242_660_947_388_078_438_6e-3,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
const F: [f64; 8] = [
    1.0,
    5.998_322_065_558_879_376_9e-1,
    1.369_298_809_227_358_053_1e-1,
    1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591e-4,
    1.846_318_317_510_054_681_8e-5,
    1.421_511_758_316_445_888_7e-7,
    2.044_263_103_389_939_785_64e-15,
];

/// The standard normal quantile Φ⁻¹(p) for 0 < p < 1 (AS 241, PPND16). Outside (0, 1) it
/// returns ±infinity (the generator never gives such a `p`).
pub fn normal_quantile(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * horner(&A, r) / horner(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = libm::sqrt(-libm::log(r));
    let v = if r <= 5.0 {
        let r = r - 1.6;
        horner(&C, r) / horner(&D, r)
    } else {
        let r = r - 5.0;
        horner(&E, r) / horner(&F, r)
    };
    if q < 0.0 {
        -v
    } else {
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xoshiro_matches_the_reference_vectors() {
        // Reference C code from state {1, 2, 3, 4}.
        let mut g = Xoshiro256StarStar::from_state([1, 2, 3, 4]);
        let got: Vec<u64> = (0..4).map(|_| g.next_u64()).collect();
        assert_eq!(got, [11520, 0, 1509978240, 1215971899390074240]);
    }

    #[test]
    fn splitmix_matches_the_reference_vector() {
        // splitmix64.c from state 0: first output.
        let mut s = 0u64;
        assert_eq!(splitmix64(&mut s), 0xe220_a839_7b1d_cdaf);
    }

    #[test]
    fn normal_quantile_matches_tabulated_values() {
        // Φ⁻¹ to 15 digits (R qnorm); AS 241 is good to about 1e-16 relative.
        for (p, z) in [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.95, 1.644_853_626_951_472_2),
            (0.025, -1.959_963_984_540_054),
            (0.8, 0.841_621_233_572_914_3),
            (1e-10, -6.361_340_902_404_056),
        ] {
            let got = normal_quantile(p);
            assert!(
                (got - z).abs() <= 1e-14 * z.abs().max(1.0),
                "{p}: {got} vs {z}"
            );
        }
    }

    #[test]
    fn uniforms_stay_inside_the_open_interval() {
        let mut g = Xoshiro256StarStar::seed_from_u64(7);
        for _ in 0..10_000 {
            let u = g.next_open01();
            assert!(u > 0.0 && u < 1.0);
        }
    }
}
