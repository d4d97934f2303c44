//! The meta JSON of a report (`pcf report --meta META.json`, the JS `options.meta`): what a
//! document needs and the result does not know — the manufacturer, the plant, the EU
//! declaration of conformity, the public study, the performance class the user was given, a
//! date, for the CBAM communication its own section `cbam` (the installation's address,
//! UN/LOCODE and coordinates, the operator's contact, the carbon price due), and for the CFP
//! study report the goal of the study and who commissioned and carried it out (`cfp_study`).
//! Every key is optional in the file; each kind says which it needs
//! ([`Meta::require`]), and a missing or wrong field is an error at its path, `$meta.<key>`.
//! Schema: `schema/pcf-report-meta-1.schema.json`.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What a report needs from the user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "pcf report meta: what a document needs that the result does not know")
)]
pub struct Meta {
    /// The manufacturer (EU Battery Regulation art. 7(1)(a): administrative information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manufacturer: Option<Manufacturer>,
    /// The manufacturing plant the declaration is for (art. 7(1)(c): one declaration per
    /// battery model per plant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plant: Option<Plant>,
    /// Identification number of the EU declaration of conformity of the battery (art. 7(1)(f)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub declaration_of_conformity_id: Option<String>,
    /// Web link (http or https) to the public version of the study supporting the carbon
    /// footprint values (art. 7(1)(g); the passport's `carbonFootprintStudy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_study_url: Option<String>,
    /// The carbon-footprint performance class the user was given (art. 7(2)), as an opaque
    /// text: pcf never computes it (the delegated act defining the classes is not adopted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub performance_class: Option<String>,
    /// Reference of the third-party verification report of the footprint (the notified body's
    /// for the EU, the verifier's for the MIIT declaration), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_report: Option<String>,
    /// The date the document is issued, `YYYY-MM-DD` (pcf reads no clock: without it, a document
    /// carries no date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What the CBAM communication (`cbam-communication`) needs and a steel study does not
    /// give: the installation's address, UN/LOCODE and coordinates, the operator, the carbon
    /// price due, the verifier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cbam: Option<CbamMeta>,
    /// The CFP study report's goal of the study and its parties (`cfp-report`): ISO 14067:2018
    /// / GB/T 24067-2024 ask the report for the goal (intended application, reasons, intended
    /// audience, whether comparisons are intended) and ISO 14044 for the commissioner and the
    /// practitioner. Every field optional: one not given is listed as still to be completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cfp_study: Option<CfpStudy>,
    /// What a carbon label shows besides the result's figures (`pcf report label`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<LabelMeta>,
}

/// What a carbon label needs from the user: the scheme it is issued under (the user's name for
/// it: pcf certifies nothing), its validity, the certificate and where the verification link
/// points.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LabelMeta {
    /// The label scheme as the issuer names it (e.g. the China carbon-footprint label of the
    /// CNCA rules, or a CRE simplified carbon assessment figure). Written as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// First day of validity, `YYYY-MM-DD` (pcf reads no clock and computes no expiry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day of validity, `YYYY-MM-DD`, not before `valid_from`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// The certificate's number and body, as the issuer writes them, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<String>,
    /// The base of the verification link in the QR code: an `http(s)://` URL without `#`, `?`
    /// or spaces, e.g. the address of the pcf page; the code encodes `<base>/#verify=<result
    /// digest>`. Without it, the code encodes the result digest alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verify_url: Option<String>,
    /// The pre-check scheme whose verdict the label carries (an id of `pcf precheck`, not a
    /// PACT one); default `iso14067`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precheck: Option<String>,
}

/// The goal of a CFP study and who commissioned and carried it out: what the study report
/// states and the result does not know.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CfpStudy {
    /// The report's own reference (number or title), when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_id: Option<String>,
    /// The intended application of the study (what the footprint will be used for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intended_application: Option<String>,
    /// The reasons for carrying out the study.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// The intended audience (to whom the results are meant to be communicated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intended_audience: Option<String>,
    /// Whether the results are intended to support a comparison of products disclosed to the
    /// public (a comparative assertion), which brings further requirements (critical review).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparative_assertion: Option<bool>,
    /// The CFP-PCR (product category rules) or product-specific standard followed, when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cfp_pcr: Option<String>,
    /// Who commissioned the study.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commissioner: Option<Party>,
    /// Who carried out the study (the practitioner), when not the commissioner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practitioner: Option<Party>,
}

