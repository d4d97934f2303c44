//! The filters of `GET /3/footprints` (and of a `RequestCreatedEvent`'s data), PACT v3
//! "Filtering": within one criterion the values are alternatives (OR), across criteria all
//! must hold (AND). Text criteria compare case-insensitively. A value that matches nothing
//! (an id that is not a URN, an unknown status) gives an empty list, never an error; only a
//! date that is not a date, or a bad `limit`/`offset`, is a 400 naming the parameter.
//!
//! The validity period of a footprint is `validityPeriodStart` … `validityPeriodEnd`, or, when
//! it states none, `pcf.referencePeriodEnd` … three years later (data model, "validity
//! period").

use serde_json::Value;

/// The most footprints one page holds; a larger `limit` is served in pages of this size
/// (each with its `Link`).
pub const MAX_PAGE: usize = 100;

/// The filter criteria: each list empty when the criterion is not given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// `productId`: any of the footprint's `productIds`.
    pub product_ids: Vec<String>,
    /// `companyId`: any of its `companyIds`.
    pub company_ids: Vec<String>,
    /// `geography`: its region, country or country subdivision (a country also matches its
    /// subdivisions, `FR` matches `FR-75`).
    pub geographies: Vec<String>,
    /// `classification`: any of its `productClassifications`.
    pub classifications: Vec<String>,
    /// `validOn`: start ≤ d ≤ end (seconds since the epoch).
    pub valid_on: Option<i64>,
    /// `validAfter`: start > d.
    pub valid_after: Option<i64>,
    /// `validBefore`: end < d.
    pub valid_before: Option<i64>,
    /// `status`: `Active` or `Deprecated` (any other value matches nothing).
    pub statuses: Vec<String>,
}

/// A parsed `GET /3/footprints` query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    /// The criteria.
    pub filter: Filter,
    /// `limit`, if given (at least 1).
    pub limit: Option<usize>,
    /// `offset`: how many matching footprints to skip (pcf's pagination links).
    pub offset: usize,
    /// The query's pairs but `limit` and `offset`, as given: the next page's link repeats
    /// them.
    pub pairs: Vec<(String, String)>,
}

/// A parameter that cannot be read: its name and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BadParameter {
    /// The parameter's name as the spec spells it (`validOn`, `limit`).
    pub name: &'static str,
    /// What is wrong.
    pub message: String,
}

/// A date-time filter value: RFC 3339 (with or without fractions of a second), also with
/// a space where `+` was (a `+00:00` sent unencoded arrives as a space), without seconds
/// (`2025-04-01T00:00Z`, the spec's own example), or a date alone (midnight UTC).
pub fn parse_instant(value: &str) -> Option<i64> {
    let v = value.trim_start().replace(' ', "+");
    if let Some(s) = pcf::pact::parse_date_time(&v) {
        return Some(s);
    }
    if let Some(days) = pcf::pact::parse_date(&v) {
        return Some(days * 86_400);
    }
    // `YYYY-MM-DDTHH:MM` then a zone: insert the seconds.
    let b = v.as_bytes();
    if b.len() > 16 && b.get(13) == Some(&b':') && b.get(16) != Some(&b':') {
        let with = format!("{}:00{}", v.get(..16)?, v.get(16..)?);
        return pcf::pact::parse_date_time(&with);
    }
    None
}

fn instant(name: &'static str, value: &str) -> Result<i64, BadParameter> {
    parse_instant(value).ok_or_else(|| BadParameter {
        name,
        message: format!(
            "{name} must be an RFC 3339 date-time such as 2025-01-01T00:00:00Z, got `{value}`"
        ),
    })
}

impl ListQuery {
    /// Reads a raw query string (without `?`). Parameter names are matched without regard
    /// to case (the spec's own example writes `productid`); unknown ones, such as a host's
    /// `x-…` extensions, are ignored.
    pub fn parse(query: &str) -> Result<ListQuery, BadParameter> {
        let mut q = ListQuery::default();
        for (k, v) in form_urlencoded::parse(query.as_bytes()) {
            let (k, v) = (k.into_owned(), v.into_owned());
            let f = &mut q.filter;
            match k.to_ascii_lowercase().as_str() {
                "limit" => {
                    let n: usize = v.trim().parse().map_err(|_| BadParameter {
                        name: "limit",
                        message: format!("limit must be a whole number of footprints, got `{v}`"),
                    })?;
                    if n == 0 {
                        return Err(BadParameter {
                            name: "limit",
                            message: "limit must be at least 1".into(),
                        });
                    }
                    q.limit = Some(n);
                    continue;
                }
                "offset" => {
                    q.offset = v.trim().parse().map_err(|_| BadParameter {
                        name: "offset",
                        message: format!("offset must be a whole number, got `{v}`"),
                    })?;
                    continue;
                }
                "productid" => f.product_ids.push(v.clone()),
                "companyid" => f.company_ids.push(v.clone()),
                "geography" => f.geographies.push(v.clone()),
                "classification" => f.classifications.push(v.clone()),
                "validon" => f.valid_on = Some(instant("validOn", &v)?),
                "validafter" => f.valid_after = Some(instant("validAfter", &v)?),
                "validbefore" => f.valid_before = Some(instant("validBefore", &v)?),
                "status" => f.statuses.push(v.clone()),
                _ => {}
            }
            q.pairs.push((k, v));
        }
        Ok(q)
    }

