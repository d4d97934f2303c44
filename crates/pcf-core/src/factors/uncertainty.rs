//! The uncertainty of a factor: a distribution and its parameters, written in one table cell
//! as `lognormal:gsd=1.1`, `normal:sd=0.02`, `triangular:min=0.5,mode=0.6,max=0.8` or
//! `uniform:min=0.5,max=0.8` (parameters in the factor's own unit, the geometric standard
//! deviation dimensionless). Monte Carlo (a later issue) draws from it.

use std::fmt;

/// A probability distribution around a factor's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Distribution {
    /// Lognormal with the factor value as median and this geometric standard deviation (≥ 1).
    Lognormal {
        /// Geometric standard deviation.
        gsd: f64,
    },
    /// Normal with the factor value as mean.
    Normal {
        /// Standard deviation, in the factor's unit.
        sd: f64,
    },
    /// Triangular.
    Triangular {
        /// Lower bound.
        min: f64,
        /// Mode.
        mode: f64,
        /// Upper bound.
        max: f64,
    },
    /// Uniform.
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
}

impl Distribution {
    /// Parses the cell text and checks it against the factor's `value`.
    pub fn parse(text: &str, value: f64) -> Result<Distribution, String> {
        let (kind, params) = text
            .split_once(':')
            .ok_or_else(|| format!("{text:?} must look like lognormal:gsd=1.1"))?;
        let mut got: Vec<(&str, f64)> = Vec::new();
        for part in params.split(',') {
            let (k, v) = part
                .split_once('=')
                .ok_or_else(|| format!("parameter {part:?} must be name=number"))?;
            let v: f64 = v
                .trim()
                .parse()
                .map_err(|_| format!("parameter {} = {v:?} is not a number", k.trim()))?;
            if !v.is_finite() {
                return Err(format!("parameter {} is not finite", k.trim()));
            }
            got.push((k.trim(), v));
        }
        let names: Vec<&str> = got.iter().map(|(k, _)| *k).collect();
        let want = |expected: &[&str]| -> Result<(), String> {
            if names == expected {
                Ok(())
            } else {
                Err(format!(
                    "{kind} takes {} (in this order), got {}",
                    expected.join(", "),
                    names.join(", ")
                ))
            }
        };
        let p = |i: usize| got.get(i).map(|(_, v)| *v).unwrap_or(f64::NAN);
        let d = match kind.trim() {
            "lognormal" => {
                want(&["gsd"])?;
                if p(0) < 1.0 {
                    return Err(format!("gsd must be at least 1, got {}", p(0)));
                }
                Distribution::Lognormal { gsd: p(0) }
            }
            "normal" => {
                want(&["sd"])?;
                if p(0) < 0.0 {
                    return Err(format!("sd must not be negative, got {}", p(0)));
                }
                Distribution::Normal { sd: p(0) }
            }
            "triangular" => {
                want(&["min", "mode", "max"])?;
                let (min, mode, max) = (p(0), p(1), p(2));
                if !(min <= mode && mode <= max) {
                    return Err(format!("need min ≤ mode ≤ max, got {min}, {mode}, {max}"));
                }
                Distribution::Triangular { min, mode, max }
            }
            "uniform" => {
                want(&["min", "max"])?;
                let (min, max) = (p(0), p(1));
                if min > max {
                    return Err(format!("need min ≤ max, got {min}, {max}"));
                }
                Distribution::Uniform { min, max }
            }
            other => {
                return Err(format!(
                    "distribution {other:?} must be lognormal, normal, triangular or uniform"
                ))
            }
        };
        if let Distribution::Triangular { min, max, .. } | Distribution::Uniform { min, max } = d {
            if value < min || value > max {
                return Err(format!("the value {value} lies outside [{min}, {max}]"));
            }
        }
        Ok(d)
    }
}

impl fmt::Display for Distribution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Distribution::Lognormal { gsd } => write!(f, "lognormal:gsd={gsd}"),
            Distribution::Normal { sd } => write!(f, "normal:sd={sd}"),
            Distribution::Triangular { min, mode, max } => {
                write!(f, "triangular:min={min},mode={mode},max={max}")
            }
            Distribution::Uniform { min, max } => write!(f, "uniform:min={min},max={max}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_each_kind() {
        for (text, value) in [
            ("lognormal:gsd=1.1", 1.0),
            ("normal:sd=0.02", 0.5),
            ("triangular:min=0.5,mode=0.6,max=0.8", 0.6),
            ("uniform:min=0.5,max=0.8", 0.7),
        ] {
            let d = Distribution::parse(text, value).expect("valid");
            assert_eq!(d.to_string(), text);
        }
        assert_eq!(
            Distribution::parse("lognormal: gsd = 1.5", 1.0),
            Ok(Distribution::Lognormal { gsd: 1.5 })
        );
    }

    #[test]
    fn rejects_bad_cells_with_a_reason() {
        let e = |t: &str, v: f64| Distribution::parse(t, v).unwrap_err();
        assert_eq!(
            e("lognormal:gsd=0.9", 1.0),
            "gsd must be at least 1, got 0.9"
        );
        assert_eq!(
            e("beta:a=1", 1.0),
            "distribution \"beta\" must be lognormal, normal, triangular or uniform"
        );
        assert_eq!(
            e("uniform:min=1,max=2", 3.0),
            "the value 3 lies outside [1, 2]"
        );
        assert_eq!(
            e("triangular:min=1,mode=3,max=2", 1.5),
            "need min ≤ mode ≤ max, got 1, 3, 2"
        );
        assert_eq!(
            e("normal:sd=x", 1.0),
            "parameter sd = \"x\" is not a number"
        );
        assert_eq!(
            e("normal", 1.0),
            "\"normal\" must look like lognormal:gsd=1.1"
        );
        assert_eq!(
            e("uniform:max=2,min=1", 1.5),
            "uniform takes min, max (in this order), got max, min"
        );
    }
}