/// An organisation or person named in a report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name (required when the party is given).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Contact (e-mail, telephone or web address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// The manufacturer's administrative information.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manufacturer {
    /// Company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Registered trade name or trade mark, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trade_name: Option<String>,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Contact (e-mail, telephone or web address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// The manufacturing plant's location.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plant {
    /// The plant's name, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Street address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Postal code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Town or city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locality: Option<String>,
    /// Region or province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Country (name or ISO 3166-1 code).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Latitude, decimal degrees (−90 to 90), with `longitude`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude, decimal degrees (−180 to 180), with `latitude`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// A text the meta must have, with why (for the error). Texts are trimmed and never blank
/// once read ([`Meta::parse`]).
fn text_at(v: &Option<String>, path: &str, why: &str) -> Result<String> {
    v.clone().ok_or_else(|| Error::InvalidDocument {
        path: path.into(),
        detail: format!("missing: {why}; give it in the meta JSON (--meta)"),
    })
}

/// Trims an optional text; blank is an error (a field given empty is a mistake).
fn tidy(v: &mut Option<String>, path: &str) -> Result<()> {
    if let Some(t) = v.as_mut() {
        let trimmed = t.trim();
        if trimmed.is_empty() {
            return Err(Error::invalid(
                path,
                "empty: leave the field out instead of giving it empty",
            ));
        }
        *t = trimmed.to_string();
    }
    Ok(())
}

impl Meta {
    /// Reads the meta JSON text (an object; every key optional, none unknown); errors name the
    /// field under `$meta`. Checks what every field must be when given: texts not blank, the
    /// study link an http(s) URL, the date a `YYYY-MM-DD` date, the coordinates in range and
    /// given together.
    pub fn parse(text: &str) -> Result<Meta> {
        let m: Meta = crate::json::parse_object(text).map_err(|mut e| {
            let p = e.path_mut();
            *p = p.replacen('$', "$meta", 1);
            e
        })?;
        m.checked()
    }

    fn checked(mut self) -> Result<Meta> {
        for (v, p) in [
            (
                &mut self.declaration_of_conformity_id,
                "$meta.declaration_of_conformity_id",
            ),
            (&mut self.public_study_url, "$meta.public_study_url"),
            (&mut self.performance_class, "$meta.performance_class"),
            (&mut self.verification_report, "$meta.verification_report"),
            (&mut self.date, "$meta.date"),
        ] {
            tidy(v, p)?;
        }
        if let Some(u) = &self.public_study_url {
            let rest = u
                .strip_prefix("https://")
                .or_else(|| u.strip_prefix("http://"));
            if rest.is_none_or(|r| r.is_empty() || r.chars().any(char::is_whitespace)) {
                return Err(Error::invalid(
                    "$meta.public_study_url",
                    format!("{u:?} is not a web link: an http:// or https:// URL without spaces"),
                ));
            }
        }
        if let Some(d) = &self.date {
            if crate::dates::parse_date(d).is_none() {
                return Err(Error::invalid(
                    "$meta.date",
                    format!("{d:?} is not a date YYYY-MM-DD"),
                ));
            }
        }
        if let Some(c) = self.cbam.as_mut() {
            c.checked()?;
        }
        if let Some(c) = self.cfp_study.as_mut() {
            for (v, p) in [
                (&mut c.report_id, "$meta.cfp_study.report_id"),
                (
                    &mut c.intended_application,
                    "$meta.cfp_study.intended_application",
                ),
                (&mut c.reasons, "$meta.cfp_study.reasons"),
                (
                    &mut c.intended_audience,
                    "$meta.cfp_study.intended_audience",
                ),
                (&mut c.cfp_pcr, "$meta.cfp_study.cfp_pcr"),
            ] {
                tidy(v, p)?;
            }
            for (party, at) in [
                (&mut c.commissioner, "$meta.cfp_study.commissioner"),
                (&mut c.practitioner, "$meta.cfp_study.practitioner"),
            ] {
                if let Some(p) = party.as_mut() {
                    for (v, field) in [
                        (&mut p.name, "name"),
                        (&mut p.address, "address"),
                        (&mut p.contact, "contact"),
                    ] {
                        tidy(v, &format!("{at}.{field}"))?;
                    }
                    if p.name.is_none() {
                        return Err(Error::InvalidDocument {
                            path: format!("{at}.name"),
                            detail: "missing: a party named in the report needs its name".into(),
                        });
                    }
                }
            }
        }
        if let Some(l) = self.label.as_mut() {
            l.check()?;
        }
        if let Some(m) = self.manufacturer.as_mut() {
            for (v, p) in [
                (&mut m.name, "$meta.manufacturer.name"),
                (&mut m.trade_name, "$meta.manufacturer.trade_name"),
                (&mut m.address, "$meta.manufacturer.address"),
                (&mut m.contact, "$meta.manufacturer.contact"),
            ] {
                tidy(v, p)?;
            }
        }
        if let Some(p) = self.plant.as_mut() {
            for (v, path) in [
                (&mut p.name, "$meta.plant.name"),
                (&mut p.street_address, "$meta.plant.street_address"),
                (&mut p.postal_code, "$meta.plant.postal_code"),
                (&mut p.locality, "$meta.plant.locality"),
                (&mut p.region, "$meta.plant.region"),
                (&mut p.country, "$meta.plant.country"),
            ] {
                tidy(v, path)?;
            }
            for (v, path, limit) in [
                (p.latitude, "$meta.plant.latitude", 90.0),
                (p.longitude, "$meta.plant.longitude", 180.0),
            ] {
                if let Some(x) = v {
                    if !(x.is_finite() && x.abs() <= limit) {
                        return Err(Error::invalid(
                            path,
                            format!("{x} is outside -{limit} to {limit} degrees"),
                        ));
                    }
                }
            }
            match (p.latitude, p.longitude) {
                (Some(_), None) => {
                    return Err(Error::InvalidDocument {
                        path: "$meta.plant.longitude".into(),
                        detail: "missing: the latitude is given without the longitude".into(),
                    })
                }
                (None, Some(_)) => {
                    return Err(Error::InvalidDocument {
                        path: "$meta.plant.latitude".into(),
                        detail: "missing: the longitude is given without the latitude".into(),
                    })
                }
                _ => {}
            }
        }
        Ok(self)
    }

