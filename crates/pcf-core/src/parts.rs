//! The parts of a footprint that PACT (and ISO 14067 / GB/T 24067) report apart from its
//! total: fossil, biogenic and land-use change emissions, biogenic CO2 uptake, removals,
//! aircraft and packaging emissions, carbon contents and land occupation.
//!
//! One list, [`Part`], holds every part with its unit and the sign the spec allows (its PACT
//! v2.3 and v3.0 field names are `pcf::pact::fields`). It is used on both sides of a roll-up:
//! - a supplier's declared footprint carries its parts ([`DeclaredParts`], written by
//!   `pcf pact import`), per the declared quantity, and a line using q of it contributes q
//!   times each part;
//! - the product's own lines contribute by their class and gas ([`own_line_parts`]), so the
//!   same identities hold for what pcf computes itself;
//! - the result reports every part per stage and in total ([`PartValues`]), and the PACT
//!   export writes them from there.
//!
//! A part that a PACT spec version has no field for (`pcf::pact::fields::field` is `None`) is
//! not dropped by the export: it says so in a warning.

use serde::{Deserialize, Serialize};

use crate::gwp::{EmissionClass, Gas};

/// What a part is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartUnit {
    /// kg CO2e per declared unit.
    KgCo2e,
    /// kg of carbon per declared unit.
    KgC,
    /// m²·year per declared unit.
    SquareMetreYear,
}

impl PartUnit {
    /// As written in messages.
    pub fn symbol(self) -> &'static str {
        match self {
            PartUnit::KgCo2e => "kg CO2e",
            PartUnit::KgC => "kg C",
            PartUnit::SquareMetreYear => "m2·a",
        }
    }
}

/// The sign a part may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartSign {
    /// Any finite value.
    Any,
    /// 0 or more (emissions, contents).
    NonNegative,
    /// 0 or less (uptake and removals).
    NonPositive,
}

