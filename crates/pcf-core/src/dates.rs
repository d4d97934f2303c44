//! Calendar dates and RFC 3339 date-times as day and second counts since 1970-01-01 (UTC,
//! proleptic Gregorian): what reading a document's reference period and a declared footprint's
//! provenance (validity, reference period) needs, and what PACT exchange writes back.

/// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count (inverse of [`days_from_civil`]).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date.
pub fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        let t = s.get(r)?;
        t.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| t.parse::<u32>().ok())?
    };
    let (y, m, d) = (i64::from(num(0..4)?), num(5..7)?, num(8..10)?);
    ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d))
        .then(|| days_from_civil(y, m, d))
}

/// Seconds since 1970-01-01T00:00:00Z of an RFC 3339 date-time
/// (`YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; `T` and `Z` in either case). The fraction is
/// dropped (validity and reference periods are compared to the second).
pub fn parse_date_time(s: &str) -> Option<i64> {
    let days = parse_date(s.get(0..10)?)?;
    let rest = s.get(10..)?;
    let rest = rest.strip_prefix(['T', 't'])?;
    let b = rest.as_bytes();
    if b.len() < 9 || b.get(2) != Some(&b':') || b.get(5) != Some(&b':') {
        return None;
    }
    let two = |t: &str| {
        (t.len() == 2 && t.bytes().all(|c| c.is_ascii_digit()))
            .then(|| t.parse::<i64>().ok())
            .flatten()
    };
    let part = |r: std::ops::Range<usize>| rest.get(r).and_then(two);
    let (h, mi, se) = (part(0..2)?, part(3..5)?, part(6..8)?);
    if h > 23 || mi > 59 || se > 60 {
        return None;
    }
    let mut tail = rest.get(8..)?;
    if let Some(f) = tail.strip_prefix('.') {
        let n = f.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        tail = f.get(n..)?;
    }
    let offset = match tail {
        "Z" | "z" => 0,
        _ => {
            let sign = match tail.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            if tail.len() != 6 || tail.as_bytes().get(3) != Some(&b':') {
                return None;
            }
            let (oh, om) = (two(tail.get(1..3)?)?, two(tail.get(4..6)?)?);
            if oh > 23 || om > 59 {
                return None;
            }
            sign * (oh * 3600 + om * 60)
        }
    };
    Some(days * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// The date-time `YYYY-MM-DDT00:00:00Z` of a day count.
pub fn date_time_of_days(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
}

/// The same instant `years` calendar years later (29 February → 28 February), as
/// `YYYY-MM-DDTHH:MM:SSZ`.
pub fn add_years(seconds: i64, years: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let y2 = y + years;
    let d2 = d.min(days_in_month(y2, m));
    let (y3, m3, d3) = civil_from_days(days_from_civil(y2, m, d2));
    format!(
        "{y3:04}-{m3:02}-{d3:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_reject_impossible_days() {
        assert_eq!(parse_date("1970-01-01"), Some(0));
        assert_eq!(parse_date("2024-02-29"), Some(19_782));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-1-08"), None);
        assert_eq!(date_time_of_days(19_782), "2024-02-29T00:00:00Z");
        assert_eq!(
            parse_date_time("2024-01-01T01:00:00+01:00"),
            Some(19_723 * 86_400)
        );
        assert_eq!(parse_date_time("2023-1-08T14:47:32Z"), None);
        assert_eq!(parse_date_time("2024-01-01T00:00:00"), None);
        assert_eq!(
            add_years(parse_date_time("2024-02-29T12:00:00Z").unwrap_or(0), 3),
            "2027-02-28T12:00:00Z"
        );
    }

    #[test]
    fn malformed_text_never_panics() {
        for s in [
            "2024-01-01T00:00:0é",
            "2024-01-01Té:00:00Z",
            "2024-01-01T00:00:00+0é:00",
            "2024-01-01T00:00:00.",
            "2024-01-01T00:00:00.5+01:0",
            "2024-01-01",
            "é",
            "",
        ] {
            assert_eq!(parse_date_time(s), None, "{s}");
        }
        assert_eq!(parse_date("20é4-01-01"), None);
    }
}
