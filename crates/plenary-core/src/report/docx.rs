//! Writes a [`DelegateReport`] as a Word document with the `docx-rs` crate.
//!
//! Headings use Word's own built-in styles (`Heading1`… named "heading 1"…, with outline
//! levels), so Word's navigation pane, LibreOffice's navigator and an inserted table of contents
//! find them. The places left for the delegate read "[To complete: …]", highlighted in yellow,
//! in the character style "To complete" (one search finds them all). Text that XML cannot carry
//! (control characters) is left out, so the file always opens.

use std::io::Cursor;

use docx_rs::{
    Docx, LineSpacing, Paragraph, Run, RunFonts, Shading, Style, StyleType, Table, TableCell,
    TableRow, WidthType,
};

use super::{DelegateReport, ReportRecord};
use crate::error::{CoreError, Result};

/// Style ids (Word's own ids for its built-in styles).
pub const TITLE: &str = "Title";
pub const HEADING_1: &str = "Heading1";
pub const HEADING_2: &str = "Heading2";
pub const HEADING_3: &str = "Heading3";
/// The character style of the places to complete.
pub const TO_COMPLETE: &str = "ToComplete";
/// The highlight of the places to complete.
pub const HIGHLIGHT: &str = "yellow";

/// The usable width of an A4 page with docx-rs's default margins, in twentieths of a point.
const PAGE_WIDTH: usize = 9_000;
const HEADER_FILL: &str = "D9E2F3";

/// "[To complete: summary of the debate]".
pub fn to_complete_text(what: &str) -> String {
    format!("[To complete: {what}]")
}

