//! Terminal charts drawn from a demo's records: a histogram per sampled series, a bar
//! chart, and a timeline of lanes. Plain text, readable from the back of the room.

use std::fmt::Write as _;

use super::records::Record;

/// The widest bar, in characters.
const BAR_WIDTH: usize = 40;
/// The width of a timeline, in characters.
const TIMELINE_WIDTH: usize = 50;
/// About how many value ranges a histogram has.
const BINS: u64 = 8;

/// Everything a demo reported, in the order it reported it.
#[derive(Default)]
pub struct Charts {
    title: Option<String>,
    series: Vec<Series>,
    bars: Vec<Bar>,
    lanes: Vec<Lane>,
}

struct Series {
    name: String,
    samples: Vec<u64>,
    expected: Option<u64>,
}

struct Bar {
    group: String,
    label: String,
    value: f64,
    unit: String,
}

struct Lane {
    name: String,
    spans: Vec<(f64, f64)>,
    marks: Vec<(f64, char)>,
    labels: Vec<String>,
}

impl Charts {
    /// Takes in one record (progress records are not charted).
    pub fn add(&mut self, record: Record) {
        match record {
            Record::Title(title) => self.title = Some(title),
            Record::Progress { .. } => {}
            Record::Sample { series, value } => self.series_named(&series).samples.push(value),
            Record::Expect { series, value } => self.series_named(&series).expected = Some(value),
            Record::Bar {
                group,
                label,
                value,
                unit,
            } => self.bars.push(Bar {
                group,
                label,
                value,
                unit,
            }),
            Record::Span {
                lane,
                start_ms,
                end_ms,
                label,
            } => {
                let lane = self.lane_named(&lane);
                lane.spans
                    .push((start_ms.min(end_ms), start_ms.max(end_ms)));
                if !label.is_empty() {
                    lane.labels.push(label);
                }
            }
            Record::Mark {
                lane,
                at_ms,
                symbol,
                label,
            } => {
                let lane = self.lane_named(&lane);
                lane.marks
                    .push((at_ms, symbol.chars().next().unwrap_or('●')));
                if !label.is_empty() {
                    lane.labels.push(label);
                }
            }
        }
    }

    /// Whether there is anything to draw.
    pub fn is_empty(&self) -> bool {
        self.series.is_empty() && self.bars.is_empty() && self.lanes.is_empty()
    }

    fn series_named(&mut self, name: &str) -> &mut Series {
        if let Some(at) = self.series.iter().position(|s| s.name == name) {
            return &mut self.series[at];
        }
        self.series.push(Series {
            name: name.to_owned(),
            samples: Vec::new(),
            expected: None,
        });
        self.series.last_mut().expect("just pushed")
    }

    fn lane_named(&mut self, name: &str) -> &mut Lane {
        if let Some(at) = self.lanes.iter().position(|l| l.name == name) {
            return &mut self.lanes[at];
        }
        self.lanes.push(Lane {
            name: name.to_owned(),
            spans: Vec::new(),
            marks: Vec::new(),
            labels: Vec::new(),
        });
        self.lanes.last_mut().expect("just pushed")
    }

    /// Draws every chart that has data, under the title.
    pub fn render(&self) -> String {
        let mut out = String::new();
        if let Some(title) = &self.title {
            let _ = writeln!(out, "{title}\n");
        }
        if !self.series.is_empty() {
            out.push_str(&self.histograms());
        }
        if !self.bars.is_empty() {
            out.push_str(&self.bar_chart());
        }
        if !self.lanes.is_empty() {
            out.push_str(&self.timeline());
        }
        out
    }

    // ------------------------------------------------------------ histograms

    /// One histogram per series, sharing value ranges and bar scale so they compare.
    /// The expected value has its own row at the top; the ranges below it show how
    /// far off the other runs were.
    fn histograms(&self) -> String {
        let off: Vec<u64> = self
            .series
            .iter()
            .flat_map(|s| s.samples.iter().filter(move |v| Some(**v) != s.expected))
            .copied()
            .collect();
        let ranges = ranges(&off);
        let counts: Vec<(Vec<usize>, usize)> = self
            .series
            .iter()
            .map(|s| {
                let exact = s.samples.iter().filter(|v| Some(**v) == s.expected).count();
                let mut per_range = vec![0; ranges.len()];
                for value in s.samples.iter().filter(|v| Some(**v) != s.expected) {
                    if let Some(at) = ranges
                        .iter()
                        .position(|(lo, hi)| lo <= value && value <= hi)
                    {
                        per_range[at] += 1;
                    }
                }
                (per_range, exact)
            })
            .collect();
        let tallest = counts
            .iter()
            .flat_map(|(per, exact)| per.iter().copied().chain([*exact]))
            .max()
            .unwrap_or(0);
        let labels: Vec<String> = ranges
            .iter()
            .map(|(lo, hi)| {
                if lo == hi {
                    thousands(*lo)
                } else {
                    format!("{} – {}", thousands(*lo), thousands(*hi))
                }
            })
            .collect();
        let expected_labels: Vec<String> = self
            .series
            .iter()
            .filter_map(|s| s.expected)
            .map(|e| format!("{} (exact)", thousands(e)))
            .collect();
        let label_width = labels
            .iter()
            .chain(&expected_labels)
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (series, (per_range, exact)) in self.series.iter().zip(&counts) {
            let _ = writeln!(out, "{}", series.name);
            let _ = writeln!(out, "  {}", summary(series));
            if let Some(expected) = series.expected {
                let label = format!("{} (exact)", thousands(expected));
                let _ = writeln!(
                    out,
                    "  {label:>label_width$} │{} {exact}",
                    bar(*exact as f64, tallest as f64)
                );
            }
            let has_off = per_range.iter().any(|c| *c > 0);
            if has_off {
                for (at, count) in per_range.iter().enumerate().rev() {
                    let label = &labels[at];
                    let _ = writeln!(
                        out,
                        "  {label:>label_width$} │{} {count}",
                        bar(*count as f64, tallest as f64)
                    );
                }
            }
            out.push('\n');
        }
        out
    }

