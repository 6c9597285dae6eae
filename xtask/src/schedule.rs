//! `cargo workbook schedule`: the evening's timings, checked so they cannot drift.
//!
//! Every page listed in `book/SUMMARY.md` carries a budget line right under its title:
//!
//! ```text
//! <p class="budget">⏱ 7 min</p>
//! <p class="budget">⏱ 7 min (+ 30 min exercises)</p>
//! <p class="budget">⏱ 3 min · chapter 30 min (+ 30 min exercises)</p>   (a chapter's first page)
//! ```
//!
//! The minutes are that page's own talking time; a chapter's first page also states
//! the whole chapter's total, which must be the sum of its pages. The introduction's
//! schedule table (between the `<!-- schedule` and `<!-- end of schedule -->` markers)
//! gives each part of the evening a row; a row that links pages must add up to their
//! budgets, the "at" column must add up the rows above it, and the talk must fit a
//! 90–120 minute meetup. Rows without links are parts not written yet, or breaks.

use std::fmt::Write as _;
use std::fs;
use std::ops::RangeInclusive;
use std::path::Path;

/// How long the talk may be, in minutes (the exercises are optional break-out time).
pub const EVENING: RangeInclusive<u32> = 90..=120;

const SCHEDULE_START: &str = "<!-- schedule";
const SCHEDULE_END: &str = "<!-- end of schedule -->";
const INTRODUCTION: &str = "introduction.md";

/// A page's budget line, in minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Budget {
    pub talk: u32,
    pub exercises: u32,
    /// On a chapter's first page: the whole chapter's `(talk, exercises)`.
    pub chapter: Option<(u32, u32)>,
}

/// A page of the book, as `SUMMARY.md` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The page's path under `book/`, as written in the summary.
    pub path: String,
    /// The pages nested under this one (a chapter's sub-pages), by path.
    pub children: Vec<String>,
}

/// Checks the budgets and the schedule, and prints them.
pub fn run(root: &Path) -> Result<(), String> {
    let report = check(&root.join("book"))?;
    print!("{report}");
    Ok(())
}