/// The report as the bytes of a `.docx` file. `created_at` (RFC 3339) goes into the document's
/// properties.
pub fn write(report: &DelegateReport, created_at: &str) -> Result<Vec<u8>> {
    let mut doc = Writer::new(created_at);
    doc.paragraph(
        TITLE,
        &format!("Delegate's report: {}", report.meeting_title),
    );
    let mut facts = vec![report.dates.clone()];
    if !report.place.is_empty() {
        facts.push(report.place.clone());
    }
    facts.push(format!("times are the venue's ({})", report.time_zone));
    doc.push(Paragraph::new().add_run(text_run(&facts.join(" · "))));
    doc.push(
        Paragraph::new().add_run(
            text_run(
                "Drafted by Plenary from what was recorded for this meeting. The highlighted \
                 places marked \"[To complete: …]\" are for the delegate to fill in.",
            )
            .italic(),
        ),
    );

    doc.paragraph(HEADING_1, "Summary");
    doc.place_to_complete("summary of the meeting and what it means for the association");

    if !report.whole_meeting.is_empty() {
        doc.paragraph(HEADING_1, "The meeting as a whole");
        for record in &report.whole_meeting {
            doc.record(record);
        }
    }

    doc.paragraph(HEADING_1, "Agenda items");
    if report.items.is_empty() {
        doc.plain("No agenda items were recorded for this meeting.");
    }
    for item in &report.items {
        doc.paragraph(HEADING_2, &item.heading());
        let mut ours = Vec::new();
        for position in &item.positions {
            ours.push(Paragraph::new().add_run(text_run(&position.document).bold()));
            ours.push(labelled("Stance", &position.stance));
            for (label, value) in [
                ("Red lines", &position.red_lines),
                ("Fallback", &position.fallback),
                ("Mandate", &position.mandate),
                ("Our policies", &position.own_policies),
            ] {
                if !value.trim().is_empty() {
                    ours.push(labelled(label, value));
                }
            }
        }
        if ours.is_empty() {
            ours.push(plain_paragraph("No position was recorded for this item."));
        }
        let mut outcome = Vec::new();
        for record in &item.outcomes {
            outcome.extend(record_paragraphs(record));
        }
        for vote in &item.policy_votes {
            let place = if vote.forum.trim().is_empty() {
                vote.document.clone()
            } else {
                format!("{}, {}", vote.document, vote.forum)
            };
            let mut text = format!("{place}: {}", or_unknown(&vote.vote));
            if !vote.note.trim().is_empty() {
                text.push_str(&format!(" ({})", vote.note.trim()));
            }
            outcome.push(labelled("Vote", &text));
        }
        if outcome.is_empty() {
            outcome.push(to_complete_paragraph(
                "the outcome of this item and any vote",
            ));
        }
        doc.table(
            &[
                ("Our position", PAGE_WIDTH / 2),
                ("Outcome and vote", PAGE_WIDTH / 2),
            ],
            vec![vec![ours, outcome]],
        );
        doc.push(
            Paragraph::new()
                .add_run(text_run("Debate: ").bold())
                .add_run(to_complete_run(
                    "summary of the debate, and how the outcome meets our position",
                )),
        );
        if !item.notes.is_empty() {
            doc.paragraph(HEADING_3, "Notes for the report");
            for record in &item.notes {
                doc.record(record);
            }
        }
    }

    doc.paragraph(HEADING_1, "Statements delivered");
    if report.statements.is_empty() {
        doc.plain("No statement is recorded as delivered at this meeting.");
    }
    for statement in &report.statements {
        doc.paragraph(HEADING_2, &statement.title);
        let mut line = Paragraph::new().add_run(text_run("Delivered by "));
        line = if statement.speaker.trim().is_empty() {
            line.add_run(to_complete_run("who delivered it"))
        } else {
            line.add_run(text_run(statement.speaker.trim()).bold())
        };
        let mut rest = String::new();
        if !statement.organization.trim().is_empty() {
            rest.push_str(&format!(" for {}", statement.organization.trim()));
        }
        if !statement.item.is_empty() {
            rest.push_str(&format!(" under {}", statement.item));
        }
        rest.push_str(&format!(" ({})", statement.mode));
        if !statement.co_signers.trim().is_empty() {
            rest.push_str(&format!("; co-signed by {}", statement.co_signers.trim()));
        }
        rest.push('.');
        doc.push(line.add_run(text_run(&rest)));
        for paragraph in body_paragraphs(&statement.text) {
            doc.push(paragraph);
        }
    }

    doc.paragraph(HEADING_1, "Action items");
    if report.actions.is_empty() {
        doc.plain("No action items were recorded for this meeting.");
    } else {
        let rows = report
            .actions
            .iter()
            .map(|a| {
                [&a.title, &a.owner, &a.due, &a.status, &a.item]
                    .map(|text| vec![plain_paragraph(text)])
                    .to_vec()
            })
            .collect();
        doc.table(
            &[
                ("Action", 3_000),
                ("Owner", 1_500),
                ("Due", 1_300),
                ("Status", 1_000),
                ("Agenda item", 2_200),
            ],
            rows,
        );
    }

    doc.paragraph(HEADING_1, "Attendance");
    if report.attendance.is_empty() {
        doc.plain("No one was assigned to this meeting.");
    } else {
        let rows = report
            .attendance
            .iter()
            .map(|a| {
                let sessions = if !a.sessions.trim().is_empty() {
                    plain_paragraph(&a.sessions)
                } else if a.attended {
                    to_complete_paragraph("sessions attended")
                } else {
                    plain_paragraph("")
                };
                vec![
                    vec![plain_paragraph(&a.name)],
                    vec![plain_paragraph(&a.organization)],
                    vec![plain_paragraph(&a.role)],
                    vec![plain_paragraph(&a.status)],
                    vec![sessions],
                ]
            })
            .collect();
        doc.table(
            &[
                ("Person", 2_000),
                ("Organization", 1_900),
                ("Role", 1_700),
                ("Status", 1_300),
                ("Sessions attended", 2_100),
            ],
            rows,
        );
    }
    if !report.sessions.is_empty() {
        doc.paragraph(HEADING_2, "Sessions");
        let rows = report
            .sessions
            .iter()
            .map(|s| {
                [&s.when, &s.title, &s.room, &s.items]
                    .map(|text| vec![plain_paragraph(text)])
                    .to_vec()
            })
            .collect();
        doc.table(
            &[
                ("When (venue time)", 3_000),
                ("Session", 2_600),
                ("Room", 1_600),
                ("Agenda items", 1_800),
            ],
            rows,
        );
    }

    doc.paragraph(HEADING_1, "Recommendations and follow-up");
    doc.place_to_complete("recommendations for the association and what should happen next");

    let bytes = doc.finish()?;
    let title = format!("Delegate's report: {}", report.meeting_title);
    let author = match report.author.trim() {
        "" => "Plenary",
        name => name,
    };
    with_properties(&bytes, &title, author, created_at)
}

