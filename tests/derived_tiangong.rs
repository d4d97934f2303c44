//! `factors/tiangong_derived.csv`: gate-to-gate energy factors derived from TianGong LCA Data
//! unit processes (ILCD XML in `../shared/data/tiangong-lca`, commit a55b302e…, MIT), generated
//! and recomputed here.
//!
//! The one hand-written part is [`DATA_SETS`]: which process data sets are used, which of their
//! exchanges feed the recipe and which shipped factor each maps to, and a remark on what was
//! judged (an assumed coal rank, a term left out and why). Every number in the table is read
//! from the XML: the exchange amounts (`resultingAmount`), their units (flow → reference flow
//! property → unit group → reference unit) and the reference flow the row is per. Running
//! `UPDATE_DERIVED=1 cargo test --test derived_tiangong` rewrites the CSV; without it, the test
//! fails when the committed table differs from a fresh generation.
//!
//! The recipe of a row, per kg (or t, when the reference flow is 100 kg or more) of product:
//! Σ electricity × the row's grid factor + Σ fuel × the IPCC 2006 CO2, CH4 and N2O factors
//! (`fuels_ipcc.csv`; per t for fuels in kg, per TJ for fuels in MJ) + (for some steel data
//! sets whose fuels cannot be read) the data set's own CO2 (fossil) output as a direct term,
//! never together with the fuels it stands for. Exchanges of one kind and unit are summed in
//! the order the data set lists them; each sum is one term.

// Reads files (the shared open data, the examples): native only.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pcf::factors::{Basis, FactorSet};
use pcf::gwp::GwpSet;

/// The table this file generates and checks.
const TABLE: &str = "tiangong_derived.csv";
/// The TianGong LCA Data commit the shared copy was taken at (`../shared/data/README.md`).
const COMMIT: &str = "a55b302e1ca1bf190e4c412c74e046e2d54d32f6";
/// What every data set used must state in `common:licenseType`.
const LICENSE_TYPE: &str = "Free of charge for all users and uses";
/// The derived-recipe header.
const HEADER: [&str; 12] = [
    "id",
    "name_en",
    "name_zh",
    "per_unit",
    "gwp_set",
    "class",
    "geography",
    "year",
    "source",
    "licence",
    "notes",
    "terms",
];
/// Relative tolerance of every comparison of a recomputed figure.
const RTOL: f64 = 1e-9;

// ---------------------------------------------------------------------------------------------
// The hand-written mapping: data sets, exchanges, factors.
// ---------------------------------------------------------------------------------------------

/// What an exchange of a data set stands for in the recipe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Map {
    /// Electricity bought: the row's grid factor.
    Electricity,
    /// A fuel burned on site: the `fuels_ipcc.csv` fuel of that id (CO2, CH4 and N2O).
    Fuel(&'static str),
    /// The data set's own CO2 (fossil) output, as a direct `kg CO2e` term (used only where no
    /// fuel of the data set is counted, so nothing is counted twice).
    DirectCo2,
}

/// One exchange the recipe reads: its `dataSetInternalID` in the process data set, the flow
/// uuid it must point to (a guard against a changed data set), and what it maps to.
struct Use {
    exchange: &'static str,
    flow: &'static str,
    map: Map,
}

const ELECTRICITY: &str = "890a70b7-b677-4e2a-8a1b-7d017e0a10ae";
const ELECTRICITY_AL: &str = "5d954e5c-1e6d-4f78-9fc3-d3857b7892cb";
const HARD_COAL_KG: &str = "4f19a2ff-7b3b-11dd-ad8b-0800200c9a66";
const HARD_COAL_MJ: &str = "fe0acd60-3ddc-11dd-a6fc-0050c2490048";
const NATURAL_GAS: &str = "4f19ca0e-7b3b-11dd-ad8b-0800200c9a66";
const LIGHT_FUEL_OIL: &str = "9f723736-35c3-4218-8dbe-a1331f56be46";
const HEAVY_FUEL_OIL: &str = "4f19a2f7-7b3b-11dd-ad8b-0800200c9a66";
const PETROLEUM_COKE: &str = "444ca42c-1a06-4089-adba-62640255cf25";
const COKE: &str = "b9bbfbd4-65fa-4a8b-b19e-37f97ee2bef9";
const COKE_BREEZE: &str = "5a7a6799-d7e7-4ccf-95f5-7de00d5d1f2d";
const ANTHRACITE: &str = "5f8f317c-ced0-44cd-85b5-4bedc95c6f39";
const BF_GAS: &str = "1fd46644-11db-41ca-95bf-65562dcfdda3";
const CO_GAS: &str = "32ab44a2-c912-4c1f-98cf-856a24b3f99a";
const CO2_A: &str = "08a91e70-3ddc-11dd-923d-0050c2490048";
const CO2_B: &str = "08a91e70-3ddc-11dd-9c12-0050c2490048";

const fn elec(exchange: &'static str) -> Use {
    Use {
        exchange,
        flow: ELECTRICITY,
        map: Map::Electricity,
    }
}

const fn elec_al(exchange: &'static str) -> Use {
    Use {
        exchange,
        flow: ELECTRICITY_AL,
        map: Map::Electricity,
    }
}

const fn fuel(exchange: &'static str, flow: &'static str, fuel: &'static str) -> Use {
    Use {
        exchange,
        flow,
        map: Map::Fuel(fuel),
    }
}

const fn co2(exchange: &'static str, flow: &'static str) -> Use {
    Use {
        exchange,
        flow,
        map: Map::DirectCo2,
    }
}

/// A process data set used, with the human choices about it.
struct DataSet {
    uuid: &'static str,
    /// Id segments: `tiangong.<material>.<route>.<uuid8>.<grid>`.
    material: &'static str,
    route: &'static str,
    /// The product as pcf names it (the data set's own English name is quoted in `notes`).
    name_en: &'static str,
    uses: &'static [Use],
    /// What was judged: assumptions, terms left out on purpose, labels. No computed figure.
    remark: &'static str,
}

