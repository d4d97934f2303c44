//! The Chinese text of every error ([`Error::message_zh`]), next to the English one (the
//! `Display` of [`Error`]): the same facts (the unit, the id, the value, the line and column,
//! the limit) in a Chinese sentence. A detail the core holds only as English text (a serde
//! message, a rule's own sentence) is translated where it has a known form and otherwise kept
//! as written after the Chinese sentence, never dropped.
//!
//! Behind the `messages-zh` feature (on by default and in the `pcf` library): the page's
//! first-load module leaves it out for size, and its worker asks the extras module for the
//! Chinese text of an error the core gave (www/worker.js).

use super::Error;

/// The Chinese message of `e` (see the module's documentation).
pub(super) fn message(e: &Error) -> String {
    match e {
        Error::MalformedJson {
            line,
            column,
            detail,
            ..
        } => format!(
            "JSON 格式错误（第 {line} 行第 {column} 列）：{}",
            serde_detail(detail)
        ),
        Error::InvalidDocument { detail, .. } => {
            format!("文档不符合其模式：{}", serde_detail(detail))
        }
        Error::UnsupportedSchema {
            found, expected, ..
        } => format!("不支持的模式 {found:?}：应为 {expected}"),
        Error::LimitExceeded {
            what, found, limit, ..
        } => format!("{}为 {found}，超过上限 {limit}", what_zh(what)),
        Error::NonFinite { what, value, .. } => {
            format!("{}必须是有限数，实际为 {value}", what_zh(what))
        }
        Error::NegativeAmount { what, value, .. } => {
            format!("{}不得为负数，实际为 {value}", what_zh(what))
        }
        Error::NotPositive { what, value, .. } => {
            format!("{}必须大于零，实际为 {value}", what_zh(what))
        }
        Error::UnknownUnit { unit, hint, .. } => {
            format!("无法识别的单位 {unit:?}{}", hint_zh(hint))
        }
        Error::DimensionMismatch {
            from,
            from_dim,
            to,
            to_dim,
            ..
        } => format!(
            "无法将 {from}（{}）换算为 {to}（{}）",
            dimension_zh(from_dim),
            dimension_zh(to_dim)
        ),
        Error::UnknownFactor { id, hint, .. } => {
            format!("未知的因子编号 {id:?}{}", hint_zh(hint))
        }
        Error::NoMatchingFactor { detail, .. } => {
            format!("该系列中没有与地区和年份相符的因子：{detail}")
        }
        Error::UnknownComponent { id, .. } => format!("未知的组件 {id:?}"),
        Error::DuplicateId { id, first, .. } => {
            format!("编号 {id:?} 重复（首次定义于 {first}）")
        }
        Error::UnknownGas { gas, known, .. } => {
            format!("无法识别的气体 {gas:?}；已知气体：{known}")
        }
        Error::MissingGwp { set, gas, hint, .. } => {
            format!("{set} GWP 版本没有 {gas} 的数值{}", hint_zh(hint))
        }
        Error::ExtrasModule { detail, .. } => {
            format!("这需要页面的扩展模块：{detail}")
        }
        Error::InvalidValue { detail, .. } => format!("此处的数值无效：{}", value_detail(detail)),
        Error::UnsolvableNetwork {
            detail, processes, ..
        } => format!(
            "过程网络无法求解：{detail}（涉及的过程：{}）",
            processes.join("、")
        ),
        Error::FactorConflict {
            id, table, hidden, ..
        } => format!(
            "{table} 中的因子 {id} 在 {hidden} 中已有定义；如要使用它，请明确允许替换（pcf --override，或在 JS 中设置 override: true）"
        ),
        Error::InvalidFactorTable { table, detail, .. } => {
            format!("因子表 {table}：{}", serde_detail(detail))
        }
        Error::ExpiredFootprint { detail, .. } => {
            format!("供应商碳足迹不在其有效期内：{detail}")
        }
        Error::InvalidUtf8 { path, offset } => {
            format!("{path} 不是 UTF-8 文本（偏移 {offset} 处的字节无效）")
        }
        Error::NonFiniteResult { what, .. } => {
            format!("计算结果不是有限数（{}）", what_zh(what))
        }
    }
}

/// What a number or a count is, in Chinese; an unknown one is kept as written.
fn what_zh(what: &str) -> String {
    let known = match what {
        "the amount" | "amount" => "数量",
        "document size in bytes" => "文档大小（字节）",
        "document size in UTF-16 code units (JS string length)" => {
            "文档大小（UTF-16 码元，即 JS 字符串长度）"
        }
        "factor table size in bytes" => "因子表大小（字节）",
        "number of factor rows" => "因子行数",
        "number of lines" | "number of lines (read up to the first over the limit)" => {
            "数据行数"
        }
        "number of components" | "number of components (read up to the first over the limit)" => {
            "组件数"
        }
        "number of JSON elements (array items and object members, read up to the first over the limit)" => {
            "JSON 元素数（数组项与对象成员）"
        }
        "nesting depth" => "嵌套深度",
        "inline factor value" => "行内因子数值",
        "activity level" => "活动水平",
        "process output" => "过程产出",
        "line result" => "数据行结果",
        "garment mass" => "成衣质量",
        "wears per wash" => "每次洗涤的穿着次数",
        "mass of the listed glider and drivetrain materials" => {
            "所列车身、底盘及动力系统材料的质量"
        }
        "standard deviation" => "标准差",
        "threshold" => "阈值",
        "score" => "评分",
        "Monte Carlo runs" => "蒙特卡洛模拟次数",
        "a Monte Carlo total" => "一次蒙特卡洛模拟的总量",
        "timing runs" => "计时运行次数",
        _ => return format!("“{what}”"),
    };
    known.to_string()
}