macro_rules! parts {
    ($( $(#[doc = $doc:literal])* $variant:ident, $key:ident, $unit:ident, $sign:ident; )*) => {
        /// A part of a footprint reported apart from its total.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Part {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Part {
            /// Every part, in the order results list them.
            pub const ALL: &'static [Part] = &[ $( Part::$variant, )* ];

            /// How many parts there are.
            pub const COUNT: usize = Part::ALL.len();

            /// The part's key in documents and results (`fossil_ghg_emissions` …).
            pub fn key(self) -> &'static str {
                match self { $( Part::$variant => stringify!($key), )* }
            }

            /// Its unit.
            pub fn unit(self) -> PartUnit {
                match self { $( Part::$variant => PartUnit::$unit, )* }
            }

            /// The sign it may take.
            pub fn sign(self) -> PartSign {
                match self { $( Part::$variant => PartSign::$sign, )* }
            }
        }

        /// A value for every part (zero where nothing contributes). Serialised as an object
        /// with every key of [`Part::ALL`], in that order (by hand: a loop, not 23 fields of
        /// derived code in the page's WASM).
        #[derive(Debug, Clone, Copy, Default, PartialEq)]
        #[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
        pub struct PartValues {
            $( $(#[doc = $doc])* pub $key: f64, )*
        }

        impl PartValues {
            /// The value of one part.
            pub fn get(&self, p: Part) -> f64 {
                match p { $( Part::$variant => self.$key, )* }
            }

            /// The value of one part, to change.
            pub fn get_mut(&mut self, p: Part) -> &mut f64 {
                match p { $( Part::$variant => &mut self.$key, )* }
            }
        }

        /// The parts a supplier declares with its footprint, per the declared quantity
        /// (`declared.per`): every one optional. The total excluding biogenic CO2 uptake is
        /// the declaration's `kg_co2e`; `pcf_excluding_biogenic_uptake` here, when given, must
        /// equal it.
        ///
        /// Read and written by hand (a loop over [`Part::ALL`]): an unknown key is an error
        /// naming it, a value that is not a number an error at its key.
        #[derive(Debug, Clone, Copy, Default, PartialEq, schemars::JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct DeclaredParts {
            $( $(#[doc = $doc])* #[serde(default)] pub $key: Option<f64>, )*
        }

        impl DeclaredParts {
            /// The declared value of one part.
            pub fn get(&self, p: Part) -> Option<f64> {
                match p { $( Part::$variant => self.$key, )* }
            }

            /// The declared value of one part, to set.
            pub fn get_mut(&mut self, p: Part) -> &mut Option<f64> {
                match p { $( Part::$variant => &mut self.$key, )* }
            }
        }
    };
}

parts! {
    /// Total excluding biogenic CO2 uptake (kg CO2e): every emission and removal but the
    /// uptake (PACT v3 `pcfExcludingBiogenicUptake`, v2 `pCfExcludingBiogenic`).
    Excluding, pcf_excluding_biogenic_uptake, KgCo2e, Any;
    /// Total including biogenic CO2 uptake (kg CO2e): what the footprint's total is (PACT v3
    /// `pcfIncludingBiogenicUptake`, v2 `pCfIncludingBiogenic`).
    Including, pcf_including_biogenic_uptake, KgCo2e, Any;
    /// Fossil GHG emissions (kg CO2e), aircraft and land-management fossil emissions included.
    Fossil, fossil_ghg_emissions, KgCo2e, NonNegative;
    /// Direct land-use change emissions (kg CO2e; v2 `dLucGhgEmissions`).
    LandUseChange, land_use_change_ghg_emissions, KgCo2e, NonNegative;
    /// Indirect land-use change (kg CO2e; v2 `iLucGhgEmissions`, v3 `landCarbonLeakage`).
    LandCarbonLeakage, land_carbon_leakage, KgCo2e, NonNegative;
    /// Land-management emissions and removals as PACT v2 reports them, in one figure
    /// (kg CO2e; v3 splits them).
    LandManagement, land_management_ghg_emissions, KgCo2e, Any;
    /// Fossil emissions from land management (kg CO2e; already in the fossil emissions).
    LandManagementFossil, land_management_fossil_ghg_emissions, KgCo2e, NonNegative;
    /// Biogenic CO2 emissions from land management (kg CO2e).
    LandManagementBiogenicEmissions, land_management_biogenic_co2_emissions, KgCo2e, NonNegative;
    /// Biogenic CO2 removals from land management (kg CO2e, 0 or less).
    LandManagementBiogenicRemovals, land_management_biogenic_co2_removals, KgCo2e, NonPositive;
    /// Biogenic non-CO2 emissions (kg CO2e; v2 `otherBiogenicGhgEmissions`, which also holds
    /// biogenic CO2 emissions).
    BiogenicNonCo2, biogenic_non_co2_emissions, KgCo2e, NonNegative;
    /// Biogenic CO2 emitted by the product's own lines outside land management (kg CO2e): in
    /// the totals; PACT v3 has no field for it (v2 counts it in `otherBiogenicGhgEmissions`).
    BiogenicCo2, biogenic_co2_emissions, KgCo2e, NonNegative;
    /// Biogenic CO2 uptake (kg CO2e, 0 or less; v2 `biogenicCarbonWithdrawal`).
    BiogenicUptake, biogenic_co2_uptake, KgCo2e, NonPositive;
    /// Aircraft emissions (kg CO2e), part of the fossil emissions.
    Aircraft, aircraft_ghg_emissions, KgCo2e, NonNegative;
    /// Packaging emissions (kg CO2e), part of the total.
    Packaging, packaging_ghg_emissions, KgCo2e, NonNegative;
    /// Outbound logistics emissions (kg CO2e).
    OutboundLogistics, outbound_logistics_ghg_emissions, KgCo2e, NonNegative;
    /// Technological CO2 removals (kg CO2e, 0 or less).
    TechnologicalRemovals, technological_co2_removals, KgCo2e, NonPositive;
    /// CO2 captured and stored geologically (kg CO2e, 0 or less).
    CcsCapture, ccs_technological_co2_capture, KgCo2e, NonPositive;
    /// Fossil carbon content of the product (kg C).
    FossilCarbon, fossil_carbon_content, KgC, NonNegative;
    /// Biogenic carbon content of the product (kg C).
    BiogenicCarbon, biogenic_carbon_content, KgC, NonNegative;
    /// Carbon content from recycled material (kg C).
    RecycledCarbon, recycled_carbon_content, KgC, NonNegative;
    /// Biogenic carbon content of the packaging (kg C).
    PackagingBiogenicCarbon, packaging_biogenic_carbon_content, KgC, NonNegative;
    /// Carbon captured in the product through CCU (kg C).
    CcuCarbon, ccu_carbon_content, KgC, NonNegative;
    /// Agricultural land occupied (m²·year).
    LandArea, land_area_occupation, SquareMetreYear, NonNegative;
}

impl Part {
    /// The part with this key.
    pub fn parse(key: &str) -> Option<Part> {
        Part::ALL.iter().copied().find(|p| p.key() == key)
    }
}

impl Serialize for PartValues {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(Part::ALL.len()))?;
        for &p in Part::ALL {
            m.serialize_entry(p.key(), &self.get(p))?;
        }
        m.end()
    }
}

impl Serialize for DeclaredParts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let given: Vec<(Part, f64)> = Part::ALL
            .iter()
            .filter_map(|&p| self.get(p).map(|v| (p, v)))
            .collect();
        let mut m = s.serialize_map(Some(given.len()))?;
        for (p, v) in given {
            m.serialize_entry(p.key(), &v)?;
        }
        m.end()
    }
}