/// The data sets used, in table order. Screened one by one (the README section lists those
/// dropped and why); every exchange used is named by its internal id.
const DATA_SETS: &[DataSet] = &[
    // ----- lithium -----
    DataSet {
        uuid: "89814b4b-799f-4190-ae28-6093c1d9b86d",
        material: "li2co3",
        route: "spodumene-h2so4-sc",
        name_en: "Lithium carbonate, battery grade, from Australian spodumene concentrate (sulfuric acid route), Sichuan",
        uses: &[
            elec("4"),
            fuel("7", HARD_COAL_MJ, "other_bituminous_coal"),
            fuel("8", HARD_COAL_MJ, "other_bituminous_coal"),
        ],
        remark: "Hard coal is given in MJ (the data set's 26.3 MJ/kg basis) and mapped to the IPCC other bituminous coal factors per TJ (assumption: the rank is not stated). Plausibility: the coal-fired roasting dominates, as for ore-based carbonate in Kelly et al. 2021 (several times brine carbonate).",
    },
    DataSet {
        uuid: "fec7ad83-45fe-4a12-b9bd-0e1ff065f817",
        material: "li2co3",
        route: "spodumene-h2so4-js",
        name_en: "Lithium carbonate, battery grade, from Australian spodumene concentrate (sulfuric acid route), Jiangsu",
        uses: &[elec("2"), fuel("4", NATURAL_GAS, "natural_gas")],
        remark: "Process steam left out: pcf ships no steam or heat factor (the Shanghai ETS heat default is scheme-bound), so the row understates by the steam's fuel. The carbon dioxide listed is an input consumed by the process, not an emission.",
    },
    DataSet {
        uuid: "a033c18d-31ba-4c26-b6e8-0d26e7324d73",
        material: "li2co3",
        route: "brine-cauchari-ar",
        name_en: "Lithium carbonate, battery grade, from concentrated brine, Salar de Cauchari, Argentina (carbonate plant only)",
        uses: &[elec("1")],
        remark: "Carbonate plant only: the solar-pond concentration of the brine (data set 7866d3f4, dropped: its diesel per t of concentrate is implausible) is outside. The data set lists electricity as its only energy. No Argentine grid is shipped: world grid (Ember 2023).",
    },
    DataSet {
        uuid: "8c113419-5c30-4232-9d27-b90b8bb7eaa2",
        material: "lioh",
        route: "spodumene-sulfate-sc",
        name_en: "Lithium hydroxide monohydrate, battery grade, from Australian spodumene concentrate (lithium sulfate route), Sichuan",
        uses: &[
            elec("2"),
            fuel("7", HARD_COAL_MJ, "other_bituminous_coal"),
            fuel("8", HARD_COAL_MJ, "other_bituminous_coal"),
        ],
        remark: "Hard coal is given in MJ (the data set's 26.3 MJ/kg basis) and mapped to the IPCC other bituminous coal factors per TJ (assumption: the rank is not stated).",
    },
    // ----- cobalt, nickel -----
    DataSet {
        uuid: "70974d11-0708-478f-a8ba-cdc3f43c2a85",
        material: "coso4",
        route: "hydromet-xj",
        name_en: "Cobalt sulfate, battery grade, hydrometallurgy from Ni-Cu-Co ore, Xinjiang (mine to refinery gate)",
        uses: &[
            elec("7"),
            fuel("8", NATURAL_GAS, "natural_gas"),
            fuel("10", LIGHT_FUEL_OIL, "gas_diesel_oil"),
            fuel("12", HARD_COAL_KG, "other_bituminous_coal"),
        ],
        remark: "The data set aggregates mining, beneficiation and refining, so its energy is that of the whole chain to the refinery gate. Light fuel oil mapped to IPCC gas/diesel oil; hard coal to other bituminous coal (rank not stated). Kerosene left out: fuels_ipcc.csv has no kerosene row (a minor term). The data set's CO2 (fossil) and N2O outputs are not added: they are far below the combustion emissions of the coal it lists, so they are not its combustion total, and their origin is not stated.",
    },
    DataSet {
        uuid: "22a556dc-9ece-461c-820a-57ca3d3c3b96",
        material: "nickel",
        route: "leach-ew-gs",
        name_en: "Nickel metal 99.9 %, battery grade, matte leaching and electrowinning, Gansu (proxy for nickel sulfate)",
        uses: &[elec("12")],
        remark: "A labelled proxy: TianGong has no nickel sulfate data set. This is the refining of nickel matte to battery-grade nickel; matte smelting, mining and any conversion to sulfate are outside, and the row is per mass of nickel metal, not of NiSO4·6H2O. Naphtha (a solvent-extraction diluent) and activated coke are process materials here, not fuels.",
    },
    DataSet {
        uuid: "f2ce2a11-cf93-4e97-8594-ded0035586c0",
        material: "nickel",
        route: "flotation-ew-gs",
        name_en: "Nickel metal 99.9 %, battery grade, grinding, flotation and electrolysis, Gansu (proxy for nickel sulfate)",
        uses: &[
            elec("14"),
            fuel("15", HARD_COAL_KG, "other_bituminous_coal"),
        ],
        remark: "A labelled proxy: TianGong has no nickel sulfate data set; per mass of nickel metal, matte smelting and mining outside. Hard coal mapped to other bituminous coal (rank not stated). Process steam left out: no steam factor is shipped, so the row understates by the steam's fuel.",
    },
    // ----- aluminium foil -----
    DataSet {
        uuid: "dc63dc32-d1a0-48c9-96eb-9d8022ec0d0f",
        material: "al-foil",
        route: "battery-conversion-ah",
        name_en: "Battery aluminium foil, conversion only (rolling; the aluminium is outside), Anhui",
        uses: &[elec_al("1")],
        remark: "Conversion only: the aluminium enters the data set as an elementary flow, so the metal (by far the largest part of a foil's footprint) is outside this row and must be added from an aluminium factor. Lubricating oil is a material here.",
    },
    DataSet {
        uuid: "005cc134-fa14-497c-9eda-9e92f27ad80a",
        material: "al-foil",
        route: "blank-012mm-js",
        name_en: "Aluminium blank foil 0.12 mm (capacitor grade), rolling from ingot, Jiangsu (conversion only; the ingot is outside)",
        uses: &[
            elec_al("0"),
            elec_al("1"),
            elec_al("2"),
            elec_al("3"),
            elec_al("4"),
            elec_al("5"),
            elec_al("6"),
            elec_al("7"),
            fuel("14", HEAVY_FUEL_OIL, "residual_fuel_oil"),
            fuel("16", HEAVY_FUEL_OIL, "residual_fuel_oil"),
            fuel("18", HEAVY_FUEL_OIL, "residual_fuel_oil"),
        ],
        remark: "Conversion only: the primary aluminium ingot is an input outside this row. Capacitor-grade blank foil, thicker than battery current-collector foil: a proxy for foil rolling. The process steps' electricity (eight exchanges) and heavy fuel oil (three, mapped to IPCC residual fuel oil) are summed.",
    },
    DataSet {
        uuid: "15d328e9-1213-4b7b-b83d-be86c7d7ed40",
        material: "al-foil",
        route: "blank-005mm-js",
        name_en: "Aluminium blank foil 0.05 mm (capacitor grade), rolling from ingot, Jiangsu (conversion only; the ingot is outside)",
        uses: &[
            elec_al("0"),
            elec_al("1"),
            elec_al("2"),
            elec_al("3"),
            elec_al("4"),
            elec_al("5"),
            elec_al("6"),
            elec_al("7"),
            fuel("14", HEAVY_FUEL_OIL, "residual_fuel_oil"),
            fuel("16", HEAVY_FUEL_OIL, "residual_fuel_oil"),
            fuel("18", HEAVY_FUEL_OIL, "residual_fuel_oil"),
        ],
        remark: "Conversion only: the primary aluminium ingot is an input outside this row. Capacitor-grade blank foil, thicker than battery current-collector foil: a proxy for foil rolling. The process steps' electricity (eight exchanges) and heavy fuel oil (three, mapped to IPCC residual fuel oil) are summed.",
    },
    // ----- silicon and PV -----
    DataSet {
        uuid: "104fb69f-48b7-4c50-9d54-2aca03b33533",
        material: "si-metallurgical",
        route: "carbothermic",
        name_en: "Industrial (metallurgical) silicon 99 %, carbothermic reduction, China",
        uses: &[
            elec("1"),
            fuel("3", HARD_COAL_MJ, "other_bituminous_coal"),
            fuel("4", PETROLEUM_COKE, "petroleum_coke"),
        ],
        remark: "Petroleum coke, the fossil reductant, is counted with the IPCC petroleum-coke factors: its carbon leaves the furnace as CO2 (a carbon-content balance, IPCC 2006 Vol. 3, would give the same order). Hard coal (in MJ) mapped to other bituminous coal. Charcoal left out (biogenic carbon); graphite electrodes left out (no shipped factor; their carbon is oxidised too, so the row understates). The data set's CO2 (fossil) output is not added: it overlaps the reductants counted here.",
    },
    DataSet {
        uuid: "c7c92c82-8375-437d-8cc8-a1a8b0efcf71",
        material: "si-metallurgical",
        route: "carbothermic",
        name_en: "Industrial (metallurgical) silicon 97 %, carbothermic reduction, China",
        uses: &[elec("5"), fuel("2", PETROLEUM_COKE, "petroleum_coke")],
        remark: "Petroleum coke, the fossil reductant, is counted with the IPCC petroleum-coke factors (its carbon leaves as CO2). Charcoal left out (biogenic carbon); graphite electrodes left out (no shipped factor, so the row understates). The data set's CO2 (fossil) output is not added: it is about what its electricity generation plus reductants would emit, i.e. it includes power-plant emissions upstream.",
    },
    DataSet {
        uuid: "558ab08b-2f17-480f-b907-9920c3b70487",
        material: "polysilicon",
        route: "siemens",
        name_en: "Solar-grade polysilicon, improved Siemens process, China",
        uses: &[elec("1")],
        remark: "Process steam left out: no steam factor is shipped, so the row understates by the steam's fuel. The metallurgical silicon is an input outside.",
    },
    DataSet {
        uuid: "79fcaa54-e26a-4d57-ab7a-f2b1cd795462",
        material: "polysilicon",
        route: "siemens",
        name_en: "Solar-grade polysilicon, improved Siemens process, China",
        uses: &[elec("4")],
        remark: "The data set lists no fuel and no steam. Its CO2 (fossil) output is not added: it is the study's total including power generation, not a process emission. The metallurgical silicon is an input outside.",
    },
    DataSet {
        uuid: "d184325a-60e0-4e95-9d0b-59b931abf71d",
        material: "polysilicon",
        route: "siemens",
        name_en: "Solar-grade polysilicon, improved Siemens process, China",
        uses: &[elec("10")],
        remark: "Process steam left out: no steam factor is shipped, so the row understates by the steam's fuel. The metallurgical silicon is an input outside.",
    },
    DataSet {
        uuid: "7010e6a1-5eac-4ecb-8cd4-9b296e2a5149",
        material: "si-ingot",
        route: "multi-casting",
        name_en: "Multicrystalline silicon ingot, directional solidification casting, China",
        uses: &[elec("1")],
        remark: "The polysilicon is an input outside. The data set lists electricity as its only energy.",
    },
    DataSet {
        uuid: "72cb868f-ae39-43ab-840b-c785cc9b164e",
        material: "si-wafer",
        route: "multi-casting-sawing",
        name_en: "Multicrystalline silicon wafer, ingot casting and multi-wire sawing, China",
        uses: &[elec("7")],
        remark: "Casting and sawing together, per kg of wafer; the polysilicon is an input outside. The data set's CO2 (fossil) output is not added: it is the study's total including power generation.",
    },
    DataSet {
        uuid: "0a3f65a2-7fb2-4b43-a3a9-380d21b720d0",
        material: "si-wafer",
        route: "multi-sawing",
        name_en: "Multicrystalline silicon wafer, multi-wire sawing of the ingot (slicing only), China",
        uses: &[elec("8")],
        remark: "Slicing only: the ingot is an input outside. Compressed air left out: no shipped factor, though it is made with electricity, so the row understates. Plausibility: the electricity per kg of wafer is several times below the wafering step of PV_ICE's silicon energy curves; use with that caveat.",
    },
    DataSet {
        uuid: "a1bfce6d-3ae0-44d7-9910-511da0a53821",
        material: "si-wafer",
        route: "multi-sawing",
        name_en: "Multicrystalline silicon wafer, multi-wire sawing of the ingot (slicing only), China",
        uses: &[elec("3")],
        remark: "Slicing only: the ingot is an input outside. The data set lists electricity as its only energy. Plausibility: the electricity per kg of wafer is several times below the wafering step of PV_ICE's silicon energy curves; use with that caveat.",
    },
    // ----- iron and steel -----
    DataSet {
        uuid: "2d2995bd-a089-434b-b3de-b000feab21a7",
        material: "iron",
        route: "blast-furnace",
        name_en: "Pig iron, blast furnace ironmaking, China",
        uses: &[elec("3"), co2("11", CO2_B)],
        remark: "Electricity plus the data set's CO2 (fossil) output as a direct term, the furnace's carbon balance. No fuel term: the reductant enters as elemental carbon and as anthracite whose flow (c51cefab) is absent from the source, so its unit cannot be read; the CO2 output stands for them. It includes the carbon that leaves in the exported blast-furnace gas: do not count that gas again where it is burned. The reference flow is the elementary flow iron.",
    },
    DataSet {
        uuid: "502368b8-6a4e-4e48-a258-71d5e657f5de",
        material: "steel",
        route: "bof",
        name_en: "Molten steel, basic oxygen furnace (BOF), China",
        uses: &[elec("10"), fuel("7", CO_GAS, "coke_oven_gas")],
        remark: "Energy only: the carbon of the hot metal, oxidised in the converter and leaving as converter (LD) gas, is not counted, nor is the LD gas recovered credited. LD gas burned left out: given in m3, and no sourced density is shipped. Coke oven gas mapped to the IPCC coke oven gas factors. The data set states no reference year.",
    },
    DataSet {
        uuid: "b2dc5fe6-981d-4530-9ea8-ff6a689c88bd",
        material: "steel",
        route: "bof",
        name_en: "Crude steel, basic oxygen furnace (BOF), China",
        uses: &[elec("3")],
        remark: "Energy only: the carbon of the hot metal, leaving as converter (LD) gas, is not counted. LD gas burned left out (m3, no sourced density); compressed air left out. The data set's CO2, CH4 and N2O outputs are not used: the CO2 is orders of magnitude above any converter's (per t of steel), a unit error in the data set.",
    },
    DataSet {
        uuid: "5ac8bfa1-0053-4250-9ff5-e1275add612f",
        material: "steel",
        route: "eaf",
        name_en: "Crude steel, electric arc furnace (scrap and hot metal), China",
        uses: &[elec("7"), co2("10", CO2_B)],
        remark: "Electricity plus the data set's CO2 (fossil) output as a direct term: no fuel is listed, so that CO2 (carbon of the charge and injected carbon) is counted once. The reference flow is labelled Molten Iron in the data set; the process is EAF steelmaking to crude steel. Compressed air left out.",
    },
    DataSet {
        uuid: "5feba3ad-e85c-49e4-84f0-0f42e1e0591e",
        material: "steel",
        route: "eaf",
        name_en: "Crude steel, electric arc furnace (scrap and hot metal), China",
        uses: &[elec("6"), co2("14", CO2_B)],
        remark: "Electricity plus the data set's CO2 (fossil) output as a direct term (no fuel is listed). Its CO output is not added (no factor; it oxidises to CO2 later, so the row understates); electrodes left out (no shipped factor). The reference flow is labelled Steel hot rolled coil in the data set; the process is EAF steelmaking. The data set states no reference year.",
    },
    DataSet {
        uuid: "15252471-c5b5-4fab-bfef-3ddbc57e2862",
        material: "steel",
        route: "eaf-dri",
        name_en: "Molten steel, electric arc furnace fed with coal-based direct reduced iron, China",
        uses: &[elec("7"), fuel("0", COKE_BREEZE, "coke_oven_coke")],
        remark: "Coke breeze mapped to the IPCC coke oven coke factors. Electrode left out (its flow is absent from the source, unit unknown). The direct reduced iron is an input made outside: this is not a DRI factor. The data set states no reference year.",
    },
    DataSet {
        uuid: "3c787900-188a-43ba-b63a-0232dee0d600",
        material: "sinter",
        route: "sintering",
        name_en: "Iron ore sinter, sintering, China",
        uses: &[
            elec("4"),
            elec("6"),
            fuel("3", COKE, "coke_oven_coke"),
            fuel("8", BF_GAS, "blast_furnace_gas"),
        ],
        remark: "Coke (breeze) mapped to IPCC coke oven coke, blast-furnace gas to IPCC blast furnace gas. CO2 from the calcination of the flux (limestone, dolomite) is not counted. The data set's CO2, CH4 and N2O outputs are not used: the CO2 is orders of magnitude above any sinter strand's, a unit error in the data set. Return fines (sinter in and out) net to zero.",
    },
    DataSet {
        uuid: "b1c529d7-2bd1-4578-9328-1a052af02f6b",
        material: "sinter",
        route: "sintering",
        name_en: "Iron ore sinter, sintering, China",
        uses: &[
            elec("9"),
            fuel("0", COKE_BREEZE, "coke_oven_coke"),
            fuel("6", CO_GAS, "coke_oven_gas"),
            fuel("8", ANTHRACITE, "anthracite"),
        ],
        remark: "Coke breeze mapped to IPCC coke oven coke, coke oven gas and anthracite to their IPCC rows. LD gas left out (m3, no sourced density). CO2 from the calcination of the flux is not counted. The data set states no reference year.",
    },
    DataSet {
        uuid: "29a681b6-9fee-48fa-a390-c02c84af4415",
        material: "sinter",
        route: "sintering",
        name_en: "Iron ore sinter, sintering, China",
        uses: &[
            elec("5"),
            fuel("4", COKE, "coke_oven_coke"),
            fuel("7", BF_GAS, "blast_furnace_gas"),
        ],
        remark: "Coke mapped to IPCC coke oven coke, blast-furnace gas to IPCC blast furnace gas. Waste-heat power (generated on site) left out. The data set's CO2 (fossil) output is not added: it overlaps the fuels counted here. CO2 from the calcination of the flux is not counted. The data set states no reference year.",
    },
    DataSet {
        uuid: "7bc7d8b2-11dd-4239-95bb-443523a8db6a",
        material: "sinter",
        route: "sintering",
        name_en: "Iron ore sinter, sintering, China",
        uses: &[elec("5"), co2("12", CO2_B)],
        remark: "Electricity plus the data set's CO2 (fossil) output as a direct term. No fuel term: the solid fuel enters as elemental carbon and as anthracite whose flow (c51cefab) is absent from the source (unit unknown); the CO2 output stands for them and for the blast-furnace and converter gas burned. Steam from heavy fuel oil left out (no steam factor).",
    },
    DataSet {
        uuid: "2ccf2e31-31c0-4210-acc7-74d94572d00d",
        material: "sinter",
        route: "sintering",
        name_en: "Iron ore sinter, sintering, China",
        uses: &[elec("8"), co2("28", CO2_A)],
        remark: "Electricity plus the data set's CO2 (fossil) output as a direct term. No fuel term: the anthracite's flow (c51cefab) is absent from the source (unit unknown), so the fuels cannot all be read; the CO2 output stands for coke, anthracite and blast-furnace gas. Its CO, CH4 and N2O outputs are not added (CO has no factor; a direct term is CO2e as printed). The reference flow is labelled Sinter / Pellet Dust in the data set; the process is sintering.",
    },
    DataSet {
        uuid: "a795e1b8-dc72-4dd3-bfee-d6f43fe74aa3",
        material: "sinter",
        route: "sintering",
        name_en: "Iron ore sinter, sintering, China",
        uses: &[elec("4"), co2("10", CO2_B)],
        remark: "Electricity plus the data set's CO2 (fossil) output as a direct term. No fuel term: coal gas is given in m3 (no sourced density) and the anthracite's flow (c51cefab) is absent from the source; the CO2 output stands for coke, coal gas and anthracite. Its CO output is not added (no factor). Process steam and compressed air left out. The data set states no reference year.",
    },
    DataSet {
        uuid: "079184d4-be4c-471a-ad2e-1436a812a394",
        material: "coke",
        route: "coke-oven",
        name_en: "Coke, coke oven, China",
        uses: &[
            elec("2"),
            fuel("4", CO_GAS, "coke_oven_gas"),
            fuel("5", BF_GAS, "blast_furnace_gas"),
        ],
        remark: "Underfiring gases mapped to the IPCC coke oven gas and blast furnace gas factors. The cleaned coal is the feedstock, not a fuel term (its flow is absent from the source). By-products (coke oven gas, tar, electricity and steam exported) are not credited. Process steam left out (no steam factor). The data set's CO2, CH4 and N2O outputs are not used: the CO2 is orders of magnitude above any coke oven's, a unit error in the data set.",
    },
    DataSet {
        uuid: "71122ef9-d676-40df-b8e5-567cf1fc820d",
        material: "coke",
        route: "coke-oven-cdq",
        name_en: "Coke, coke oven with dry quenching (CDQ), China",
        uses: &[
            elec("8"),
            fuel("4", CO_GAS, "coke_oven_gas"),
            fuel("5", BF_GAS, "blast_furnace_gas"),
        ],
        remark: "Underfiring gases mapped to the IPCC coke oven gas and blast furnace gas factors. The cleaned coal is the feedstock, not a fuel term (its flow is absent from the source). By-products (coke oven gas, tar, benzene) are not credited. Process steam and compressed air left out. The data set states no reference year.",
    },
    DataSet {
        uuid: "bcfaca7e-ee6f-4225-8847-211a20f984b3",
        material: "coke",
        route: "coke-oven-ln",
        name_en: "Coke, coke oven, Liaoning",
        uses: &[
            elec("6"),
            fuel("3", CO_GAS, "coke_oven_gas"),
            fuel("4", BF_GAS, "blast_furnace_gas"),
        ],
        remark: "Underfiring gases mapped to the IPCC coke oven gas and blast furnace gas factors. The cleaned coal is the feedstock, not a fuel term (its flow is absent from the source). LD gas left out (m3, no sourced density); process steam left out. By-products (coke oven gas, steam) are not credited. The data set states no reference year.",
    },
];

