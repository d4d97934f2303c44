//! The unit registry: symbols, their dimension and their scale to the dimension's base unit.
//!
//! Owns unit parsing and conversion; it does not know about factors or documents. A unit is
//! looked up by its symbol (`kWh`, `t`, `tkm`, `kWp` …; a few aliases such as `m²` and `t·km`
//! are accepted). Conversion between two units of the same dimension multiplies by one ratio of
//! scales, computed in the same order everywhere, so it gives the same bits on every platform.

use std::fmt;

/// The physical dimension of a unit. Conversions exist only within one dimension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// Base unit kg.
    Mass,
    /// Base unit MJ.
    Energy,
    /// Base unit m³.
    Volume,
    /// Base unit m².
    Area,
    /// Base unit m.
    Length,
    /// Base unit one item.
    Count,
    /// Base unit hour.
    Time,
    /// Mass × distance, base unit t·km.
    MassDistance,
    /// Person × distance, base unit passenger-km.
    PersonDistance,
    /// Peak power of PV, base unit kWp.
    PeakPower,
    /// Power, base unit kW.
    Power,
}

impl Dimension {
    /// Lowercase name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Mass => "mass",
            Dimension::Energy => "energy",
            Dimension::Volume => "volume",
            Dimension::Area => "area",
            Dimension::Length => "length",
            Dimension::Count => "count",
            Dimension::Time => "time",
            Dimension::MassDistance => "mass×distance",
            Dimension::PersonDistance => "person×distance",
            Dimension::PeakPower => "peak power",
            Dimension::Power => "power",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A unit of the registry. Only [`Unit::parse`] makes one, so every `Unit` is known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unit {
    symbol: &'static str,
    dimension: Dimension,
    /// Size of one of this unit in the dimension's base unit.
    scale: f64,
}

/// (symbol, dimension, scale to base). The first symbol of a unit is its canonical spelling;
/// aliases are in [`ALIASES`]. Scales are exact decimal ratios, written so that the common
/// conversions (kWh↔MJ 3.6, t↔kg 1000) are exact in binary.
const UNITS: &[(&str, Dimension, f64)] = &[
    // mass (kg)
    ("mg", Dimension::Mass, 1e-6),
    ("g", Dimension::Mass, 1e-3),
    ("kg", Dimension::Mass, 1.0),
    ("t", Dimension::Mass, 1e3),
    ("kt", Dimension::Mass, 1e6),
    ("Mt", Dimension::Mass, 1e9),
    ("lb", Dimension::Mass, 0.453_592_37),
    // energy (MJ)
    ("J", Dimension::Energy, 1e-6),
    ("kJ", Dimension::Energy, 1e-3),
    ("MJ", Dimension::Energy, 1.0),
    ("GJ", Dimension::Energy, 1e3),
    ("TJ", Dimension::Energy, 1e6),
    ("PJ", Dimension::Energy, 1e9),
    ("Wh", Dimension::Energy, 3.6e-3),
    ("kWh", Dimension::Energy, 3.6),
    ("MWh", Dimension::Energy, 3.6e3),
    ("GWh", Dimension::Energy, 3.6e6),
    ("TWh", Dimension::Energy, 3.6e9),
    // volume (m3)
    ("mL", Dimension::Volume, 1e-6),
    ("L", Dimension::Volume, 1e-3),
    ("m3", Dimension::Volume, 1.0),
    // area (m2)
    ("cm2", Dimension::Area, 1e-4),
    ("m2", Dimension::Area, 1.0),
    ("ha", Dimension::Area, 1e4),
    ("km2", Dimension::Area, 1e6),
    // length (m)
    ("mm", Dimension::Length, 1e-3),
    ("cm", Dimension::Length, 1e-2),
    ("m", Dimension::Length, 1.0),
    ("km", Dimension::Length, 1e3),
    // count
    ("item", Dimension::Count, 1.0),
    // time (h)
    ("s", Dimension::Time, 1.0 / 3600.0),
    ("min", Dimension::Time, 1.0 / 60.0),
    ("h", Dimension::Time, 1.0),
    ("d", Dimension::Time, 24.0),
    ("a", Dimension::Time, 8760.0),
    // mass × distance (t·km)
    ("kgkm", Dimension::MassDistance, 1e-3),
    ("tkm", Dimension::MassDistance, 1.0),
    // person × distance
    ("pkm", Dimension::PersonDistance, 1.0),
    // peak power (kWp)
    ("Wp", Dimension::PeakPower, 1e-3),
    ("kWp", Dimension::PeakPower, 1.0),
    ("MWp", Dimension::PeakPower, 1e3),
    ("GWp", Dimension::PeakPower, 1e6),
    // power (kW)
    ("W", Dimension::Power, 1e-3),
    ("kW", Dimension::Power, 1.0),
    ("MW", Dimension::Power, 1e3),
];

/// Alternative spellings → canonical symbol.
const ALIASES: &[(&str, &str)] = &[
    ("tonne", "t"),
    ("tonnes", "t"),
    ("l", "L"),
    ("litre", "L"),
    ("liter", "L"),
    ("ml", "mL"),
    ("m³", "m3"),
    ("m^3", "m3"),
    ("m²", "m2"),
    ("m^2", "m2"),
    ("cm²", "cm2"),
    ("km²", "km2"),
    ("t·km", "tkm"),
    ("t*km", "tkm"),
    ("t km", "tkm"),
    ("kg·km", "kgkm"),
    ("kg*km", "kgkm"),
    ("p·km", "pkm"),
    ("unit", "item"),
    ("units", "item"),
    ("items", "item"),
    ("piece", "item"),
    ("pieces", "item"),
    ("pcs", "item"),
    ("pc", "item"),
    ("p", "item"),
    ("yr", "a"),
    ("year", "a"),
    ("day", "d"),
    ("hour", "h"),
];

impl Unit {
    /// Looks a symbol up. `None` when it is not in the registry.
    pub fn parse(symbol: &str) -> Option<Unit> {
        let s = symbol.trim();
        let canonical = ALIASES
            .iter()
            .find(|(alias, _)| *alias == s)
            .map(|(_, c)| *c)
            .unwrap_or(s);
        UNITS
            .iter()
            .find(|(sym, _, _)| *sym == canonical)
            .map(|&(symbol, dimension, scale)| Unit {
                symbol,
                dimension,
                scale,
            })
    }