    /// The query of the page after `next_offset`: the same criteria and limit.
    pub fn next_query(&self, next_offset: usize, page: usize) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.pairs {
            s.append_pair(k, v);
        }
        s.append_pair("limit", &page.to_string());
        s.append_pair("offset", &next_offset.to_string());
        s.finish()
    }
}

fn texts<'a>(v: &'a Value, pointer: &str) -> Vec<&'a str> {
    match v.pointer(pointer) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        Some(Value::String(s)) => vec![s.as_str()],
        _ => Vec::new(),
    }
}

fn any_equal(wanted: &[String], have: &[&str]) -> bool {
    wanted
        .iter()
        .any(|w| have.iter().any(|h| h.to_lowercase() == w.to_lowercase()))
}

/// A footprint's validity period in seconds since the epoch, if it states one or a reference
/// period end.
pub fn validity(fp: &Value) -> Option<(i64, i64)> {
    let at = |p: &str| {
        fp.pointer(p)
            .and_then(Value::as_str)
            .and_then(pcf::pact::parse_date_time)
    };
    match (at("/validityPeriodStart"), at("/validityPeriodEnd")) {
        (Some(s), Some(e)) => Some((s, e)),
        _ => {
            let end = at("/pcf/referencePeriodEnd")?;
            let later = pcf::pact::parse_date_time(&pcf::pact::add_years(end, 3))?;
            Some((end, later))
        }
    }
}

impl Filter {
    /// Whether the footprint meets every criterion.
    pub fn matches(&self, fp: &Value) -> bool {
        if !self.product_ids.is_empty() && !any_equal(&self.product_ids, &texts(fp, "/productIds"))
        {
            return false;
        }
        if !self.company_ids.is_empty() && !any_equal(&self.company_ids, &texts(fp, "/companyIds"))
        {
            return false;
        }
        if !self.classifications.is_empty()
            && !any_equal(&self.classifications, &texts(fp, "/productClassifications"))
        {
            return false;
        }
        if !self.statuses.is_empty() && !any_equal(&self.statuses, &texts(fp, "/status")) {
            return false;
        }
        if !self.geographies.is_empty() {
            let mut have: Vec<String> = Vec::new();
            for p in [
                "/pcf/geographyRegionOrSubregion",
                "/pcf/geographyCountry",
                "/pcf/geographyCountrySubdivision",
            ] {
                have.extend(texts(fp, p).into_iter().map(str::to_lowercase));
            }
            // A subdivision (`FR-75`) is within its country.
            for s in texts(fp, "/pcf/geographyCountrySubdivision") {
                if let Some((country, _)) = s.split_once('-') {
                    have.push(country.to_lowercase());
                }
            }
            if !self
                .geographies
                .iter()
                .any(|g| have.contains(&g.to_lowercase()))
            {
                return false;
            }
        }
        if self.valid_on.is_some() || self.valid_after.is_some() || self.valid_before.is_some() {
            let Some((start, end)) = validity(fp) else {
                return false;
            };
            if self.valid_on.is_some_and(|d| !(start <= d && d <= end))
                || self.valid_after.is_some_and(|d| start <= d)
                || self.valid_before.is_some_and(|d| end >= d)
            {
                return false;
            }
        }
        true
    }