/// Data sets screened and not used, with the reason (the README section gives the same list).
/// Checked: each is still in the source and none is in the table.
const DROPPED: &[(&str, &str)] = &[
    (
        "7cadd7e9",
        "Li2CO3 brine, Atacama: natural gas 19 kg per kg",
    ),
    (
        "4d7a5496",
        "Li2CO3 brine, Hombre Muerto: natural gas 14 kg per kg",
    ),
    (
        "175d61de",
        "Li2CO3 brine, Cauchari-Olaroz: natural gas 28 kg per kg",
    ),
    ("520238ee", "Li2CO3 brine, Olaroz: natural gas 19 kg per kg"),
    (
        "6bd6c827",
        "Li2CO3 brine, Chaerhan: natural gas 298 kg per kg",
    ),
    (
        "6fb38944",
        "Li2CO3 concentrated brine, Atacama: gas 2.8 t, diesel 0.4 t per t",
    ),
    (
        "af9516ac",
        "Li2CO3 concentrated brine, Maricunga: natural gas 43 t per t",
    ),
    (
        "9e0128eb",
        "Li2CO3 DLE, Clayton Valley: 1,550 t of brine per 1 kg",
    ),
    (
        "19d333e4",
        "LiOH from Atacama carbonate: natural gas 21 t per t",
    ),
    ("671548c7", "LiOH, Finland: natural gas 20.7 t per t"),
    (
        "dd7ed637",
        "LiOH, Canada: natural gas 42.5 t per t, exchanges duplicated",
    ),
    ("a9bdadad", "LiPF6: electricity 13.4 MJ per t, steam in m3"),
    (
        "dbcb547f",
        "Al current-collector foil slitting: product in m3",
    ),
    (
        "decbe92d",
        "Metallurgical silicon: no electricity, 7.5 kg coal per kg",
    ),
    (
        "07b68b9c",
        "Multi-Si wafer: 1,000,000 kg wafer from 9,670 kg silicon",
    ),
    ("f36863b4", "Multi-Si wafer: 0.0204 kg ingot per kg wafer"),
    ("0d1f6ba5", "PV cell: product in MJ"),
    ("2bafe459", "PV cell: product in MJ (study unit kWp)"),
    ("b6838547", "PV cell: product in MJ (study unit kWp)"),
    ("a0e95c7f", "PV cell: product 1,000,000 MJ"),
    ("6cd44607", "PV cell (integrated): product in MJ"),
    ("b9761c8c", "PV cell, mono: product in MJ, glass input"),
    ("2dc92b19", "PV module: product in MJ (study unit kWp)"),
    ("36a4859c", "PV module: product in MJ"),
    ("55762d62", "PV module: product in MJ"),
    ("f524cd72", "PV module: product in MJ (study unit kWp)"),
    ("d8199b4a", "PV module: product 1,000,000 MJ"),
    ("442c9728", "PV module: product in MJ, only coal and gas"),
    (
        "a04edcd0",
        "Cotton yarn: most energy 'Energy, unspecified', farm inputs mixed in",
    ),
    (
        "76808afc",
        "Polyester-cotton: NaOH output 48,300 t, coal 1,724 t",
    ),
    (
        "83033ac0",
        "Cotton dyeing series 2012: coal vs CO2 inconsistent",
    ),
    (
        "cef09ca2",
        "BOF: reference flow is 739 m3 of converter gas, no steel output",
    ),
    (
        "c4665da8",
        "Continuous casting: reference flow absent from the source",
    ),
    ("141ce225", "Coke: reference flow is a hard-coal output"),
    ("86d2bd1b", "Coke: reference flow is a hard-coal output"),
    ("4ef07c9c", "Coke: underfiring gas in m3 (its twin says kg)"),
];

