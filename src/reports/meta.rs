//! The meta JSON of a report (`pcf report --meta META.json`, the JS `options.meta`): what a
//! document needs and the result does not know — the manufacturer, the plant, the EU
//! declaration of conformity, the public study, the performance class the user was given, a
//! date. Every key is optional in the file; each kind says which it needs
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