    /// The public study link, required (`why` says for what).
    pub fn study_url(&self, why: &str) -> Result<String> {
        text_at(&self.public_study_url, "$meta.public_study_url", why)
    }

    /// The manufacturer with its name and address, required.
    pub fn manufacturer_required(&self) -> Result<ManufacturerInfo> {
        let why = "the manufacturer's name and address (art. 7(1)(a))";
        let Some(m) = &self.manufacturer else {
            return Err(Error::InvalidDocument {
                path: "$meta.manufacturer".into(),
                detail: format!("missing: {why}; give it in the meta JSON (--meta)"),
            });
        };
        Ok(ManufacturerInfo {
            name: text_at(
                &m.name,
                "$meta.manufacturer.name",
                "the manufacturer's name (art. 7(1)(a))",
            )?,
            trade_name: m.trade_name.clone(),
            address: text_at(
                &m.address,
                "$meta.manufacturer.address",
                "the manufacturer's postal address (art. 7(1)(a))",
            )?,
            contact: m.contact.clone(),
        })
    }

    /// The plant with at least its town and country, required.
    pub fn plant_required(&self) -> Result<PlantInfo> {
        let why =
            "the manufacturing plant's location: at least its town and country (art. 7(1)(c))";
        let Some(p) = &self.plant else {
            return Err(Error::InvalidDocument {
                path: "$meta.plant".into(),
                detail: format!("missing: {why}; give it in the meta JSON (--meta)"),
            });
        };
        Ok(PlantInfo {
            name: p.name.clone(),
            street_address: p.street_address.clone(),
            postal_code: p.postal_code.clone(),
            locality: text_at(
                &p.locality,
                "$meta.plant.locality",
                "the plant's town or city (art. 7(1)(c))",
            )?,
            region: p.region.clone(),
            country: text_at(
                &p.country,
                "$meta.plant.country",
                "the plant's country (art. 7(1)(c))",
            )?,
            latitude: p.latitude,
            longitude: p.longitude,
        })
    }