// ---------------------------------------------------------------------------------------------
// Grids.
// ---------------------------------------------------------------------------------------------

struct Grid {
    key: &'static str,
    id: &'static str,
    en: &'static str,
    zh: &'static str,
}

const CN_GRIDS: [Grid; 2] = [
    Grid {
        key: "cn2023",
        id: "cn.elec.footprint.2023.national",
        en: "China electricity carbon footprint 2023",
        zh: "2023年全国电力碳足迹因子",
    },
    Grid {
        key: "cn2024",
        id: "cn.elec.footprint.2024.national",
        en: "China electricity carbon footprint 2024",
        zh: "2024年全国电力碳足迹因子",
    },
];

const WORLD_GRIDS: [Grid; 1] = [Grid {
    key: "world2023",
    id: "world.elec.ember.2023",
    en: "world electricity (Ember 2023)",
    zh: "全球电力（Ember 2023）",
}];

/// Chinese data sets (`CN` or a `…-CN` location) take the Chinese footprint grids; the others the
/// world grid (pcf ships no grid for their countries).
fn grids(location: &str) -> &'static [Grid] {
    if is_chinese(location) {
        &CN_GRIDS
    } else {
        &WORLD_GRIDS
    }
}

fn is_chinese(location: &str) -> bool {
    location == "CN" || location.ends_with("-CN")
}