/// A unit's dimension in Chinese (the names of `units::Dimension::name`).
fn dimension_zh(d: &str) -> &str {
    match d {
        "mass" => "质量",
        "energy" => "能量",
        "volume" => "体积",
        "area" => "面积",
        "length" => "长度",
        "count" => "数量",
        "time" => "时间",
        "mass×distance" => "质量×距离",
        "person×distance" => "人×距离",
        "peak power" => "峰值功率",
        "power" => "功率",
        other => other,
    }
}

/// A hint (`; did you mean "kWh"?`, `; use AR6 …`) in Chinese; empty stays empty.
fn hint_zh(hint: &str) -> String {
    let Some(rest) = hint.strip_prefix("; ") else {
        return hint.to_string();
    };
    if let Some(s) = rest
        .strip_prefix("did you mean ")
        .and_then(|s| s.strip_suffix('?'))
    {
        return format!("；是否应为 {s}？");
    }
    if let Some(s) = rest.strip_prefix("use ") {
        return format!("；请使用 {s}");
    }
    format!("；{rest}")
}

/// The document checks' most common sentences in Chinese (a value outside its set, a stage
/// outside the boundary, a date); any other text as written.
fn value_detail(d: &str) -> String {
    let or = |s: &str| s.replace(" or ", " 或 ");
    if let Some((what, list)) = d.split_once(" must be one of ") {
        return format!("{what} 应为以下之一：{list}");
    }
    for (infix, zh) in [
        (
            " is not one of the boundary's stages (",
            "不是系统边界中的阶段（",
        ),
        (" is not in the system boundary (", "不在系统边界之内（"),
    ] {
        if let Some((what, rest)) = d.split_once(infix) {
            return format!("{what} {zh}{}", rest.replace(')', "）"));
        }
    }
    for (suffix, zh) in [
        (" is not a date YYYY-MM-DD", "不是 YYYY-MM-DD 格式的日期"),
        (
            " is not an RFC 3339 date-time",
            "不是 RFC 3339 格式的日期时间",
        ),
        (
            " is not a date or RFC 3339 date-time",
            "不是日期或 RFC 3339 格式的日期时间",
        ),
        (" must be a share from 0 to 1", "必须是 0 到 1 之间的比例"),
    ] {
        if let Some(what) = d.strip_suffix(suffix) {
            return format!("{what} {zh}");
        }
    }
    match d {
        "the period ends before it starts" => return "期间的结束早于开始".into(),
        "the boundary must list at least one stage" => return "系统边界至少须列出一个阶段".into(),
        "component id must not be empty" | "a component id must not be empty" => {
            return "组件编号不得为空".into()
        }
        _ => {}
    }
    // "gwp_set \"AR7\" must be AR4, AR5 or AR6", "verification status … must be none, pending or verified" …
    if let Some((what, set)) = d.split_once(" must be ") {
        if set.contains(" or ") && !set.contains(", got") {
            return format!("{what} 应为 {}", or(set));
        }
    }
    d.to_string()
}

/// `zh` then `w`, with a space between when `w` starts with a Latin letter, digit or sign.
fn spaced(zh: &str, w: &str) -> String {
    match w.starts_with(|c: char| c.is_ascii()) {
        true => format!("{zh} {w}"),
        false => format!("{zh}{w}"),
    }
}

/// serde's words for the types it found or expected, in Chinese.
fn serde_words(s: &str) -> String {
    let t = s.trim();
    let words: &[(&str, &str)] = &[
        ("a string", "字符串"),
        ("a sequence", "数组"),
        ("a map", "对象"),
        ("a boolean", "布尔值"),
        ("f64", "数字"),
        ("f32", "数字"),
        ("i32", "整数"),
        ("i64", "整数"),
        ("u32", "非负整数"),
        ("u64", "非负整数"),
        ("usize", "非负整数"),
        ("map", "对象"),
        ("sequence", "数组"),
        ("null", "null"),
        ("unit value", "空值"),
    ];
    for (en, zh) in words {
        if t == *en {
            return (*zh).to_string();
        }
    }
    for (en, zh) in [
        ("string ", "字符串 "),
        ("integer ", "整数 "),
        ("floating point ", "数字 "),
        ("boolean ", "布尔值 "),
        ("struct ", "对象 "),
        ("enum ", "枚举 "),
    ] {
        if let Some(rest) = t.strip_prefix(en) {
            return format!("{zh}{rest}");
        }
    }
    t.to_string()
}