    /// The EU declaration of conformity's id, required.
    pub fn doc_id_required(&self) -> Result<String> {
        text_at(
            &self.declaration_of_conformity_id,
            "$meta.declaration_of_conformity_id",
            "the identification number of the EU declaration of conformity (art. 7(1)(f))",
        )
    }
}

/// The longest verification base a label takes: its link must fit a QR code that a phone
/// reads at label size.
pub const MAX_VERIFY_URL: usize = 300;

impl LabelMeta {
    fn check(&mut self) -> Result<()> {
        for (v, p) in [
            (&mut self.scheme, "$meta.label.scheme"),
            (&mut self.valid_from, "$meta.label.valid_from"),
            (&mut self.valid_until, "$meta.label.valid_until"),
            (&mut self.certificate, "$meta.label.certificate"),
            (&mut self.verify_url, "$meta.label.verify_url"),
            (&mut self.precheck, "$meta.label.precheck"),
        ] {
            tidy(v, p)?;
        }
        let day = |v: &Option<String>, p: &str| -> Result<Option<i64>> {
            v.as_deref()
                .map(|t| {
                    crate::dates::parse_date(t)
                        .ok_or_else(|| Error::invalid(p, format!("{t:?} is not a date YYYY-MM-DD")))
                })
                .transpose()
        };
        let days = [
            day(&self.valid_from, "$meta.label.valid_from")?,
            day(&self.valid_until, "$meta.label.valid_until")?,
        ];
        if let [Some(from), Some(until)] = days {
            if until < from {
                return Err(Error::invalid(
                    "$meta.label.valid_until",
                    "the label's validity ends before it begins (valid_from)",
                ));
            }
        }
        if let Some(u) = &self.verify_url {
            let rest = u
                .strip_prefix("https://")
                .or_else(|| u.strip_prefix("http://"));
            if rest.is_none_or(|r| {
                r.is_empty() || r.chars().any(|c| c.is_whitespace() || c.is_control())
            }) {
                return Err(Error::invalid(
                    "$meta.label.verify_url",
                    format!("{u:?} is not a web link: an http:// or https:// URL without spaces"),
                ));
            }
            if u.contains(['#', '?']) {
                return Err(Error::invalid(
                    "$meta.label.verify_url",
                    format!("{u:?} has a query or a fragment: give the page's address alone; the label adds #verify=<digest>"),
                ));
            }
            if u.len() > MAX_VERIFY_URL {
                return Err(Error::invalid(
                    "$meta.label.verify_url",
                    format!(
                        "the link is {} bytes long; at most {MAX_VERIFY_URL} fit a QR code readable at label size",
                        u.len()
                    ),
                ));
            }
        }
        if let Some(s) = &self.precheck {
            if !crate::precheck::SCHEME_IDS.contains(&s.as_str()) || s.starts_with("pact-") {
                let known: Vec<&str> = crate::precheck::SCHEME_IDS
                    .iter()
                    .copied()
                    .filter(|id| !id.starts_with("pact-"))
                    .collect();
                return Err(Error::invalid(
                    "$meta.label.precheck",
                    format!(
                        "unknown pre-check scheme {s:?} for a label; known: {}",
                        known.join(", ")
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// The manufacturer as a document writes it (name and address present).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ManufacturerInfo {
    /// Company name.
    pub name: String,
    /// Registered trade name or trade mark.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trade_name: Option<String>,
    /// Postal address.
    pub address: String,
    /// Contact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<String>,
}

/// The plant as a document writes it (town and country present).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlantInfo {
    /// The plant's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Street address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Town or city.
    pub locality: String,
    /// Region or province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Country.
    pub country: String,
    /// Latitude, decimal degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude, decimal degrees.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// The CBAM communication's own meta (`cbam`): what the operator of an installation tells its
/// EU importer (the reporting declarant) besides the figures of the study. The installation's
/// name and country, the good, its CN code and production route are the study's own (sealed by
/// the receipt), not the meta's.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CbamMeta {
    /// The installation: its address, UN/LOCODE and the coordinates of its main emission
    /// source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installation: Option<CbamInstallation>,
    /// The operator of the installation and its contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<CbamOperator>,
    /// The good's aggregated goods category as the communication template's code list names
    /// it (`Crude steel`, `Iron or steel products` …): pcf does not derive it from the CN code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregated_goods_category: Option<String>,
    /// The good's qualifying parameters (for steel: the steel mill's identification number,
    /// alloy and carbon contents, scrap per tonne …), written as given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub qualifying_parameters: Vec<QualifyingParameter>,
    /// The carbon price due in the country of production for the good's embedded emissions,
    /// when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carbon_price: Option<CarbonPrice>,
    /// General information on data quality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_quality: Option<String>,
    /// Why default values were used, where they were.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_values_justification: Option<String>,
    /// Information on quality assurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quality_assurance: Option<String>,
    /// Any additional information for the reporting declarant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub additional_information: Option<String>,
    /// The verifier of the emissions data, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verifier: Option<CbamVerifier>,
}

/// The installation, as the study does not give it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CbamInstallation {
    /// The installation's unique identifier, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub installation_id: Option<String>,
    /// Economic activity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub economic_activity: Option<String>,
    /// Street and number, in English transcription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street_address: Option<String>,
    /// Post code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// P.O. box.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub po_box: Option<String>,
    /// City, in English transcription.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// The UN/LOCODE of the installation's location: five characters, the first two the
    /// study's country (`CNSHA`, or `CN SHA`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unlocode: Option<String>,
    /// Latitude of the main emission source, decimal degrees (−90 to 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude of the main emission source, decimal degrees (−180 to 180).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// The operator of the installation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CbamOperator {
    /// The operator's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The operator's address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The authorised representative's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub representative: Option<String>,
    /// E-mail address (this or `telephone` is needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number (this or `email` is needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telephone: Option<String>,
}

/// One qualifying parameter of the good, as the user gives it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct QualifyingParameter {
    /// The parameter, as the template names it (`Steel mill identification number`, `% Mn`,
    /// `t scrap per t steel` …).
    pub name: String,
    /// Its value, as text.
    pub value: String,
}

/// The carbon price due in the country of production.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CarbonPrice {
    /// The type of instrument (`emissions trading system`, `carbon tax` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instrument: Option<String>,
    /// The legal act or scheme, when named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_act: Option<String>,
    /// The currency, ISO 4217 (`CNY`, `EUR` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The carbon price due per tonne of the good, in `currency` (zero or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_per_t: Option<f64>,
    /// Share of the good's total embedded emissions the carbon price covers, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_covered: Option<f64>,
    /// A rebate or other compensation of the carbon price, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rebate: Option<Rebate>,
    /// Notes (what the price covers, evidence of payment …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A rebate of the carbon price.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rebate {
    /// The type of rebate (free allocation, compensation …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The rebate per tonne of the good, in the carbon price's currency (zero or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_per_t: Option<f64>,
    /// Share of the good's embedded emissions the rebate covers, 0–1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_covered: Option<f64>,
}

/// The verifier of the emissions data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CbamVerifier {
    /// The verifier's company name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The Member State of its accreditation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accreditation_member_state: Option<String>,
    /// The national accreditation body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accreditation_body: Option<String>,
    /// The registration number issued by the accreditation body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub registration_number: Option<String>,
}

/// A number that must be finite and within `lo..=hi` when given.
fn in_range(v: Option<f64>, path: &str, lo: f64, hi: f64, what: &str) -> Result<()> {
    match v {
        Some(x) if !(x.is_finite() && (lo..=hi).contains(&x)) => {
            Err(Error::invalid(path, format!("{x} is not {what}")))
        }
        _ => Ok(()),
    }
}

impl CbamMeta {
    /// Trims every text (blank is an error) and checks the numbers and codes when given.
    fn checked(&mut self) -> Result<()> {
        for (v, p) in [
            (
                &mut self.aggregated_goods_category,
                "$meta.cbam.aggregated_goods_category",
            ),
            (&mut self.data_quality, "$meta.cbam.data_quality"),
            (
                &mut self.default_values_justification,
                "$meta.cbam.default_values_justification",
            ),
            (&mut self.quality_assurance, "$meta.cbam.quality_assurance"),
            (
                &mut self.additional_information,
                "$meta.cbam.additional_information",
            ),
        ] {
            tidy(v, p)?;
        }
        if let Some(i) = self.installation.as_mut() {
            for (v, p) in [
                (
                    &mut i.installation_id,
                    "$meta.cbam.installation.installation_id",
                ),
                (
                    &mut i.economic_activity,
                    "$meta.cbam.installation.economic_activity",
                ),
                (
                    &mut i.street_address,
                    "$meta.cbam.installation.street_address",
                ),
                (&mut i.postal_code, "$meta.cbam.installation.postal_code"),
                (&mut i.po_box, "$meta.cbam.installation.po_box"),
                (&mut i.city, "$meta.cbam.installation.city"),
                (&mut i.unlocode, "$meta.cbam.installation.unlocode"),
            ] {
                tidy(v, p)?;
            }
            if let Some(code) = &i.unlocode {
                let compact: String = code.chars().filter(|c| *c != ' ').collect();
                let ok = compact.len() == 5
                    && code.chars().filter(|c| *c == ' ').count() <= 1
                    && compact[..2].chars().all(|c| c.is_ascii_uppercase())
                    && compact[2..]
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || ('2'..='9').contains(&c));
                if !ok {
                    return Err(Error::invalid(
                        "$meta.cbam.installation.unlocode",
                        format!("{code:?} is not a UN/LOCODE: two letters of the country and three letters or digits 2-9 (CNSHA, or CN SHA)"),
                    ));
                }
            }
            in_range(
                i.latitude,
                "$meta.cbam.installation.latitude",
                -90.0,
                90.0,
                "within -90 to 90 degrees",
            )?;
            in_range(
                i.longitude,
                "$meta.cbam.installation.longitude",
                -180.0,
                180.0,
                "within -180 to 180 degrees",
            )?;
        }
        if let Some(o) = self.operator.as_mut() {
            for (v, p) in [
                (&mut o.name, "$meta.cbam.operator.name"),
                (&mut o.address, "$meta.cbam.operator.address"),
                (&mut o.representative, "$meta.cbam.operator.representative"),
                (&mut o.email, "$meta.cbam.operator.email"),
                (&mut o.telephone, "$meta.cbam.operator.telephone"),
            ] {
                tidy(v, p)?;
            }
        }
        for (n, q) in self.qualifying_parameters.iter_mut().enumerate() {
            for (v, field) in [(&mut q.name, "name"), (&mut q.value, "value")] {
                let mut o = Some(std::mem::take(v));
                tidy(
                    &mut o,
                    &format!("$meta.cbam.qualifying_parameters[{n}].{field}"),
                )?;
                *v = o.unwrap_or_default();
            }
        }
        if let Some(c) = self.carbon_price.as_mut() {
            for (v, p) in [
                (&mut c.instrument, "$meta.cbam.carbon_price.instrument"),
                (&mut c.legal_act, "$meta.cbam.carbon_price.legal_act"),
                (&mut c.currency, "$meta.cbam.carbon_price.currency"),
                (&mut c.notes, "$meta.cbam.carbon_price.notes"),
            ] {
                tidy(v, p)?;
            }
            if let Some(cur) = &c.currency {
                if !(cur.len() == 3 && cur.chars().all(|x| x.is_ascii_uppercase())) {
                    return Err(Error::invalid(
                        "$meta.cbam.carbon_price.currency",
                        format!("{cur:?} is not an ISO 4217 currency code (three capital letters, CNY, EUR …)"),
                    ));
                }
            }
            in_range(
                c.due_per_t,
                "$meta.cbam.carbon_price.due_per_t",
                0.0,
                f64::MAX,
                "a finite amount of zero or more",
            )?;
            in_range(
                c.share_covered,
                "$meta.cbam.carbon_price.share_covered",
                0.0,
                1.0,
                "a share from 0 to 1",
            )?;
            if let Some(r) = c.rebate.as_mut() {
                tidy(&mut r.kind, "$meta.cbam.carbon_price.rebate.kind")?;
                in_range(
                    r.amount_per_t,
                    "$meta.cbam.carbon_price.rebate.amount_per_t",
                    0.0,
                    f64::MAX,
                    "a finite amount of zero or more",
                )?;
                in_range(
                    r.share_covered,
                    "$meta.cbam.carbon_price.rebate.share_covered",
                    0.0,
                    1.0,
                    "a share from 0 to 1",
                )?;
            }
        }
        if let Some(v) = self.verifier.as_mut() {
            for (t, p) in [
                (&mut v.name, "$meta.cbam.verifier.name"),
                (&mut v.address, "$meta.cbam.verifier.address"),
                (
                    &mut v.accreditation_member_state,
                    "$meta.cbam.verifier.accreditation_member_state",
                ),
                (
                    &mut v.accreditation_body,
                    "$meta.cbam.verifier.accreditation_body",
                ),
                (
                    &mut v.registration_number,
                    "$meta.cbam.verifier.registration_number",
                ),
            ] {
                tidy(t, p)?;
            }
        }
        Ok(())
    }
}