/// Checks every budget line and the introduction's schedule against them; returns a
/// readable report, or every problem found.
pub fn check(book: &Path) -> Result<String, String> {
    let summary = read(book, "SUMMARY.md")?;
    let pages = summary_pages(&summary);
    let mut problems = Vec::new();
    let mut budgets = Vec::new();
    for page in &pages {
        match read(book, &page.path).and_then(|text| page_budget(&text)) {
            Ok(budget) => budgets.push((page.path.clone(), budget)),
            Err(problem) => problems.push(format!("{}: {problem}", page.path)),
        }
    }
    let budget_of = |path: &str| budgets.iter().find(|(p, _)| p == path).map(|(_, b)| *b);
    // A chapter's first page states the chapter's total: it must add up.
    for page in pages.iter().filter(|p| !p.children.is_empty()) {
        let Some(budget) = budget_of(&page.path) else {
            continue;
        };
        let total = subtree_total(page, &budget_of);
        match budget.chapter {
            Some(stated) if stated == total => {}
            Some(stated) => problems.push(format!(
                "{}: the budget line says `chapter {}`, but its pages add up to `chapter {}`",
                page.path,
                minutes(stated),
                minutes(total)
            )),
            None => problems.push(format!(
                "{}: a chapter's first page states the chapter's total: `⏱ {} min · chapter {}`",
                page.path,
                budget.talk,
                minutes(total)
            )),
        }
    }
    let introduction = read(book, INTRODUCTION)?;
    let rows = match schedule_rows(&introduction) {
        Ok(rows) => rows,
        Err(problem) => {
            problems.push(format!("{INTRODUCTION}: {problem}"));
            Vec::new()
        }
    };
    let mut covered: Vec<String> = Vec::new();
    let mut clock = 0;
    let (mut talk_sum, mut exercise_sum) = (0, 0);
    for row in rows.iter().filter(|r| !r.is_total) {
        if row.at != Some(clock) {
            problems.push(format!(
                "{INTRODUCTION}: the schedule row `{}` starts at {}, not {}",
                row.part,
                row.at.map_or("?".to_owned(), clock_time),
                clock_time(clock)
            ));
        }
        let mut expected = (0, 0);
        for link in &row.links {
            let Some(page) = pages.iter().find(|p| &p.path == link) else {
                problems.push(format!(
                    "{INTRODUCTION}: the schedule links {link}, which is not in SUMMARY.md"
                ));
                continue;
            };
            let (talk, exercises) = subtree_total(page, &budget_of);
            expected = (expected.0 + talk, expected.1 + exercises);
            covered.push(page.path.clone());
            covered.extend(page.children.iter().cloned());
        }
        if !row.links.is_empty() && (row.talk, row.exercises) != expected {
            problems.push(format!(
                "{INTRODUCTION}: the schedule gives `{}` {} (+ {} exercises), but its pages' \
                 budgets add up to {} (+ {} exercises)",
                row.part, row.talk, row.exercises, expected.0, expected.1
            ));
        }
        clock += row.talk;
        talk_sum += row.talk;
        exercise_sum += row.exercises;
    }
    for page in &pages {
        let times = covered.iter().filter(|c| *c == &page.path).count();
        if times != 1 {
            problems.push(format!(
                "{INTRODUCTION}: the schedule covers {} {times} times; link it (or its chapter) \
                 from exactly one row",
                page.path
            ));
        }
    }
    match rows.iter().find(|r| r.is_total) {
        Some(total) if (total.talk, total.exercises) == (talk_sum, exercise_sum) => {}
        Some(total) => problems.push(format!(
            "{INTRODUCTION}: the schedule's total row says {} (+ {}), the rows add up to {} (+ {})",
            total.talk, total.exercises, talk_sum, exercise_sum
        )),
        None if !rows.is_empty() => {
            problems.push(format!("{INTRODUCTION}: the schedule has no **total** row"));
        }
        None => {}
    }
    if !rows.is_empty() && !EVENING.contains(&talk_sum) {
        problems.push(format!(
            "{INTRODUCTION}: the talk adds up to {talk_sum} min; a meetup evening is {}–{} min",
            EVENING.start(),
            EVENING.end()
        ));
    }
    if !problems.is_empty() {
        return Err(format!(
            "the time budgets do not add up:\n  {}\n(see xtask/src/schedule.rs for the format)",
            problems.join("\n  ")
        ));
    }
    let mut report = String::new();
    let width = pages.iter().map(|p| p.path.len()).max().unwrap_or(0);
    for (path, budget) in &budgets {
        let _ = write!(report, "  {path:width$}  {:>3} min", budget.talk);
        if budget.exercises > 0 {
            let _ = write!(report, "  (+ {} min exercises)", budget.exercises);
        }
        if let Some(chapter) = budget.chapter {
            let _ = write!(report, "  chapter: {}", minutes(chapter));
        }
        report.push('\n');
    }
    let _ = writeln!(
        report,
        "schedule: {talk_sum} min of talk (a {}–{} min evening), + {exercise_sum} min of \
         optional exercises; every page is budgeted and the schedule adds up",
        EVENING.start(),
        EVENING.end()
    );
    Ok(report)
}

fn read(book: &Path, path: &str) -> Result<String, String> {
    fs::read_to_string(book.join(path)).map_err(|error| format!("cannot read book/{path}: {error}"))
}

fn minutes((talk, exercises): (u32, u32)) -> String {
    if exercises > 0 {
        format!("{talk} min (+ {exercises} min exercises)")
    } else {
        format!("{talk} min")
    }
}

fn clock_time(minutes: u32) -> String {
    format!("{}:{:02}", minutes / 60, minutes % 60)
}