/// serde's messages in Chinese where their form is known (`missing field`, `unknown field`,
/// `unknown variant`, `invalid type`, `invalid value`, `invalid length`, `duplicate field`);
/// any other text as written.
fn serde_detail(d: &str) -> String {
    let expected = |s: &str| -> String {
        match s.strip_prefix("one of ") {
            Some(list) => format!("应为以下之一：{}", list.replace(" or ", " 或 ")),
            None => spaced("应为", &serde_words(&s.replace(" or ", " 或 "))),
        }
    };
    if let Some(f) = d.strip_prefix("missing field ") {
        return format!("缺少字段 {f}");
    }
    if let Some(f) = d.strip_prefix("duplicate field ") {
        return format!("字段 {f} 重复");
    }
    for (prefix, zh) in [
        ("unknown field ", "未知字段"),
        ("unknown variant ", "未知取值"),
    ] {
        if let Some(rest) = d.strip_prefix(prefix) {
            return match rest.split_once(", ") {
                Some((name, "there are no fields")) => format!("{zh} {name}，此处不允许任何字段"),
                Some((name, exp)) => match exp.strip_prefix("expected ") {
                    Some(e) => format!("{zh} {name}，{}", expected(e)),
                    None => format!("{zh} {name}，{exp}"),
                },
                None => format!("{zh} {rest}"),
            };
        }
    }
    for (prefix, zh) in [
        ("invalid type: ", "类型无效：给出的是"),
        ("invalid value: ", "取值无效：给出的是"),
        ("invalid length ", "长度无效：给出的长度为"),
    ] {
        if let Some(rest) = d.strip_prefix(prefix) {
            return match rest.rsplit_once(", expected ") {
                Some((got, exp)) => format!("{}，{}", spaced(zh, &serde_words(got)), expected(exp)),
                None => spaced(zh, rest),
            };
        }
    }
    d.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_unit_with_its_suggestion() {
        let e = Error::UnknownUnit {
            path: "$.activities[0].unit".into(),
            unit: "kwhh".into(),
            hint: "; did you mean \"kWh\"?".into(),
        };
        assert_eq!(
            e.message_zh(),
            "无法识别的单位 \"kwhh\"；是否应为 \"kWh\"？"
        );
    }

    #[test]
    fn serde_messages_in_chinese() {
        assert_eq!(
            serde_detail("invalid type: string \"2,400\", expected f64"),
            "类型无效：给出的是字符串 \"2,400\"，应为数字"
        );
        assert_eq!(
            serde_detail("unknown field `format`, expected one of `schema`, `product`"),
            "未知字段 `format`，应为以下之一：`schema`, `product`"
        );
        assert_eq!(serde_detail("missing field `unit`"), "缺少字段 `unit`");
        assert_eq!(
            serde_detail("unknown variant `AR7`, expected `AR5` or `AR6`"),
            "未知取值 `AR7`，应为 `AR5` 或 `AR6`"
        );
        assert_eq!(serde_detail("something else"), "something else");
        assert_eq!(
            serde_detail("invalid type: map, expected a sequence"),
            "类型无效：给出的是对象，应为数组"
        );
        assert_eq!(
            serde_detail("invalid length 0, expected struct Product with 6 elements"),
            "长度无效：给出的长度为 0，应为对象 Product with 6 elements"
        );
    }

    #[test]
    fn common_value_sentences_in_chinese() {
        assert_eq!(
            value_detail("gwp_set \"AR7\" must be AR4, AR5 or AR6"),
            "gwp_set \"AR7\" 应为 AR4, AR5 或 AR6"
        );
        assert_eq!(
            value_detail("stage \"use\" is not in the system boundary (production)"),
            "stage \"use\" 不在系统边界之内（production）"
        );
        assert_eq!(
            value_detail("sector \"aviation\" must be one of battery, ev"),
            "sector \"aviation\" 应为以下之一：battery, ev"
        );
        assert_eq!(
            value_detail("gsd must be at least 1, got 0.5"),
            "gsd must be at least 1, got 0.5"
        );
    }

    #[test]
    fn a_dimension_mismatch_names_both_dimensions() {
        let e = Error::DimensionMismatch {
            path: "$.activities[0].unit".into(),
            from: "kWh".into(),
            from_dim: "energy".into(),
            to: "kg".into(),
            to_dim: "mass".into(),
        };
        assert_eq!(e.message_zh(), "无法将 kWh（能量）换算为 kg（质量）");
        assert_eq!(
            e.report().message_zh.as_deref(),
            Some(e.message_zh().as_str())
        );
    }

    #[test]
    fn an_unknown_what_is_kept_quoted() {
        let e = Error::NegativeAmount {
            path: "$.x".into(),
            what: "some figure".into(),
            value: -1.5,
        };
        assert_eq!(e.message_zh(), "“some figure”不得为负数，实际为 -1.5");
    }
}
