//! Benchmark charts for the book: the maps chapter's criterion results, drawn as one SVG
//! per workload (throughput against threads, a line per map).
//!
//! Input: what `cargo bench -p maps-solution --bench maps` leaves in `target/criterion`:
//! for every benchmark a `new/benchmark.json` (its group, map and thread count) and a
//! `new/estimates.json` (nanoseconds per operation), plus `maps-machine.txt`, the machine
//! the benchmark ran on. Output: `book/maps/chart-<workload>.svg`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use plotters::prelude::*;
use serde_json::Value;

/// The criterion group prefix of the maps benchmark (`maps/<workload>`).
const GROUP_PREFIX: &str = "maps/";

/// The maps in the order of the chapter's tables, each with the colour it has in every
/// chart. A map not listed here is drawn in grey after them.
const MAPS: [(&str, RGBColor); 7] = [
    ("Mutex<HashMap>", RGBColor(0x99, 0x99, 0x99)),
    ("RwLock<HashMap>", RGBColor(0x44, 0x44, 0x44)),
    ("ShardedMap", RGBColor(0xD6, 0x27, 0x28)),
    ("ReadMostlyMap", RGBColor(0x1F, 0x77, 0xB4)),
    ("dashmap", RGBColor(0xFF, 0x7F, 0x0E)),
    ("papaya", RGBColor(0x2C, 0xA0, 0x2C)),
    ("scc", RGBColor(0x94, 0x67, 0xBD)),
];

/// The chart order of the workloads; others follow in name order.
const WORKLOADS: [&str; 7] = [
    "ReadHeavy",
    "Exchange",
    "RapidGrow",
    "LoadMostlyHits",
    "LoadOrStoreUnique",
    "HotKey",
    "Zipf",
];

/// Throughput in millions of operations per second, by workload, map and thread count.
type Results = BTreeMap<String, BTreeMap<String, BTreeMap<u32, f64>>>;

/// Renders one chart per workload found under `target/criterion` into `book/maps/`, and
/// returns the files written. Fails with a readable message when there are no results
/// (run the benchmark first) or a result cannot be read.
pub fn render_maps_charts(workspace_root: &Path) -> Result<Vec<PathBuf>, String> {
    let criterion = workspace_root.join("target").join("criterion");
    let results = read_results(&criterion)?;
    if results.is_empty() {
        return Err(format!(
            "no maps results under {}: run `cargo bench -p maps-solution --bench maps` first",
            criterion.display()
        ));
    }
    let machine = fs::read_to_string(criterion.join("maps-machine.txt"))
        .map(|text| text.trim().to_owned())
        .unwrap_or_else(|_| "an unrecorded machine".to_owned());
    let out_dir = workspace_root.join("book").join("maps");
    fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;

    let mut workloads: Vec<&String> = results.keys().collect();
    workloads.sort_by_key(|name| {
        let known = WORKLOADS.iter().position(|known| known == name);
        (known.unwrap_or(WORKLOADS.len()), name.to_string())
    });
    let mut written = Vec::new();
    for workload in workloads {
        let path = out_dir.join(format!("chart-{}.svg", workload.to_lowercase()));
        draw(&path, workload, &results[workload], &machine)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Collects every maps benchmark under `criterion`.
fn read_results(criterion: &Path) -> Result<Results, String> {
    let mut results = Results::new();
    let mut pending = vec![criterion.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue; // no results yet, or not a directory
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .file_name()
                .is_some_and(|name| name == "benchmark.json")
                && path.parent().is_some_and(|dir| dir.ends_with("new"))
                && let Some((workload, map, threads, mops)) = read_one(&path)?
            {
                let per_map = results.entry(workload).or_default();
                per_map.entry(map).or_default().insert(threads, mops);
            }
        }
    }
    Ok(results)
}

/// One benchmark: `(workload, map, threads, Mop/s)`, or `None` if it is not a maps one.
fn read_one(benchmark: &Path) -> Result<Option<(String, String, u32, f64)>, String> {
    let id = read_json(benchmark)?;
    let text = |field: &str| id.get(field).and_then(Value::as_str).map(str::to_owned);
    let Some(workload) =
        text("group_id").and_then(|g| g.strip_prefix(GROUP_PREFIX).map(str::to_owned))
    else {
        return Ok(None);
    };
    let map =
        text("function_id").ok_or_else(|| format!("{}: no function_id", benchmark.display()))?;
    let threads: u32 = text("value_str")
        .and_then(|value| value.parse().ok())
        .ok_or_else(|| format!("{}: the value is not a thread count", benchmark.display()))?;
    let estimates = read_json(&benchmark.with_file_name("estimates.json"))?;
    // The slope of time against iterations is criterion's best estimate when it sampled
    // linearly; the mean otherwise. Either is nanoseconds per iteration, one operation.
    let nanos = ["slope", "mean"]
        .iter()
        .find_map(|statistic| estimates.get(statistic)?.get("point_estimate")?.as_f64())
        .ok_or_else(|| format!("{}: no estimate", benchmark.display()))?;
    Ok(Some((workload, map, threads, 1e3 / nanos)))
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The chart of one workload: throughput against threads, one line per map.
fn draw(
    path: &Path,
    workload: &str,
    per_map: &BTreeMap<String, BTreeMap<u32, f64>>,
    machine: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    let max_threads = per_map
        .values()
        .flat_map(|points| points.keys())
        .copied()
        .max()
        .unwrap_or(1);
    let max_mops = per_map
        .values()
        .flat_map(|points| points.values())
        .copied()
        .fold(0.0, f64::max);

    let root = SVGBackend::new(path, (800, 420)).into_drawing_area();
    root.fill(&WHITE)?;
    let root = root.titled(
        &format!("{workload}: throughput against threads, measured on {machine}"),
        ("sans-serif", 17),
    )?;
    let (plot, legend) = root.split_horizontally(620);
    let mut chart = ChartBuilder::on(&plot)
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(56)
        .build_cartesian_2d(0.75_f64..max_threads as f64 + 0.25, 0.0..max_mops * 1.1)?;
    chart
        .configure_mesh()
        .x_desc("threads")
        .y_desc("million operations per second")
        .x_labels(max_threads as usize + 1)
        .x_label_formatter(&|x| {
            if x.fract() == 0.0 && *x >= 1.0 {
                format!("{x:.0}")
            } else {
                String::new()
            }
        })
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .draw()?;

    // The legend sits beside the plot, so that it never hides a line.
    let mut maps: Vec<&String> = per_map.keys().collect();
    maps.sort_by_key(|name| {
        MAPS.iter()
            .position(|(known, _)| known == name)
            .unwrap_or(MAPS.len())
    });
    for (row, map) in maps.into_iter().enumerate() {
        let colour = MAPS
            .iter()
            .find(|(known, _)| known == map)
            .map_or(RGBColor(0xBB, 0xBB, 0xBB), |(_, colour)| *colour);
        let points: Vec<(f64, f64)> = per_map[map]
            .iter()
            .map(|(&t, &mops)| (f64::from(t), mops))
            .collect();
        let style = ShapeStyle::from(&colour).stroke_width(2);
        chart.draw_series(LineSeries::new(points.clone(), style))?;
        chart.draw_series(
            points
                .into_iter()
                .map(|point| Circle::new(point, 3, colour.filled())),
        )?;
        let y = 40 + 24 * row as i32;
        legend.draw(&PathElement::new(vec![(8, y), (32, y)], style))?;
        legend.draw(&Text::new(
            map.as_str(),
            (40, y - 7),
            ("sans-serif", 14).into_font(),
        ))?;
    }
    root.present()?;
    Ok(())
}