/// A text of the `cbam` section the communication needs.
fn cbam_text(v: &Option<String>, path: &str, why: &str) -> Result<String> {
    text_at(v, path, why)
}

impl Meta {
    /// The `cbam` section, required by the CBAM communication.
    pub fn cbam_required(&self) -> Result<&CbamMeta> {
        self.cbam.as_ref().ok_or_else(|| Error::InvalidDocument {
            path: "$meta.cbam".into(),
            detail: "missing: the CBAM communication needs the installation's address, UN/LOCODE and the coordinates of its main emission source, and the operator's name and contact (the meta's cbam section); give it in the meta JSON (--meta)".into(),
        })
    }
}

impl CbamMeta {
    /// The installation with its street, city, UN/LOCODE and coordinates, required.
    pub fn installation_required(&self) -> Result<CbamInstallationInfo> {
        let Some(i) = &self.installation else {
            return Err(Error::InvalidDocument {
                path: "$meta.cbam.installation".into(),
                detail: "missing: the installation's address, UN/LOCODE and the coordinates of its main emission source; give it in the meta JSON (--meta)".into(),
            });
        };
        let street_address = cbam_text(
            &i.street_address,
            "$meta.cbam.installation.street_address",
            "the installation's street and number (its exact address)",
        )?;
        let city = cbam_text(
            &i.city,
            "$meta.cbam.installation.city",
            "the installation's city",
        )?;
        let unlocode = cbam_text(
            &i.unlocode,
            "$meta.cbam.installation.unlocode",
            "the UN/LOCODE of the installation's location",
        )?;
        let coordinate = |v: Option<f64>, path: &str, what: &str| {
            v.ok_or_else(|| Error::InvalidDocument {
                path: path.into(),
                detail: format!("missing: the {what} of the installation's main emission source, decimal degrees; give it in the meta JSON (--meta)"),
            })
        };
        Ok(CbamInstallationInfo {
            installation_id: i.installation_id.clone(),
            economic_activity: i.economic_activity.clone(),
            street_address,
            postal_code: i.postal_code.clone(),
            po_box: i.po_box.clone(),
            city,
            unlocode,
            latitude: coordinate(i.latitude, "$meta.cbam.installation.latitude", "latitude")?,
            longitude: coordinate(
                i.longitude,
                "$meta.cbam.installation.longitude",
                "longitude",
            )?,
        })
    }