/// The data set's location as a pcf geography: a Chinese province when `geographies.csv` has it
/// (`SZ-JS-CN` → `CN-JS`), otherwise `CN`; other countries keep their ISO code.
fn geography(location: &str) -> String {
    if !is_chinese(location) {
        return location.to_string();
    }
    let parts: Vec<&str> = location.split('-').collect();
    if parts.len() >= 2 {
        let province = format!("CN-{}", parts[parts.len() - 2]);
        let known = include_str!("../factors/geographies.csv")
            .lines()
            .any(|l| l.split(',').next() == Some(province.as_str()));
        if known {
            return province;
        }
    }
    "CN".to_string()
}

// ---------------------------------------------------------------------------------------------
// Reading the ILCD XML.
// ---------------------------------------------------------------------------------------------

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/tiangong-lca/tiangong_lca_data")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

fn lang<'a>(n: roxmltree::Node<'a, 'a>) -> Option<&'a str> {
    n.attribute((XML_NS, "lang"))
}

fn first<'a>(n: roxmltree::Node<'a, 'a>, local: &str) -> Option<roxmltree::Node<'a, 'a>> {
    n.descendants().find(|d| d.tag_name().name() == local)
}

fn text_of(n: roxmltree::Node<'_, '_>) -> String {
    n.text().unwrap_or("").trim().to_string()
}

/// The text of the first `local` element in language `lang` under `n`.
fn in_lang(n: roxmltree::Node<'_, '_>, local: &str, want: &str) -> String {
    n.descendants()
        .find(|d| d.tag_name().name() == local && lang(*d) == Some(want))
        .map(text_of)
        .unwrap_or_default()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Input,
    Output,
}

#[derive(Debug, Clone)]
struct Exchange {
    id: String,
    flow: String,
    name: String,
    direction: Direction,
    amount: f64,
}

#[derive(Debug, Clone)]
struct Process {
    uuid: String,
    name_en: String,
    name_zh: String,
    year: Option<i32>,
    location: String,
    licence: String,
    source: String,
    reference: String,
    exchanges: Vec<Exchange>,
}

impl Process {
    fn exchange(&self, id: &str) -> &Exchange {
        self.exchanges
            .iter()
            .find(|e| e.id == id)
            .unwrap_or_else(|| panic!("{} has no exchange {id}", self.uuid))
    }