/// The package with its document properties (`docProps/core.xml`) naming the title and the
/// author, which `docx-rs` writes as "unknown". Every other part is copied as it is.
fn with_properties(docx: &[u8], title: &str, author: &str, created_at: &str) -> Result<Vec<u8>> {
    let failed = |e: zip::result::ZipError| {
        CoreError::Refused(format!("The report could not be put together ({e})."))
    };
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).map_err(failed)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let (title, author, created_at) = (
        escape(&clean(title)),
        escape(&clean(author)),
        escape(created_at),
    );
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><cp:lastModifiedBy>{author}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{created_at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{created_at}</dcterms:modified><cp:revision>1</cp:revision></cp:coreProperties>"#
    );
    for index in 0..archive.len() {
        let entry = archive.by_index_raw(index).map_err(failed)?;
        if entry.name().is_ok_and(|name| name == "docProps/core.xml") {
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            drop(entry);
            out.start_file("docProps/core.xml", options)
                .map_err(failed)?;
            std::io::Write::write_all(&mut out, core.as_bytes()).map_err(|e| {
                CoreError::Refused(format!("The report could not be put together ({e})."))
            })?;
        } else {
            out.raw_copy_file(entry).map_err(failed)?;
        }
    }
    Ok(out.finish().map_err(failed)?.into_inner())
}

/// The document being built.
struct Writer {
    docx: Docx,
}

impl Writer {
    fn new(created_at: &str) -> Self {
        let heading = |id: &str, level: usize, size: usize| {
            Style::new(id, StyleType::Paragraph)
                .name(format!("heading {}", level + 1))
                .based_on("Normal")
                .next("Normal")
                .q_format(true)
                .ui_priority(9)
                .outline_lvl(level)
                .line_spacing(LineSpacing::new().before(240 - 60 * level as u32).after(60))
                .bold()
                .size(size)
                .color("1F3864")
        };
        let docx = Docx::new()
            .created_at(created_at)
            .updated_at(created_at)
            .default_size(22)
            .default_fonts(RunFonts::new().ascii("Calibri").hi_ansi("Calibri"))
            .add_style(
                Style::new("Normal", StyleType::Paragraph)
                    .name("Normal")
                    .q_format(true),
            )
            .add_style(
                Style::new(TITLE, StyleType::Paragraph)
                    .name("Title")
                    .based_on("Normal")
                    .next("Normal")
                    .q_format(true)
                    .ui_priority(10)
                    .size(48)
                    .color("1F3864"),
            )
            .add_style(heading(HEADING_1, 0, 32))
            .add_style(heading(HEADING_2, 1, 26))
            .add_style(heading(HEADING_3, 2, 23))
            .add_style(
                Style::new(TO_COMPLETE, StyleType::Character)
                    .name("To complete")
                    .q_format(true)
                    .highlight(HIGHLIGHT),
            );
        Writer { docx }
    }

    fn push(&mut self, paragraph: Paragraph) {
        let docx = std::mem::take(&mut self.docx);
        self.docx = docx.add_paragraph(paragraph);
    }

    fn paragraph(&mut self, style: &str, text: &str) {
        self.push(Paragraph::new().style(style).add_run(text_run(text)));
    }

    fn plain(&mut self, text: &str) {
        self.push(plain_paragraph(text));
    }

    fn place_to_complete(&mut self, what: &str) {
        self.push(to_complete_paragraph(what));
    }

    fn record(&mut self, record: &ReportRecord) {
        for paragraph in record_paragraphs(record) {
            self.push(paragraph);
        }
    }

    /// A table with a shaded header row; each cell holds its paragraphs.
    fn table(&mut self, columns: &[(&str, usize)], rows: Vec<Vec<Vec<Paragraph>>>) {
        let header = TableRow::new(
            columns
                .iter()
                .map(|(name, width)| {
                    TableCell::new()
                        .width(*width, WidthType::Dxa)
                        .shading(Shading::new().fill(HEADER_FILL))
                        .add_paragraph(Paragraph::new().add_run(text_run(name).bold()))
                })
                .collect(),
        );
        let mut table_rows = vec![header];
        for row in rows {
            let cells = row
                .into_iter()
                .zip(columns)
                .map(|(paragraphs, (_, width))| {
                    // A cell must hold at least one paragraph.
                    let paragraphs = if paragraphs.is_empty() {
                        vec![Paragraph::new()]
                    } else {
                        paragraphs
                    };
                    paragraphs
                        .into_iter()
                        .fold(TableCell::new().width(*width, WidthType::Dxa), |cell, p| {
                            cell.add_paragraph(p)
                        })
                })
                .collect();
            table_rows.push(TableRow::new(cells).cant_split());
        }
        let table = Table::new(table_rows)
            .set_grid(columns.iter().map(|(_, w)| *w).collect())
            .width(columns.iter().map(|(_, w)| *w).sum(), WidthType::Dxa);
        let docx = std::mem::take(&mut self.docx);
        // An empty paragraph after each table keeps two tables from running together.
        self.docx = docx.add_table(table).add_paragraph(Paragraph::new());
    }