    // ------------------------------------------------------------ bars

    fn bar_chart(&self) -> String {
        let largest = self.bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
        let label_width = self
            .bars
            .iter()
            .map(|b| b.label.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        let mut group: Option<&str> = None;
        for item in &self.bars {
            if group != Some(item.group.as_str()) {
                if group.is_some() {
                    out.push('\n');
                }
                if !item.group.is_empty() {
                    let _ = writeln!(out, "{}", item.group);
                }
                group = Some(&item.group);
            }
            let _ = writeln!(
                out,
                "  {:<label_width$} │{} {} {}",
                item.label,
                bar(item.value, largest),
                human(item.value),
                item.unit
            );
        }
        out.push('\n');
        out
    }

    // ------------------------------------------------------------ timeline

    fn timeline(&self) -> String {
        let end = self
            .lanes
            .iter()
            .flat_map(|l| {
                l.spans
                    .iter()
                    .map(|(_, e)| *e)
                    .chain(l.marks.iter().map(|(t, _)| *t))
            })
            .fold(0.0_f64, f64::max)
            .max(f64::EPSILON);
        let column = |t: f64| {
            let last = (TIMELINE_WIDTH - 1) as f64;
            ((t.max(0.0) / end) * last).round().min(last) as usize
        };
        let name_width = self
            .lanes
            .iter()
            .map(|l| l.name.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        let right = format!("{} ms", human(end));
        let _ = writeln!(
            out,
            "  {:name_width$}  0 ms{right:>width$}",
            "",
            width = TIMELINE_WIDTH - 4
        );
        for lane in &self.lanes {
            let mut cells = vec![' '; TIMELINE_WIDTH];
            for (start, stop) in &lane.spans {
                for cell in &mut cells[column(*start)..=column(*stop)] {
                    *cell = '━';
                }
            }
            for (at, symbol) in &lane.marks {
                cells[column(*at)] = *symbol;
            }
            let cells: String = cells.into_iter().collect();
            let _ = writeln!(
                out,
                "  {:<name_width$} │{cells}│ {}",
                lane.name,
                lane.labels.join("; ")
            );
        }
        out.push('\n');
        out
    }
}

/// "exact in 3 of 60 runs; the other 57 fell short by 1,204 to 98,311".
fn summary(series: &Series) -> String {
    let runs = series.samples.len();
    let Some(expected) = series.expected else {
        let low = series.samples.iter().min().copied().unwrap_or(0);
        let high = series.samples.iter().max().copied().unwrap_or(0);
        return format!(
            "{runs} runs, from {} to {}",
            thousands(low),
            thousands(high)
        );
    };
    let exact = series.samples.iter().filter(|v| **v == expected).count();
    let short: Vec<u64> = series
        .samples
        .iter()
        .filter(|v| **v < expected)
        .map(|v| expected - v)
        .collect();
    let over = runs - exact - short.len();
    let mut text = format!("exact in {exact} of {runs} runs");
    if let (Some(least), Some(most)) = (short.iter().min(), short.iter().max()) {
        let _ = write!(
            text,
            "; {} fell short by {} to {}",
            short.len(),
            thousands(*least),
            thousands(*most)
        );
    }
    if over > 0 {
        let _ = write!(text, "; {over} went over");
    }
    text
}

/// About `BINS` value ranges of one "nice" width (1, 2 or 5 × 10ⁿ) covering `values`.
fn ranges(values: &[u64]) -> Vec<(u64, u64)> {
    let (Some(low), Some(high)) = (values.iter().min(), values.iter().max()) else {
        return Vec::new();
    };
    let span = high - low + 1;
    let width = nice_at_least(span.div_ceil(BINS).max(1));
    let start = low / width * width;
    let mut out = Vec::new();
    let mut lo = start;
    while lo <= *high {
        out.push((lo, lo + width - 1));
        lo += width;
    }
    out
}

/// The smallest of 1, 2, 5, 10, 20, 50, … that is at least `n`.
fn nice_at_least(n: u64) -> u64 {
    let mut decade = 1;
    loop {
        for step in [1, 2, 5] {
            if step * decade >= n {
                return step * decade;
            }
        }
        decade *= 10;
    }
}

/// A bar of up to `BAR_WIDTH` characters for `value` out of `largest`, in eighths.
fn bar(value: f64, largest: f64) -> String {
    if largest <= 0.0 || value <= 0.0 {
        return String::new();
    }
    let eighths = ((value / largest) * (BAR_WIDTH * 8) as f64)
        .round()
        .max(1.0) as usize;
    let mut text = "█".repeat(eighths / 8);
    let rest = eighths % 8;
    if rest > 0 {
        text.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉'][rest - 1]);
    }
    text
}

/// 1234567 → "1,234,567".
pub fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// 12_300_000 → "12.3 M"; small numbers keep up to two decimals.
pub fn human(value: f64) -> String {
    let (scaled, suffix) = match value.abs() {
        v if v >= 1e9 => (value / 1e9, " G"),
        v if v >= 1e6 => (value / 1e6, " M"),
        v if v >= 1e4 => (value / 1e3, " k"),
        _ => (value, ""),
    };
    let text = if scaled.fract() == 0.0 || scaled.abs() >= 100.0 {
        format!("{scaled:.0}")
    } else if scaled.abs() >= 10.0 {
        format!("{scaled:.1}")
    } else {
        format!("{scaled:.2}")
    };
    format!("{text}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::records::{Line, parse};

    fn charts(lines: &[&str]) -> Charts {
        let mut charts = Charts::default();
        for line in lines {
            if let Line::Record(record) = parse(line).unwrap() {
                charts.add(record);
            }
        }
        charts
    }

    #[test]
    fn histogram_puts_exact_runs_on_top_and_lost_updates_below() {
        let drawn = charts(&[
            "@expect\tracy\t200",
            "@sample\tracy\t150",
            "@sample\tracy\t155",
            "@sample\tracy\t190",
            "@expect\tfixed\t200",
            "@sample\tfixed\t200",
            "@sample\tfixed\t200",
        ])
        .render();
        let racy = drawn.split("fixed").next().unwrap();
        assert!(
            racy.contains("exact in 0 of 3 runs; 3 fell short by 10 to 50"),
            "{drawn}"
        );
        assert!(racy.contains("150 – 159 │██"), "{drawn}");
        let fixed = drawn.split("fixed").nth(1).unwrap();
        assert!(fixed.contains("exact in 2 of 2 runs"), "{drawn}");
        assert!(fixed.contains("200 (exact) │████"), "{drawn}");
        assert!(
            !fixed.contains("150 –"),
            "a series with no misses shows only its exact row"
        );
    }

    #[test]
    fn ranges_have_a_nice_width_and_cover_every_value() {
        let values = [1_000_123, 1_999_999, 1_500_000];
        let ranges = ranges(&values);
        let width = ranges[0].1 - ranges[0].0 + 1;
        assert_eq!(width, 200_000);
        assert!(ranges.len() <= BINS as usize + 1);
        for v in values {
            assert!(ranges.iter().any(|(lo, hi)| *lo <= v && v <= *hi));
        }
    }

    #[test]
    fn bar_chart_scales_to_the_largest_value_and_keeps_groups() {
        let drawn = charts(&[
            "@bar\tread-heavy\tMutex<HashMap>\t1000000\tops/s",
            "@bar\tread-heavy\tdashmap\t4000000\tops/s",
            "@bar\twrite-heavy\tdashmap\t2000000\tops/s",
        ])
        .render();
        assert!(drawn.contains("read-heavy\n"), "{drawn}");
        assert!(drawn.contains("write-heavy\n"), "{drawn}");
        let full = "█".repeat(BAR_WIDTH);
        assert!(
            drawn.contains(&format!("dashmap        │{full} 4 M ops/s")),
            "{drawn}"
        );
        assert!(
            drawn.contains(&format!("│{} 1 M ops/s", "█".repeat(BAR_WIDTH / 4))),
            "{drawn}"
        );
    }

    #[test]
    fn timeline_draws_spans_and_marks_on_one_time_axis() {
        let drawn = charts(&[
            "@span\tcaller 1\t0\t100\twaited",
            "@span\texecution\t0\t100\t1 execution",
            "@mark\ttask 2\t50\t✗\terror",
        ])
        .render();
        let lines: Vec<&str> = drawn.lines().collect();
        assert!(lines[0].trim_end().ends_with("100 ms"), "{drawn}");
        assert!(lines[1].contains(&format!("│{}│ waited", "━".repeat(TIMELINE_WIDTH))));
        let task = lines.iter().find(|l| l.contains("task 2")).unwrap();
        let cells: String = task.split('│').nth(1).unwrap().to_owned();
        assert_eq!(cells.chars().position(|c| c == '✗'), Some(25), "{drawn}");
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(human(12_300_000.0), "12.3 M");
        assert_eq!(human(2_000_000.0), "2 M");
        assert_eq!(human(0.25), "0.25");
        assert_eq!(bar(1.0, 2.0).chars().count(), BAR_WIDTH / 2);
    }
}