    fn reference(&self) -> &Exchange {
        self.exchange(&self.reference)
    }
}

fn process(uuid: &str) -> Process {
    let text = read(&data_dir().join("processes").join(format!("{uuid}.xml")));
    let doc = roxmltree::Document::parse(&text).expect("process XML parses");
    let root = doc.root_element();
    let info = first(root, "dataSetInformation").expect("dataSetInformation");
    let name = first(info, "name").expect("name");
    let year = first(root, "referenceYear").map(|n| {
        text_of(n)
            .parse::<i32>()
            .unwrap_or_else(|e| panic!("{uuid}: referenceYear: {e}"))
    });
    let location = first(root, "locationOfOperationSupplyOrProduction")
        .and_then(|n| n.attribute("location"))
        .unwrap_or("")
        .to_string();
    let source = root
        .descendants()
        .find(|d| d.tag_name().name() == "referenceToDataSource")
        .map(|n| in_lang(n, "shortDescription", "en"))
        .unwrap_or_default();
    let exchanges = root
        .descendants()
        .filter(|d| d.tag_name().name() == "exchange")
        .map(|e| {
            let flow_ref = first(e, "referenceToFlowDataSet").expect("referenceToFlowDataSet");
            let direction = match first(e, "exchangeDirection").map(text_of).as_deref() {
                Some("Input") => Direction::Input,
                Some("Output") => Direction::Output,
                other => panic!("{uuid}: exchange direction {other:?}"),
            };
            let amount = first(e, "resultingAmount")
                .map(text_of)
                .unwrap_or_default()
                .parse::<f64>()
                .unwrap_or_else(|err| panic!("{uuid}: resultingAmount: {err}"));
            Exchange {
                id: e.attribute("dataSetInternalID").unwrap_or("").to_string(),
                flow: flow_ref.attribute("refObjectId").unwrap_or("").to_string(),
                name: in_lang(flow_ref, "shortDescription", "en"),
                direction,
                amount,
            }
        })
        .collect();
    Process {
        uuid: uuid.to_string(),
        name_en: in_lang(name, "baseName", "en"),
        name_zh: in_lang(name, "baseName", "zh"),
        year,
        location,
        licence: first(root, "licenseType").map(text_of).unwrap_or_default(),
        source,
        reference: first(root, "referenceToReferenceFlow")
            .map(text_of)
            .unwrap_or_default(),
        exchanges,
    }
}

/// The unit of a flow's amounts: flow → its reference flow property (whose `meanValue` must be
/// one) → that property's unit group → the group's reference unit. `None` when the flow data
/// set is absent from the source (48 referenced flows are).
fn flow_unit(flow: &str) -> Option<String> {
    let path = data_dir().join("flows").join(format!("{flow}.xml"));
    if !path.exists() {
        return None;
    }
    let text = read(&path);
    let doc = roxmltree::Document::parse(&text).expect("flow XML parses");
    let root = doc.root_element();
    let reference = first(root, "referenceToReferenceFlowProperty").map(text_of)?;
    let property = root
        .descendants()
        .find(|d| {
            d.tag_name().name() == "flowProperty"
                && d.attribute("dataSetInternalID") == Some(reference.as_str())
        })
        .unwrap_or_else(|| panic!("flow {flow}: no flow property {reference}"));
    let mean: f64 = first(property, "meanValue")
        .map(text_of)
        .unwrap_or_default()
        .parse()
        .unwrap_or_else(|e| panic!("flow {flow}: meanValue: {e}"));
    assert_eq!(mean, 1.0, "flow {flow}: reference property meanValue");
    let property_uuid = first(property, "referenceToFlowPropertyDataSet")
        .and_then(|n| n.attribute("refObjectId"))
        .expect("flow property reference")
        .to_string();
    let text = read(
        &data_dir()
            .join("flowproperties")
            .join(format!("{property_uuid}.xml")),
    );
    let doc = roxmltree::Document::parse(&text).expect("flow property XML parses");
    let group = first(doc.root_element(), "referenceToReferenceUnitGroup")
        .and_then(|n| n.attribute("refObjectId"))
        .expect("unit group reference")
        .to_string();
    let text = read(&data_dir().join("unitgroups").join(format!("{group}.xml")));
    let doc = roxmltree::Document::parse(&text).expect("unit group XML parses");
    let root = doc.root_element();
    let unit = first(root, "referenceToReferenceUnit").map(text_of)?;
    let node = root
        .descendants()
        .find(|d| d.tag_name().name() == "unit" && d.attribute("dataSetInternalID") == Some(&unit))
        .unwrap_or_else(|| panic!("unit group {group}: no unit {unit}"));
    first(node, "name").map(text_of)
}

// ---------------------------------------------------------------------------------------------
// The recipe: terms from a data set's exchanges.
// ---------------------------------------------------------------------------------------------

/// One term: `amount unit factor`, or a direct `amount kg CO2e` (factor `CO2e`).
#[derive(Debug, Clone, PartialEq)]
struct Term {
    amount: f64,
    unit: String,
    factor: String,
}

/// The unit the row is per, and the scale from the data set's amounts to one of it: per t when
/// the reference flow is 100 kg or more (the data set is written per tonne or so), else per kg.
fn per_unit(p: &Process) -> (&'static str, f64) {
    let r = p.reference();
    assert_eq!(
        flow_unit(&r.flow).as_deref(),
        Some("kg"),
        "{}: reference flow unit",
        p.uuid
    );
    assert!(r.amount > 0.0, "{}: reference amount", p.uuid);
    if r.amount >= 100.0 {
        ("t", 1000.0 / r.amount)
    } else {
        ("kg", 1.0 / r.amount)
    }
}

/// The terms of a data set's row with a grid: each kind of exchange (electricity; a fuel in one
/// unit; the direct CO2) summed in the order the data set lists them, scaled to one `per_unit`.
fn terms(ds: &DataSet, p: &Process, grid: &Grid) -> Vec<Term> {
    let (_, scale) = per_unit(p);
    // (map, unit) → sum of the exchanges' amounts, in first-use order.
    let mut sums: Vec<((Map, String), f64)> = Vec::new();
    for u in ds.uses {
        let e = p.exchange(u.exchange);
        assert_eq!(e.flow, u.flow, "{} exchange {}: flow", p.uuid, u.exchange);
        let want = match u.map {
            Map::DirectCo2 => Direction::Output,
            _ => Direction::Input,
        };
        assert_eq!(e.direction, want, "{} exchange {}", p.uuid, u.exchange);
        let unit = flow_unit(&e.flow)
            .unwrap_or_else(|| panic!("{} exchange {}: flow absent", p.uuid, u.exchange));
        let key = (u.map, unit);
        match sums.iter_mut().find(|(k, _)| *k == key) {
            Some((_, s)) => *s += e.amount,
            None => sums.push((key, e.amount)),
        }
    }
    let mut out = Vec::new();
    for ((map, unit), sum) in sums {
        let amount = sum * scale;
        match map {
            Map::Electricity => {
                assert!(
                    unit == "MJ" || unit == "kWh",
                    "{}: electricity in {unit}",
                    p.uuid
                );
                out.push(Term {
                    amount,
                    unit,
                    factor: grid.id.to_string(),
                });
            }
            Map::Fuel(fuel) => {
                let basis = match unit.as_str() {
                    "kg" => "per-t",
                    "MJ" => "per-tj",
                    other => panic!("{}: fuel {fuel} in {other}", p.uuid),
                };
                for gas in ["co2", "ch4", "n2o"] {
                    out.push(Term {
                        amount,
                        unit: unit.clone(),
                        factor: format!("ipcc2006.fuel.{fuel}.{gas}.{basis}"),
                    });
                }
            }
            Map::DirectCo2 => {
                assert_eq!(unit, "kg", "{}: CO2 output unit", p.uuid);
                out.push(Term {
                    amount,
                    unit,
                    factor: "CO2e".to_string(),
                });
            }
        }
    }
    out
}

