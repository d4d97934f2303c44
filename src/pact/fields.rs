//! The PACT field of each footprint part ([`Part`], `crate::parts`) in a `pcf` object, per
//! spec version (v2.3, v3.0), and the parts PACT v3 adds up to its total: the PACT side of the
//! parts, kept out of the core's list of them.

use super::Spec;
use crate::parts::Part;

/// The part's field in a PACT `pcf` object of the spec version (`None`: that version has no
/// field for it).
pub fn field(part: Part, spec: Spec) -> Option<&'static str> {
    let (v2, v3) = match part {
        Part::Excluding => (
            Some("pCfExcludingBiogenic"),
            Some("pcfExcludingBiogenicUptake"),
        ),
        Part::Including => (
            Some("pCfIncludingBiogenic"),
            Some("pcfIncludingBiogenicUptake"),
        ),
        Part::Fossil => (Some("fossilGhgEmissions"), Some("fossilGhgEmissions")),
        Part::LandUseChange => (Some("dLucGhgEmissions"), Some("landUseChangeGhgEmissions")),
        Part::LandCarbonLeakage => (Some("iLucGhgEmissions"), Some("landCarbonLeakage")),
        Part::LandManagement => (Some("landManagementGhgEmissions"), None),
        Part::LandManagementFossil => (None, Some("landManagementFossilGhgEmissions")),
        Part::LandManagementBiogenicEmissions => (None, Some("landManagementBiogenicCO2Emissions")),
        Part::LandManagementBiogenicRemovals => (None, Some("landManagementBiogenicCO2Removals")),
        Part::BiogenicNonCo2 => (
            Some("otherBiogenicGhgEmissions"),
            Some("biogenicNonCO2Emissions"),
        ),
        Part::BiogenicCo2 => (None, None),
        Part::BiogenicUptake => (Some("biogenicCarbonWithdrawal"), Some("biogenicCO2Uptake")),
        Part::Aircraft => (Some("aircraftGhgEmissions"), Some("aircraftGhgEmissions")),
        Part::Packaging => (Some("packagingGhgEmissions"), Some("packagingGhgEmissions")),
        Part::OutboundLogistics => (None, Some("outboundLogisticsGhgEmissions")),
        Part::TechnologicalRemovals => (None, Some("technologicalCO2Removals")),
        Part::CcsCapture => (None, Some("ccsTechnologicalCO2Capture")),
        Part::FossilCarbon => (Some("fossilCarbonContent"), Some("fossilCarbonContent")),
        Part::BiogenicCarbon => (Some("biogenicCarbonContent"), Some("biogenicCarbonContent")),
        Part::RecycledCarbon => (None, Some("recycledCarbonContent")),
        Part::PackagingBiogenicCarbon => (None, Some("packagingBiogenicCarbonContent")),
        Part::CcuCarbon => (None, Some("ccuCarbonContent")),
        Part::LandArea => (None, Some("landAreaOccupation")),
    };
    match spec {
        Spec::V2 => v2,
        Spec::V3 => v3,
    }
}

/// The parts that PACT v3 adds up to the total excluding biogenic CO2 uptake
/// (`pcfExcludingBiogenicUptake` = `fossilGhgEmissions` + `landUseChangeGhgEmissions` +
/// `landManagementBiogenicCO2Emissions` + `landManagementBiogenicCO2Removals` +
/// `technologicalCO2Removals` + `ccsTechnologicalCO2Capture` + `biogenicNonCO2Emissions`,
/// OpenAPI 3.0 `x-comment` of the property). Land-management fossil emissions are not among
/// them: `fossilGhgEmissions` already includes them.
pub const EXCLUDING_TERMS_V3: &[Part] = &[
    Part::Fossil,
    Part::LandUseChange,
    Part::LandManagementBiogenicEmissions,
    Part::LandManagementBiogenicRemovals,
    Part::TechnologicalRemovals,
    Part::CcsCapture,
    Part::BiogenicNonCo2,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_has_a_distinct_pact_field() {
        for spec in [Spec::V2, Spec::V3] {
            let mut fields: Vec<&str> = Part::ALL.iter().filter_map(|p| field(*p, spec)).collect();
            let n = fields.len();
            fields.sort_unstable();
            fields.dedup();
            assert_eq!(fields.len(), n, "{spec:?}");
        }
        assert_eq!(
            field(Part::BiogenicUptake, Spec::V2),
            Some("biogenicCarbonWithdrawal")
        );
        assert_eq!(
            field(Part::LandUseChange, Spec::V3),
            Some("landUseChangeGhgEmissions")
        );
        assert_eq!(field(Part::BiogenicCo2, Spec::V3), None);
    }
}
