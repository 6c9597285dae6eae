//! The line protocol between a chapter's demo example and `cargo workbook demo`.
//!
//! A demo prints ordinary lines, shown as they come, and *records*: lines that start
//! with `@`, whose fields are separated by tabs. The runner turns records into a
//! progress bar while the demo runs and into a chart when it ends:
//!
//! ```text
//! @title    <text>                               a heading above the chart
//! @progress <done> <total> [<what>]              how far the demo is
//! @sample   <series> <integer>                   one measured value → histogram
//! @expect   <series> <integer>                   the value a correct run gives
//! @bar      <group> <label> <number> [<unit>]    one bar → bar chart (group may be empty)
//! @span     <lane> <start ms> <end ms> [<label>] a lane is busy → timeline
//! @mark     <lane> <at ms> <symbol> [<label>]    a point event on a lane → timeline
//! ```
//!
//! For example `println!("@sample\t{name}\t{count}")`.

/// One parsed record.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    Title(String),
    Progress {
        done: u64,
        total: u64,
        what: String,
    },
    Sample {
        series: String,
        value: u64,
    },
    Expect {
        series: String,
        value: u64,
    },
    Bar {
        group: String,
        label: String,
        value: f64,
        unit: String,
    },
    Span {
        lane: String,
        start_ms: f64,
        end_ms: f64,
        label: String,
    },
    Mark {
        lane: String,
        at_ms: f64,
        symbol: String,
        label: String,
    },
}

/// What one line of a demo's output is.
#[derive(Debug, PartialEq)]
pub enum Line {
    /// Plain output: shown as it is.
    Text(String),
    Record(Record),
}

/// Parses one line of a demo's standard output. A line starting with `@` that is not a
/// well-formed record is an error naming the line, so a typo in a demo shows at once.
pub fn parse(line: &str) -> Result<Line, String> {
    let Some(body) = line.strip_prefix('@') else {
        return Ok(Line::Text(line.to_owned()));
    };
    let fields: Vec<&str> = body.split('\t').collect();
    let bad = |why: &str| format!("malformed demo record ({why}): {line:?}");
    let field = |i: usize| fields.get(i).copied().unwrap_or_default().to_owned();
    let int = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.trim().parse::<u64>().ok())
            .ok_or_else(|| bad(&format!("field {i} must be a whole number")))
    };
    let num = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite())
            .ok_or_else(|| bad(&format!("field {i} must be a number")))
    };
    let at_least = |n: usize| {
        if fields.len() > n {
            Ok(())
        } else {
            Err(bad(&format!("needs {n} tab-separated fields")))
        }
    };
    let record = match fields[0] {
        "title" => Record::Title(fields[1..].join(" ")),
        "progress" => {
            at_least(2)?;
            Record::Progress {
                done: int(1)?,
                total: int(2)?,
                what: field(3),
            }
        }
        "sample" => {
            at_least(2)?;
            Record::Sample {
                series: field(1),
                value: int(2)?,
            }
        }
        "expect" => {
            at_least(2)?;
            Record::Expect {
                series: field(1),
                value: int(2)?,
            }
        }
        "bar" => {
            at_least(3)?;
            Record::Bar {
                group: field(1),
                label: field(2),
                value: num(3)?,
                unit: field(4),
            }
        }
        "span" => {
            at_least(3)?;
            Record::Span {
                lane: field(1),
                start_ms: num(2)?,
                end_ms: num(3)?,
                label: field(4),
            }
        }
        "mark" => {
            at_least(3)?;
            Record::Mark {
                lane: field(1),
                at_ms: num(2)?,
                symbol: field(3),
                label: field(4),
            }
        }
        other => return Err(bad(&format!("unknown kind `{other}`"))),
    };
    Ok(Line::Record(record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_pass_through() {
        assert_eq!(
            parse("hello @ there").unwrap(),
            Line::Text("hello @ there".into())
        );
    }

    #[test]
    fn parses_each_kind() {
        assert_eq!(
            parse("@sample\tRacy counter\t1999").unwrap(),
            Line::Record(Record::Sample {
                series: "Racy counter".into(),
                value: 1999
            })
        );
        assert_eq!(
            parse("@progress\t3\t10").unwrap(),
            Line::Record(Record::Progress {
                done: 3,
                total: 10,
                what: String::new()
            })
        );
        assert_eq!(
            parse("@bar\t\tdashmap\t1.5e6\tops/s").unwrap(),
            Line::Record(Record::Bar {
                group: String::new(),
                label: "dashmap".into(),
                value: 1.5e6,
                unit: "ops/s".into()
            })
        );
        assert_eq!(
            parse("@mark\ttask 2\t40\t✗\tdisk full").unwrap(),
            Line::Record(Record::Mark {
                lane: "task 2".into(),
                at_ms: 40.0,
                symbol: "✗".into(),
                label: "disk full".into()
            })
        );
    }

    #[test]
    fn rejects_malformed_records_by_name() {
        let error = parse("@sample\tx\tmany").unwrap_err();
        assert!(
            error.contains("whole number") && error.contains("many"),
            "{error}"
        );
        assert!(parse("@span\tlane\t1").unwrap_err().contains("fields"));
        assert!(parse("@histogram\t1").unwrap_err().contains("unknown kind"));
    }
}