/// A decimal of at most 12 significant digits (the table's amounts: well inside the 1e-9
/// tolerance, and free of binary noise such as 41488.200000000004).
fn decimal(x: f64) -> String {
    let rounded: f64 = format!("{x:.11e}").parse().expect("a float");
    format!("{rounded}")
}

fn terms_cell(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| format!("{} {} {}", decimal(t.amount), t.unit, t.factor))
        .collect::<Vec<_>>()
        .join(" + ")
}

// ---------------------------------------------------------------------------------------------
// The generator.
// ---------------------------------------------------------------------------------------------

fn row_id(ds: &DataSet, grid: &Grid) -> String {
    format!(
        "tiangong.{}.{}.{}.{}",
        ds.material,
        ds.route,
        &ds.uuid[..8],
        grid.key
    )
}

fn describe(x: &Exchange, unit: &Option<String>) -> String {
    match unit {
        Some(u) => format!("{} {} {u}", x.name, decimal(x.amount)),
        None => format!(
            "{} {} (unit unknown: flow {} absent from the source)",
            x.name,
            decimal(x.amount),
            x.flow
        ),
    }
}

fn notes(ds: &DataSet, p: &Process, grid: &Grid) -> String {
    let (unit, _) = per_unit(p);
    let r = p.reference();
    let used: Vec<&str> = ds.uses.iter().map(|u| u.exchange).collect();
    let direct = ds.uses.iter().any(|u| u.map == Map::DirectCo2);
    let mut mapped: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for u in ds.uses {
        let to = match u.map {
            Map::Electricity => format!("grid {}", grid.id),
            Map::Fuel(f) => format!("IPCC 2006 {f}"),
            Map::DirectCo2 => "a direct kg CO2e term".to_string(),
        };
        mapped.entry(to).or_default().push(u.exchange);
    }
    let mapped: Vec<String> = mapped
        .iter()
        .map(|(to, ids)| {
            let names: Vec<String> = ids
                .iter()
                .map(|id| {
                    let x = p.exchange(id);
                    format!("#{id} {}", describe(x, &flow_unit(&x.flow)))
                })
                .collect();
            format!("{} → {to}", names.join(", "))
        })
        .collect();
    let left: Vec<String> = p
        .exchanges
        .iter()
        .filter(|x| {
            x.direction == Direction::Input && x.id != p.reference && !used.contains(&x.id.as_str())
        })
        .map(|x| describe(x, &flow_unit(&x.flow)))
        .collect();
    let gases: Vec<String> = p
        .exchanges
        .iter()
        .filter(|x| {
            x.direction == Direction::Output
                && !used.contains(&x.id.as_str())
                && [
                    "carbon dioxide",
                    "methane",
                    "nitrous oxide",
                    "carbon monoxide",
                ]
                .iter()
                .any(|g| x.name.starts_with(g))
        })
        .map(|x| describe(x, &flow_unit(&x.flow)))
        .collect();
    let scope = if direct {
        "Gate-to-gate energy only (electricity and fuels of the unit process, the fuels here through the data set's own CO2 (fossil) output); materials, chemicals, upstream fuel supply and transport excluded."
    } else {
        "Gate-to-gate energy only (electricity and fuels of the unit process); materials, chemicals, upstream fuel supply and transport excluded."
    };
    let year = p
        .year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "no reference year".to_string());
    let mut s = format!(
        "{scope} Inventory: TianGong LCA Data process {} \"{}\" ({year}, {}), after {}. Reference flow {} {} {}; amounts scaled to 1 {unit}. Used (data-set amounts): {}. Inputs not used: {}.",
        p.uuid,
        p.name_en,
        p.location,
        p.source.trim_end_matches('.'),
        decimal(r.amount),
        flow_unit(&r.flow).unwrap_or_default(),
        r.name,
        mapped.join("; "),
        if left.is_empty() { "none".to_string() } else { left.join("; ") },
    );
    if !gases.is_empty() {
        s.push_str(&format!(
            " Emissions the data set reports, not added: {}.",
            gases.join("; ")
        ));
    }
    s.push(' ');
    s.push_str(ds.remark);
    if !is_chinese(&p.location) {
        s.push_str(" Outside China: world grid.");
    }
    s
}

fn row(ds: &DataSet, p: &Process, grid: &Grid) -> [String; 12] {
    let (unit, _) = per_unit(p);
    [
        row_id(ds, grid),
        format!("{}: gate-to-gate energy, {}", ds.name_en, grid.en),
        format!("{}（门到门能源，{}）", p.name_zh.trim(), grid.zh),
        unit.to_string(),
        "AR6".to_string(),
        "fossil".to_string(),
        geography(&p.location),
        p.year.map(|y| y.to_string()).unwrap_or_default(),
        format!(
            "TianGong LCA Data (linancn/TianGong-LCA-Data, commit {COMMIT}), process data set {}; inventory after {}; grid {}; fuels IPCC 2006 (fuels_ipcc.csv)",
            p.uuid,
            p.source.trim_end_matches('.'),
            grid.id
        ),
        format!(
            "MIT (TianGong LCA Data, Copyright (c) 2023 linancn); data set licenseType: {LICENSE_TYPE}"
        ),
        notes(ds, p, grid),
        terms_cell(&terms(ds, p, grid)),
    ]
}

fn generate() -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(HEADER).expect("header");
    for ds in DATA_SETS {
        let p = process(ds.uuid);
        for grid in grids(&p.location) {
            w.write_record(row(ds, &p, grid)).expect("row");
        }
    }
    String::from_utf8(w.into_inner().expect("csv")).expect("utf-8")
}

fn table_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("factors")
        .join(TABLE)
}

fn committed() -> Vec<csv::StringRecord> {
    let text = read(&table_path());
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(r.headers().expect("header"), HEADER.as_slice());
    r.records().map(|x| x.expect("a row")).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= RTOL * a.abs().max(b.abs())
}

// ---------------------------------------------------------------------------------------------
// Tests.
// ---------------------------------------------------------------------------------------------

/// The committed table is what the generator makes from the XML and `DATA_SETS` (with
/// `UPDATE_DERIVED=1`, the generator writes it).
#[test]
fn the_committed_table_is_the_generated_one() {
    let fresh = generate();
    if std::env::var_os("UPDATE_DERIVED").is_some() {
        std::fs::write(table_path(), &fresh).expect("write the table");
    }
    let text = read(&table_path());
    assert!(
        text == fresh,
        "factors/{TABLE} differs from a fresh generation; run UPDATE_DERIVED=1 cargo test --test derived_tiangong"
    );
}