    fn finish(self) -> Result<Vec<u8>> {
        let mut bytes = Cursor::new(Vec::new());
        self.docx.build().pack(&mut bytes).map_err(|e| {
            CoreError::Refused(format!("The report could not be put together ({e})."))
        })?;
        Ok(bytes.into_inner())
    }
}

/// Text XML can carry: no control characters other than tab, and tabs and line ends as spaces
/// (lines are split into paragraphs or breaks before this).
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            '\u{FFFE}' | '\u{FFFF}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

fn text_run(text: &str) -> Run {
    Run::new().add_text(clean(text))
}

fn plain_paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(text_run(text))
}

fn labelled(label: &str, value: &str) -> Paragraph {
    Paragraph::new()
        .add_run(text_run(&format!("{label}: ")).bold())
        .add_run(text_run(value.trim()))
}

fn or_unknown(text: &str) -> &str {
    if text.is_empty() {
        "not recorded"
    } else {
        text
    }
}

fn to_complete_run(what: &str) -> Run {
    text_run(&to_complete_text(what))
        .style(TO_COMPLETE)
        .highlight(HIGHLIGHT)
}

fn to_complete_paragraph(what: &str) -> Paragraph {
    Paragraph::new().add_run(to_complete_run(what))
}

/// A record: its title (with "draft" when it is one), kind and author; its vote; its text.
fn record_paragraphs(record: &ReportRecord) -> Vec<Paragraph> {
    let mut title = Paragraph::new()
        .keep_next(true)
        .add_run(text_run(&record.title).bold());
    let mut meta = vec![record.kind.to_lowercase()];
    if !record.author.trim().is_empty() {
        meta.push(format!("by {}", record.author.trim()));
    }
    if record.draft {
        meta.push("still a draft".to_owned());
    }
    title = title.add_run(text_run(&format!(" ({})", meta.join(", "))).italic());
    let mut paragraphs = vec![title];
    if !record.vote.is_empty() {
        paragraphs.push(labelled("Vote", &record.vote));
    }
    paragraphs.extend(body_paragraphs(&record.body));
    paragraphs
}

/// Markdown as written, one paragraph per block (blank lines between); list items each on their
/// own line with a bullet, heading marks dropped, other line ends kept as line breaks.
fn body_paragraphs(body: &str) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let normalised = body.replace("\r\n", "\n").replace('\r', "\n");
    for block in normalised.split("\n\n") {
        let lines: Vec<&str> = block
            .lines()
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect();
        if lines.is_empty() {
            continue;
        }
        let mut paragraph = Paragraph::new();
        let mut first = true;
        for line in lines {
            let trimmed = line.trim_start();
            if let Some(item) = trimmed
                .strip_prefix("- ")
                .or_else(|| trimmed.strip_prefix("* "))
            {
                if !first {
                    paragraphs.push(paragraph);
                }
                paragraphs.push(
                    Paragraph::new()
                        .indent(Some(360), None, None, None)
                        .add_run(text_run(&format!("• {}", item.trim()))),
                );
                paragraph = Paragraph::new();
                first = true;
                continue;
            }
            if let Some(heading) = trimmed.strip_prefix('#') {
                if !first {
                    paragraphs.push(paragraph);
                }
                paragraphs.push(
                    Paragraph::new()
                        .keep_next(true)
                        .add_run(text_run(heading.trim_start_matches('#').trim()).bold()),
                );
                paragraph = Paragraph::new();
                first = true;
                continue;
            }
            let mut run = text_run(trimmed);
            if !first {
                run = Run::new()
                    .add_break(docx_rs::BreakType::TextWrapping)
                    .add_text(clean(trimmed));
            }
            paragraph = paragraph.add_run(run);
            first = false;
        }
        if !first {
            paragraphs.push(paragraph);
        }
    }
    paragraphs
}