fn subtree_total(page: &Page, budget_of: &dyn Fn(&str) -> Option<Budget>) -> (u32, u32) {
    std::iter::once(&page.path)
        .chain(&page.children)
        .filter_map(|path| budget_of(path))
        .fold((0, 0), |(t, e), b| (t + b.talk, e + b.exercises))
}

/// The pages linked from `SUMMARY.md`, each with the pages nested under it.
pub fn summary_pages(summary: &str) -> Vec<Page> {
    let entries: Vec<(usize, String)> = summary
        .lines()
        .filter_map(|line| {
            let indent = line.len() - line.trim_start().len();
            let start = line.find("](")? + 2;
            let end = start + line[start..].find(')')?;
            let path = &line[start..end];
            path.ends_with(".md").then(|| (indent, path.to_owned()))
        })
        .collect();
    entries
        .iter()
        .enumerate()
        .map(|(at, (indent, path))| Page {
            path: path.clone(),
            children: entries[at + 1..]
                .iter()
                .take_while(|(deeper, _)| deeper > indent)
                .map(|(_, child)| child.clone())
                .collect(),
        })
        .collect()
}

/// The budget line of a page: the first non-blank line after its `# Title`.
pub fn page_budget(page: &str) -> Result<Budget, String> {
    let mut lines = page.lines().skip_while(|line| !line.starts_with("# "));
    if lines.next().is_none() {
        return Err("no `# Title` line".to_owned());
    }
    let line = lines
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    parse_budget(line.trim()).ok_or_else(|| {
        format!(
            "the line under the title must be a budget line such as \
             `<p class=\"budget\">⏱ 5 min</p>`, found `{line}`"
        )
    })
}

/// Parses `<p class="budget">⏱ N min[ (+ M min exercises)][ · chapter T min[ (+ E min exercises)]]</p>`.
pub fn parse_budget(line: &str) -> Option<Budget> {
    let inner = line
        .strip_prefix("<p class=\"budget\">⏱ ")?
        .strip_suffix("</p>")?;
    let (own, chapter) = match inner.split_once(" · chapter ") {
        Some((own, chapter)) => (own, Some(parse_minutes(chapter)?)),
        None => (inner, None),
    };
    let (talk, exercises) = parse_minutes(own)?;
    Some(Budget {
        talk,
        exercises,
        chapter,
    })
}

/// `N min` or `N min (+ M min exercises)`.
fn parse_minutes(text: &str) -> Option<(u32, u32)> {
    let (talk, exercises) = match text.split_once(" (+ ") {
        Some((talk, rest)) => (talk, Some(rest.strip_suffix(" min exercises)")?)),
        None => (text, None),
    };
    let talk = talk.strip_suffix(" min")?.parse().ok()?;
    let exercises = match exercises {
        Some(minutes) => minutes.parse().ok()?,
        None => 0,
    };
    Some((talk, exercises))
}

/// One row of the introduction's schedule table.
#[derive(Debug, PartialEq)]
pub struct Row {
    pub at: Option<u32>,
    pub part: String,
    pub links: Vec<String>,
    pub talk: u32,
    pub exercises: u32,
    pub is_total: bool,
}

/// The rows of the table `| at | part | talk | exercises |` between the markers.
pub fn schedule_rows(introduction: &str) -> Result<Vec<Row>, String> {
    let start = introduction.find(SCHEDULE_START).ok_or(
        "no schedule: add the table between `<!-- schedule … -->` and `<!-- end of schedule -->`",
    )?;
    let end = introduction[start..]
        .find(SCHEDULE_END)
        .ok_or("the schedule has no `<!-- end of schedule -->` marker")?;
    let mut rows = Vec::new();
    for line in introduction[start..start + end].lines() {
        let line = line.trim();
        if !line.starts_with('|') {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() != 4 {
            return Err(format!(
                "a schedule row needs 4 cells (at | part | talk | exercises): `{line}`"
            ));
        }
        if cells[0] == "at" || cells[0].starts_with("--") || cells[0].starts_with(":-") {
            continue; // the header and its rule
        }
        let number = |cell: &str| -> Result<u32, String> {
            let cell = cell.trim_matches('*').trim();
            if cell.is_empty() {
                return Ok(0);
            }
            cell.strip_suffix(" min")
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| format!("`{cell}` is not `N min` in the schedule row `{line}`"))
        };
        let at = cells[0]
            .split_once(':')
            .and_then(|(h, m)| Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?));
        rows.push(Row {
            at,
            part: cells[1].to_owned(),
            links: links(cells[1]),
            talk: number(cells[2])?,
            exercises: number(cells[3])?,
            is_total: cells[1].contains("**total**"),
        });
    }
    Ok(rows)
}