    /// A suggestion for an unknown symbol: a unit whose symbol matches ignoring case.
    pub fn suggest(symbol: &str) -> Option<&'static str> {
        let s = symbol.trim();
        UNITS
            .iter()
            .map(|(sym, _, _)| *sym)
            .chain(ALIASES.iter().map(|(_, c)| *c))
            .find(|sym| sym.eq_ignore_ascii_case(s))
            .or_else(|| {
                ALIASES
                    .iter()
                    .find(|(a, _)| a.eq_ignore_ascii_case(s))
                    .map(|(_, c)| *c)
            })
    }

    /// The canonical symbol.
    pub fn symbol(&self) -> &'static str {
        self.symbol
    }

    /// The dimension.
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// The factor that turns an amount in `self` into an amount in `to`, or `None` when the
    /// dimensions differ.
    pub fn factor_to(&self, to: &Unit) -> Option<f64> {
        if self.dimension != to.dimension {
            return None;
        }
        if self.symbol == to.symbol {
            return Some(1.0);
        }
        Some(self.scale / to.scale)
    }

    /// Every unit of the registry, in registry order (for `pcf units` and the page).
    pub fn all() -> impl Iterator<Item = Unit> {
        UNITS.iter().map(|&(symbol, dimension, scale)| Unit {
            symbol,
            dimension,
            scale,
        })
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Unit {
        Unit::parse(s).unwrap_or_else(|| panic!("{s} is in the registry"))
    }

    #[test]
    fn energy_conversions_are_exact_where_decimal_allows() {
        assert_eq!(u("kWh").factor_to(&u("MJ")), Some(3.6));
        assert_eq!(u("MWh").factor_to(&u("kWh")), Some(1000.0));
        assert_eq!(u("TJ").factor_to(&u("GJ")), Some(1000.0));
        assert_eq!(u("t").factor_to(&u("kg")), Some(1000.0));
        assert_eq!(u("g").factor_to(&u("kg")), Some(0.001));
    }

    #[test]
    fn aliases_resolve_to_canonical_symbols() {
        assert_eq!(u("m²").symbol(), "m2");
        assert_eq!(u("t·km").symbol(), "tkm");
        assert_eq!(u("pcs").symbol(), "item");
        assert_eq!(u(" kWh ").symbol(), "kWh");
    }

    #[test]
    fn different_dimensions_do_not_convert() {
        assert_eq!(u("kWh").factor_to(&u("kg")), None);
        assert_eq!(u("kWp").factor_to(&u("kW")), None);
    }

    #[test]
    fn unknown_symbols_get_a_case_insensitive_suggestion() {
        assert!(Unit::parse("KWH").is_none());
        assert_eq!(Unit::suggest("KWH"), Some("kWh"));
        assert_eq!(Unit::suggest("furlong"), None);
    }

    #[test]
    fn every_symbol_and_alias_is_unique_and_resolves() {
        let mut seen = std::collections::BTreeSet::new();
        for (sym, _, scale) in UNITS {
            assert!(seen.insert(*sym), "duplicate unit {sym}");
            assert!(scale.is_finite() && *scale > 0.0);
        }
        for (alias, canonical) in ALIASES {
            assert!(seen.insert(*alias), "alias {alias} shadows a unit or alias");
            assert!(Unit::parse(canonical).is_some(), "alias target {canonical}");
        }
    }
}