/// Each row against its data set, read anew: licence, year, geography, unit, and every term's
/// amount and unit against the exchanges it stands for.
#[test]
fn every_row_is_its_data_sets_exchanges() {
    let rows = committed();
    assert!(rows.len() >= 60, "{} rows", rows.len());
    let mut seen = std::collections::BTreeSet::new();
    for rec in &rows {
        let id = &rec[0];
        let parts: Vec<&str> = id.split('.').collect();
        assert_eq!(parts.len(), 5, "{id}");
        assert_eq!(parts[0], "tiangong", "{id}");
        let ds = DATA_SETS
            .iter()
            .find(|d| d.uuid.starts_with(parts[3]) && d.material == parts[1])
            .unwrap_or_else(|| panic!("{id}: no data set"));
        let p = process(ds.uuid);
        let grid = grids(&p.location)
            .iter()
            .find(|g| g.key == parts[4])
            .unwrap_or_else(|| panic!("{id}: grid {} for {}", parts[4], p.location));
        assert!(seen.insert(id.to_string()), "duplicate {id}");

        assert_eq!(p.licence, LICENSE_TYPE, "{id}: licenseType");
        assert_eq!(
            rec[7].parse::<i32>().ok(),
            p.year,
            "{id}: year is the data set's reference year"
        );
        assert_eq!(&rec[6], geography(&p.location), "{id}: geography");
        let (unit, scale) = per_unit(&p);
        assert_eq!(&rec[3], unit, "{id}: per_unit");
        assert!(rec[2].starts_with(p.name_zh.trim()), "{id}: name_zh");
        assert!(rec[10].contains(ds.uuid), "{id}: notes cite the data set");
        assert!(rec[8].contains(ds.uuid) && rec[8].contains(COMMIT), "{id}");

        // The terms cell, parsed here, against the exchanges summed anew.
        let cell: Vec<(f64, String, String)> = rec[11]
            .split(" + ")
            .map(|t| {
                let w: Vec<&str> = t.split(' ').collect();
                assert_eq!(w.len(), 3, "{id}: term {t:?}");
                (
                    w[0].parse().unwrap_or_else(|e| panic!("{id}: {t:?}: {e}")),
                    w[1].to_string(),
                    w[2].to_string(),
                )
            })
            .collect();
        let mut expect: Vec<(f64, String, String)> = Vec::new();
        let mut add = |amount: f64, unit: String, factor: String| match expect
            .iter_mut()
            .find(|(_, u, f)| *u == unit && *f == factor)
        {
            Some((a, _, _)) => *a += amount,
            None => expect.push((amount, unit, factor)),
        };
        for u in ds.uses {
            let x = p.exchange(u.exchange);
            assert_eq!(x.flow, u.flow, "{id}: exchange {}", u.exchange);
            let xu = flow_unit(&x.flow).expect("the flow of a used exchange is in the source");
            match u.map {
                Map::Electricity => add(x.amount, xu, grid.id.to_string()),
                Map::Fuel(f) => {
                    let basis = if xu == "kg" { "per-t" } else { "per-tj" };
                    for gas in ["co2", "ch4", "n2o"] {
                        add(
                            x.amount,
                            xu.clone(),
                            format!("ipcc2006.fuel.{f}.{gas}.{basis}"),
                        );
                    }
                }
                Map::DirectCo2 => {
                    assert!(x.name.starts_with("carbon dioxide"), "{id}: {}", x.name);
                    add(x.amount, xu, "CO2e".to_string());
                }
            }
        }
        assert_eq!(cell.len(), expect.len(), "{id}: number of terms");
        for ((a, u, f), (ea, eu, ef)) in cell.iter().zip(&expect) {
            assert_eq!((u, f), (eu, ef), "{id}");
            assert!(close(*a, ea * scale), "{id}: {f}: {a} ≠ {}", ea * scale);
        }
    }
    // Every data set has its rows: two Chinese grids, or the world grid.
    let expected: usize = DATA_SETS
        .iter()
        .map(|d| grids(&process(d.uuid).location).len())
        .sum();
    assert_eq!(seen.len(), expected);
}

/// The loaded factor equals Σ amount × the referenced factor's kg per unit (converted here with
/// the unit constants written out) × the gas's AR6 GWP, or the direct CO2e amount.
#[test]
fn every_loaded_value_is_the_recomputed_sum() {
    let set = FactorSet::builtin().expect("the built-in library loads");
    let gwp = set.gwp();
    let rows = committed();
    for rec in &rows {
        let id = &rec[0];
        let mut sum = 0.0;
        for t in rec[11].split(" + ") {
            let w: Vec<&str> = t.split(' ').collect();
            let amount: f64 = w[0].parse().expect("amount");
            if w[2] == "CO2e" {
                assert_eq!(w[1], "kg", "{id}");
                sum += amount;
                continue;
            }
            let f = set
                .get(w[2])
                .unwrap_or_else(|| panic!("{id}: {} is built in", w[2]));
            let to = match (w[1], f.per_unit.symbol()) {
                ("MJ", "kWh") => 1.0 / 3.6,
                ("kWh", "kWh") => 1.0,
                ("kg", "t") => 1e-3,
                ("MJ", "TJ") => 1e-6,
                (a, b) => panic!("{id}: no conversion {a} → {b} here"),
            };
            let weight = match f.basis {
                Basis::Gas(g) => gwp.gwp(g, GwpSet::Ar6, "$").expect("AR6 GWP"),
                Basis::Co2e(_) => 1.0,
            };
            sum += amount * to * f.kg_per_unit * weight;
        }
        let f = set
            .get(id)
            .unwrap_or_else(|| panic!("{id} is in the library"));
        assert!(close(f.value, sum), "{id}: loaded {} ≠ {sum}", f.value);
        assert_eq!(f.per_unit.symbol(), &rec[3], "{id}");
        // The Chinese and Ember grids state no GWP set, so no row is AR6 throughout.
        assert_eq!(f.basis, Basis::Co2e(None), "{id}");
    }
}

/// The screen's verdicts stay true to the source: each dropped data set is still there, is not
/// in the table, and is listed with its reason in the README section.
#[test]
fn dropped_data_sets_exist_and_are_not_shipped() {
    let rows = committed();
    let readme = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("factors/README.md"));
    let names: Vec<String> = std::fs::read_dir(data_dir().join("processes"))
        .expect("processes")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for (prefix, why) in DROPPED {
        assert!(!why.is_empty());
        assert_eq!(
            names.iter().filter(|n| n.starts_with(prefix)).count(),
            1,
            "{prefix} is one data set of the source"
        );
        assert!(
            rows.iter().all(|r| !r[0].contains(prefix)),
            "{prefix} is dropped"
        );
        assert!(
            readme.contains(prefix),
            "{prefix} is listed in factors/README.md"
        );
        assert!(
            DATA_SETS.iter().all(|d| !d.uuid.starts_with(prefix)),
            "{prefix} is both used and dropped"
        );
    }
    for d in DATA_SETS {
        assert!(readme.contains(&d.uuid[..8]), "{} in the README", d.uuid);
    }
}