    /// The criteria of a `RequestCreatedEvent`'s `data` (`productId`, `companyId`, `geography`,
    /// `classification`: lists of strings; `validOn`, `validAfter`, `validBefore`: date-times;
    /// `status`); other members are ignored. An error names the member (`$.data.validOn`).
    pub fn from_event_data(data: &Value) -> Result<Filter, (String, String)> {
        let mut f = Filter::default();
        let list = |key: &str| -> Result<Vec<String>, (String, String)> {
            match data.get(key) {
                None | Some(Value::Null) => Ok(Vec::new()),
                Some(Value::String(s)) => Ok(vec![s.clone()]),
                Some(Value::Array(a)) => a
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        v.as_str().map(str::to_owned).ok_or_else(|| {
                            (format!("$.data.{key}[{i}]"), "expected a string".to_owned())
                        })
                    })
                    .collect(),
                Some(_) => Err((format!("$.data.{key}"), "expected a list of strings".into())),
            }
        };
        f.product_ids = list("productId")?;
        f.company_ids = list("companyId")?;
        f.geographies = list("geography")?;
        f.classifications = list("classification")?;
        f.statuses = list("status")?;
        let date = |key: &'static str| -> Result<Option<i64>, (String, String)> {
            match data.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => parse_instant(s).map(Some).ok_or_else(|| {
                    (
                        format!("$.data.{key}"),
                        format!("expected an RFC 3339 date-time, got `{s}`"),
                    )
                }),
                Some(_) => Err((
                    format!("$.data.{key}"),
                    "expected a date-time string".into(),
                )),
            }
        };
        f.valid_on = date("validOn")?;
        f.valid_after = date("validAfter")?;
        f.valid_before = date("validBefore")?;
        Ok(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fp() -> Value {
        json!({
            "productIds": ["urn:pcf:test:Coil-1"],
            "companyIds": ["urn:pcf:test:acme"],
            "productClassifications": ["urn:pact:productclassification:un-cpc:4121"],
            "status": "Active",
            "validityPeriodStart": "2025-01-01T00:00:00Z",
            "validityPeriodEnd": "2026-12-31T00:00:00Z",
            "pcf": {"geographyCountrySubdivision": "FR-75", "referencePeriodEnd": "2024-12-31T00:00:00Z"}
        })
    }

    fn q(s: &str) -> Filter {
        ListQuery::parse(s).unwrap().filter
    }

    #[test]
    fn each_criterion_ors_its_values_and_ands_the_others() {
        let f = fp();
        assert!(q("productid=URN:PCF:TEST:coil-1").matches(&f));
        assert!(q("companyId=x&companyId=urn:pcf:test:acme&companyId=y").matches(&f));
        assert!(!q("companyId=x&companyId=y").matches(&f));
        assert!(q("geography=FR").matches(&f) && q("geography=fr-75").matches(&f));
        assert!(!q("geography=XX").matches(&f));
        assert!(q("status=active&productId=urn:pcf:test:coil-1").matches(&f));
        assert!(!q("status=BogusStatus&productId=urn:pcf:test:coil-1").matches(&f));
        assert!(q("classification=urn:pact:productclassification:un-cpc:4121").matches(&f));
        assert!(q("validOn=2025-01-01T00:00:00.000Z").matches(&f));
        assert!(!q("validOn=1900-01-01T00:00:00Z").matches(&f));
        assert!(q("validAfter=2024-12-31T00:00:00Z").matches(&f));
        assert!(!q("validAfter=2025-01-01T00:00:00Z").matches(&f));
        assert!(q("validBefore=2027-01-01T00:00:00Z").matches(&f));
        assert!(!q("validBefore=2026-12-31T00:00:00Z").matches(&f));
        // `+00:00` sent unencoded arrives as a space.
        assert!(q("validOn=2025-06-01T00:00:00+00:00").matches(&f));
        assert!(q("validOn=2025-06-01T00:00Z").matches(&f));
    }

    #[test]
    fn without_a_validity_period_the_reference_period_end_and_three_years_count() {
        let mut f = fp();
        if let Some(o) = f.as_object_mut() {
            o.remove("validityPeriodStart");
            o.remove("validityPeriodEnd");
        }
        assert!(q("validOn=2027-12-30T00:00:00Z").matches(&f));
        assert!(!q("validOn=2028-01-01T00:00:00Z").matches(&f));
    }

    #[test]
    fn bad_dates_and_limits_name_the_parameter() {
        for (s, name) in [
            ("validOn=yesterday", "validOn"),
            ("validBefore=2025-13-01T00:00:00Z", "validBefore"),
            ("limit=ten", "limit"),
            ("limit=0", "limit"),
            ("offset=-1", "offset"),
        ] {
            assert_eq!(
                ListQuery::parse(s).map(|_| ()).unwrap_err().name,
                name,
                "{s}"
            );
        }
    }

    #[test]
    fn the_next_page_keeps_the_criteria() {
        let l = ListQuery::parse("geography=FR&limit=1&x-acme-invoice=7").unwrap();
        assert_eq!(
            l.next_query(1, 1),
            "geography=FR&x-acme-invoice=7&limit=1&offset=1"
        );
    }
}