/// Every part's key once, each a number: what [`PartValues`]' serialiser writes. An unknown,
/// repeated or missing key is an error naming it (the same loop as [`DeclaredParts`]).
impl<'de> Deserialize<'de> for PartValues {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let given = DeclaredParts::deserialize(d)?;
        let mut out = PartValues::default();
        for &p in Part::ALL {
            *out.get_mut(p) = given.get(p).ok_or_else(|| {
                serde::de::Error::custom(format_args!("missing field `{}`", p.key()))
            })?;
        }
        Ok(out)
    }
}

impl<'de> Deserialize<'de> for DeclaredParts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = DeclaredParts;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of declared parts (numbers)")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<DeclaredParts, A::Error> {
                let mut out = DeclaredParts::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    let Some(part) = Part::parse(&key) else {
                        return Err(serde::de::Error::custom(format_args!(
                            "unknown field `{key}`, expected one of the parts: {}",
                            Part::ALL
                                .iter()
                                .map(|p| p.key())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )));
                    };
                    let slot = out.get_mut(part);
                    if slot.is_some() {
                        return Err(serde::de::Error::custom(format_args!(
                            "duplicate field `{key}`"
                        )));
                    }
                    *slot = map.next_value::<Option<f64>>()?;
                }
                Ok(out)
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// The parts that are removals (0 or less) and count in `removals_kg_co2e`.
pub const REMOVALS: &[Part] = &[
    Part::BiogenicUptake,
    Part::LandManagementBiogenicRemovals,
    Part::TechnologicalRemovals,
    Part::CcsCapture,
];

/// What a declared part adds to `removals_kg_co2e`: the whole of a removal part
/// ([`REMOVALS`]), and PACT v2's land-management figure when it is below 0 (v2 reports
/// land-management emissions and removals in one figure: a net removal is a removal).
pub fn removal(part: Part, value: f64) -> Option<f64> {
    if REMOVALS.contains(&part) || (part == Part::LandManagement && value < 0.0) {
        Some(value)
    } else {
        None
    }
}