/// The `.md` targets of the Markdown links in `text`.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        rest = &rest[start + 2..];
        if let Some(end) = rest.find(')') {
            let target = rest[..end].split('#').next().unwrap_or_default();
            if target.ends_with(".md") {
                found.push(target.to_owned());
            }
            rest = &rest[end..];
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_books_budgets_add_up_to_the_schedule() {
        let book = Path::new(env!("CARGO_MANIFEST_DIR")).join("../book");
        if let Err(problems) = check(&book) {
            panic!("{problems}");
        }
    }

    #[test]
    fn parses_budget_lines() {
        let plain = parse_budget("<p class=\"budget\">⏱ 7 min</p>").unwrap();
        assert_eq!((plain.talk, plain.exercises, plain.chapter), (7, 0, None));
        let with_exercises =
            parse_budget("<p class=\"budget\">⏱ 8 min (+ 30 min exercises)</p>").unwrap();
        assert_eq!((with_exercises.talk, with_exercises.exercises), (8, 30));
        let chapter =
            parse_budget("<p class=\"budget\">⏱ 3 min · chapter 30 min (+ 30 min exercises)</p>")
                .unwrap();
        assert_eq!(chapter.chapter, Some((30, 30)));
        assert_eq!(parse_budget("<p class=\"budget\">⏱ about 7 min</p>"), None);
        assert_eq!(parse_budget("⏱ 7 min"), None);
    }

    #[test]
    fn the_budget_line_sits_under_the_title() {
        let page = "# Title\n\n<p class=\"budget\">⏱ 4 min</p>\n\nText.";
        assert_eq!(page_budget(page).unwrap().talk, 4);
        let missing = page_budget("# Title\n\nText first.\n").unwrap_err();
        assert!(missing.contains("Text first."), "{missing}");
    }

    #[test]
    fn summary_nesting_makes_chapters() {
        let pages = summary_pages(
            "# Summary\n\n[Intro](introduction.md)\n\n# The tour\n\n- [C](c/index.md)\n  \
             - [One](c/one.md)\n  - [Two](c/two.md)\n- [D](d/index.md)\n",
        );
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "introduction.md",
                "c/index.md",
                "c/one.md",
                "c/two.md",
                "d/index.md"
            ]
        );
        assert_eq!(pages[1].children, ["c/one.md", "c/two.md"]);
        assert!(pages[4].children.is_empty());
    }

    #[test]
    fn schedule_rows_read_links_minutes_and_clock() {
        let rows = schedule_rows(
            "x\n<!-- schedule -->\n| at | part | talk | exercises |\n|---:|---|---:|---:|\n\
             | 0:00 | [A](a.md) and [B](b.md) | 10 min | |\n\
             | 1:05 | Maps (being written) | 20 min | 15 min |\n\
             | | **total** | **30 min** | **15 min** |\n<!-- end of schedule -->\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].links, ["a.md", "b.md"]);
        assert_eq!((rows[0].at, rows[0].talk), (Some(0), 10));
        assert_eq!((rows[1].at, rows[1].exercises), (Some(65), 15));
        assert!(rows[1].links.is_empty());
        assert!(rows[2].is_total && rows[2].talk == 30);
    }
}