    /// The operator with its name and an e-mail address or telephone number, required.
    pub fn operator_required(&self) -> Result<CbamOperator> {
        let Some(o) = &self.operator else {
            return Err(Error::InvalidDocument {
                path: "$meta.cbam.operator".into(),
                detail: "missing: the operator's name and contact (e-mail or telephone); give it in the meta JSON (--meta)".into(),
            });
        };
        cbam_text(&o.name, "$meta.cbam.operator.name", "the operator's name")?;
        if o.email.is_none() && o.telephone.is_none() {
            return Err(Error::InvalidDocument {
                path: "$meta.cbam.operator.email".into(),
                detail: "missing: an e-mail address or telephone number of the operator's contact; give it in the meta JSON (--meta)".into(),
            });
        }
        Ok(o.clone())
    }
}

/// The installation as the CBAM communication writes it (address, UN/LOCODE and coordinates
/// present).
#[derive(Debug, Clone, PartialEq)]
pub struct CbamInstallationInfo {
    /// Unique identifier, when it has one.
    pub installation_id: Option<String>,
    /// Economic activity.
    pub economic_activity: Option<String>,
    /// Street and number.
    pub street_address: String,
    /// Post code.
    pub postal_code: Option<String>,
    /// P.O. box.
    pub po_box: Option<String>,
    /// City.
    pub city: String,
    /// UN/LOCODE.
    pub unlocode: String,
    /// Latitude of the main emission source.
    pub latitude: f64,
    /// Longitude of the main emission source.
    pub longitude: f64,
}