/// Up to three parts one of the product's own lines adds to, each with the line's value:
/// by class, and for biogenic emissions by gas.
/// - fossil: fossil emissions (a removal: technological CO2 removals);
/// - aircraft: fossil and aircraft emissions;
/// - luc: land-use change emissions (a removal: land-management biogenic CO2 removals);
/// - biogenic: biogenic CO2 uptake for a removal, biogenic CO2 emissions for CO2, biogenic
///   non-CO2 emissions otherwise;
/// - every line is in the total including uptake, and every line but the uptake in the total
///   excluding it.
///
/// So the PACT v3 identities hold for what pcf computes itself, up to the biogenic CO2
/// emissions that v3 has no field for.
pub fn own_line_parts(class: EmissionClass, gas: Option<Gas>, kg_co2e: f64) -> ([Part; 4], usize) {
    use Part::*;
    let removal = kg_co2e < 0.0;
    // At most four parts, no allocation (this runs for every line of every result).
    match class {
        EmissionClass::Fossil if removal => {
            ([Including, Excluding, TechnologicalRemovals, Including], 3)
        }
        EmissionClass::Fossil => ([Including, Excluding, Fossil, Including], 3),
        EmissionClass::Aircraft => ([Including, Excluding, Fossil, Aircraft], 4),
        EmissionClass::LandUseChange if removal => (
            [
                Including,
                Excluding,
                LandManagementBiogenicRemovals,
                Including,
            ],
            3,
        ),
        EmissionClass::LandUseChange => ([Including, Excluding, LandUseChange, Including], 3),
        EmissionClass::Biogenic if removal => {
            ([Including, BiogenicUptake, Including, Including], 2)
        }
        EmissionClass::Biogenic if gas == Some(Gas::Co2Biogenic) => {
            ([Including, Excluding, BiogenicCo2, Including], 3)
        }
        EmissionClass::Biogenic => ([Including, Excluding, BiogenicNonCo2, Including], 3),
        // A declared footprint without a split: in the totals only.
        EmissionClass::Unsplit => ([Including, Excluding, Including, Including], 2),
    }
}

/// The rest a declaration's parts leave unexplained that is float noise, not a gap: a rest
/// within this fraction of the declaration's largest kg CO2e figure (its totals or any part,
/// in absolute value) is no rest. Parts are decimals read into f64 and added up, which
/// leaves a few units in the last place (1e-16 of the figures); a supplier's figures written
/// with up to nine significant digits that do not add up leave at least a billionth. The
/// same threshold decides the class `unsplit` ([`declared_classes`]) and the
/// `declared_parts_unsplit` warning, so the report and the warning agree.
pub const UNEXPLAINED_REST: f64 = 1e-9;

/// What [`UNEXPLAINED_REST`] is a fraction of: the largest absolute kg CO2e figure the
/// declaration gives (its totals included).
pub fn declared_scale(parts: &DeclaredParts) -> f64 {
    Part::ALL
        .iter()
        .filter(|p| p.unit() == PartUnit::KgCo2e)
        .filter_map(|p| parts.get(*p))
        .fold(0.0_f64, |m, v| m.max(v.abs()))
}

/// How a declared footprint with parts splits into emission classes, per declared quantity:
/// `(class, kg CO2e)`, the classes summing to `including` (the total including uptake).
/// - fossil: fossil emissions less aircraft, plus technological removals and CCS;
/// - aircraft: aircraft emissions (at most the fossil emissions they are part of);
/// - luc: land use and land-use change: direct land-use change, and the land-management
///   biogenic CO2 emissions and removals (v3) or land-management emissions and removals (v2's
///   one figure) — as the product's own land-use lines, whose removals are land-management
///   removals ([`own_line_parts`]);
/// - biogenic: biogenic non-CO2 emissions and the uptake;
/// - unsplit: what is left (parts the declaration does not give, or figures that do not add
///   up), never counted as fossil; a rest within [`UNEXPLAINED_REST`] of the figures is
///   float noise and no class (the classes then add up to the total within it).
pub fn declared_classes(parts: &DeclaredParts, including: f64) -> Vec<(EmissionClass, f64)> {
    let v = |p: Part| parts.get(p).unwrap_or(0.0);
    let aircraft = v(Part::Aircraft).min(v(Part::Fossil));
    let fossil = v(Part::Fossil) - aircraft + v(Part::TechnologicalRemovals) + v(Part::CcsCapture);
    let luc = v(Part::LandUseChange)
        + v(Part::LandManagement)
        + v(Part::LandManagementBiogenicEmissions)
        + v(Part::LandManagementBiogenicRemovals);
    let biogenic = v(Part::BiogenicNonCo2) + v(Part::BiogenicUptake);
    let rest = including - (fossil + aircraft + luc + biogenic);
    let scale = declared_scale(parts).max(including.abs());
    let unsplit = if rest.abs() > UNEXPLAINED_REST * scale {
        rest
    } else {
        0.0
    };
    [
        (EmissionClass::Fossil, fossil),
        (EmissionClass::Biogenic, biogenic),
        (EmissionClass::LandUseChange, luc),
        (EmissionClass::Aircraft, aircraft),
        (EmissionClass::Unsplit, unsplit),
    ]
    .into_iter()
    .filter(|(_, x)| *x != 0.0)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_has_a_distinct_key() {
        let mut keys: Vec<&str> = Part::ALL.iter().map(|p| p.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Part::ALL.len());
        assert_eq!(Part::ALL.len(), 23);
        let mut v = PartValues::default();
        *v.get_mut(Part::CcsCapture) = -2.5;
        assert_eq!(v.ccs_technological_co2_capture, -2.5);
        assert_eq!(v.get(Part::CcsCapture), -2.5);
    }

    #[test]
    fn own_lines_add_to_the_parts_of_their_class() {
        use EmissionClass::*;
        let own_line_parts = |c, g, v| {
            let (parts, n) = super::own_line_parts(c, g, v);
            parts.iter().take(n).copied().collect::<Vec<_>>()
        };
        assert_eq!(
            own_line_parts(Fossil, None, 3.0),
            vec![Part::Including, Part::Excluding, Part::Fossil]
        );
        assert_eq!(
            own_line_parts(Aircraft, None, 3.0),
            vec![
                Part::Including,
                Part::Excluding,
                Part::Fossil,
                Part::Aircraft
            ]
        );
        assert_eq!(
            own_line_parts(Biogenic, Some(Gas::Co2Biogenic), -5.0),
            vec![Part::Including, Part::BiogenicUptake]
        );
        assert_eq!(
            own_line_parts(Biogenic, Some(Gas::Co2Biogenic), 2.0),
            vec![Part::Including, Part::Excluding, Part::BiogenicCo2]
        );
        assert_eq!(
            own_line_parts(Biogenic, Some(Gas::Ch4Biogenic), 2.0),
            vec![Part::Including, Part::Excluding, Part::BiogenicNonCo2]
        );
        assert_eq!(
            own_line_parts(LandUseChange, Some(Gas::Co2Luc), -1.0),
            vec![
                Part::Including,
                Part::Excluding,
                Part::LandManagementBiogenicRemovals
            ]
        );
        assert_eq!(
            own_line_parts(Unsplit, None, 1.0),
            vec![Part::Including, Part::Excluding]
        );
    }

    /// PACT v3 example 1's figures: fossil 0.35 (aircraft 0), LUC 0, land-management biogenic
    /// CO2 0.004 (class luc), biogenic non-CO2 0.002, uptake −1.61; total including uptake
    /// −1.23. The classes add up to −1.23; what the parts do not explain
    /// (−1.23 − (0.35 + 0.004 − 1.608)) is unsplit.
    #[test]
    fn a_declaration_splits_into_classes_that_add_up_to_its_total() {
        let parts = DeclaredParts {
            fossil_ghg_emissions: Some(0.35),
            land_use_change_ghg_emissions: Some(0.0),
            land_management_biogenic_co2_emissions: Some(0.004),
            biogenic_non_co2_emissions: Some(0.002),
            biogenic_co2_uptake: Some(-1.61),
            aircraft_ghg_emissions: Some(0.0),
            ..DeclaredParts::default()
        };
        let classes = declared_classes(&parts, -1.23);
        let get = |c: EmissionClass| {
            classes
                .iter()
                .find(|(k, _)| *k == c)
                .map_or(0.0, |(_, v)| *v)
        };
        assert_eq!(get(EmissionClass::Fossil), 0.35);
        assert!((get(EmissionClass::Biogenic) - (-1.608)).abs() < 1e-15);
        assert!((get(EmissionClass::Unsplit) - 0.024).abs() < 1e-12);
        assert_eq!(get(EmissionClass::LandUseChange), 0.004);
        let sum: f64 = classes.iter().map(|(_, v)| v).sum();
        assert!((sum - -1.23).abs() < 1e-12);
        // Aircraft is taken out of the fossil emissions it is part of.
        let air = DeclaredParts {
            fossil_ghg_emissions: Some(2.0),
            aircraft_ghg_emissions: Some(0.5),
            ..DeclaredParts::default()
        };
        assert_eq!(
            declared_classes(&air, 2.0),
            vec![(EmissionClass::Fossil, 1.5), (EmissionClass::Aircraft, 0.5)]
        );
    }

    /// Land management is land use: v3's land-management biogenic CO2 emissions and removals,
    /// and v2's one land-management figure, are in the class luc (as the product's own
    /// land-use removals, [`own_line_parts`]), never biogenic; a v2 figure below 0 is a
    /// removal, a v3 removal always is.
    #[test]
    fn land_management_is_in_the_class_luc_and_its_removals_are_removals() {
        let v3 = DeclaredParts {
            fossil_ghg_emissions: Some(1.0),
            land_use_change_ghg_emissions: Some(0.5),
            land_management_biogenic_co2_emissions: Some(0.25),
            land_management_biogenic_co2_removals: Some(-2.0),
            biogenic_non_co2_emissions: Some(0.125),
            biogenic_co2_uptake: Some(-1.0),
            ..DeclaredParts::default()
        };
        // 1 + 0.5 + 0.25 − 2 + 0.125 − 1 = −1.125.
        assert_eq!(
            declared_classes(&v3, -1.125),
            vec![
                (EmissionClass::Fossil, 1.0),
                (EmissionClass::Biogenic, -0.875),
                (EmissionClass::LandUseChange, -1.25),
            ]
        );
        assert_eq!(
            own_line_parts(EmissionClass::LandUseChange, None, -1.0).0[2],
            Part::LandManagementBiogenicRemovals
        );
        let v2 = DeclaredParts {
            fossil_ghg_emissions: Some(1.0),
            land_use_change_ghg_emissions: Some(0.5),
            land_management_ghg_emissions: Some(-0.75),
            ..DeclaredParts::default()
        };
        assert_eq!(
            declared_classes(&v2, 0.75),
            vec![
                (EmissionClass::Fossil, 1.0),
                (EmissionClass::LandUseChange, -0.25)
            ]
        );
        assert_eq!(removal(Part::LandManagement, -0.75), Some(-0.75));
        assert_eq!(removal(Part::LandManagement, 0.75), None);
        assert_eq!(
            removal(Part::LandManagementBiogenicRemovals, -2.0),
            Some(-2.0)
        );
        assert_eq!(removal(Part::LandManagementBiogenicEmissions, 0.25), None);
    }

    /// A rest of float noise is no class: 0.1 + 0.2 is 0.30000000000000004, so a total of 0.3
    /// with those parts leaves −5.55e-17 (2e-16 of the figures), within
    /// [`UNEXPLAINED_REST`]; a rest of a millionth is unsplit.
    #[test]
    fn a_rest_of_float_noise_is_not_unsplit() {
        let parts = |total: f64| DeclaredParts {
            pcf_excluding_biogenic_uptake: Some(total),
            pcf_including_biogenic_uptake: Some(total),
            fossil_ghg_emissions: Some(0.1),
            biogenic_non_co2_emissions: Some(0.2),
            ..DeclaredParts::default()
        };
        assert_ne!(0.3 - (0.1 + 0.2), 0.0);
        assert_eq!(
            declared_classes(&parts(0.3), 0.3),
            vec![(EmissionClass::Fossil, 0.1), (EmissionClass::Biogenic, 0.2)]
        );
        let classes = declared_classes(&parts(0.300001), 0.300001);
        let rest = classes
            .iter()
            .find(|(c, _)| *c == EmissionClass::Unsplit)
            .map(|(_, v)| *v)
            .expect("a rest");
        assert!((rest - 1e-6).abs() < 1e-15, "{rest}");
    }
}
