//! The briefing book laid out on A4 pages and written as PDF by `krilla`: a cover, a printed
//! table of contents with page numbers, the sections, a footer with the page number on every
//! page after the cover, and the PDF outline (bookmarks) of the sections and agenda items.
//!
//! Layout runs first, into a list of drawing commands per page, so the contents page knows on
//! which page each section starts; the pages are then written one by one, reporting progress
//! and stopping at once when cancelled.

use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::Font;

use super::fonts::BriefingFonts;
use super::layout::{Line, Shaper, Span, Weight, bold, regular};
use super::{BriefingBook, PositionEntry};
use crate::error::{CoreError, Result};
use crate::portable::Work;

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 56.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN;
const TOP: f32 = 60.0;
const BOTTOM: f32 = PAGE_H - 64.0;
const BODY: f32 = 10.0;
const SMALL: f32 = 8.5;

const INK: (u8, u8, u8) = (20, 24, 31);
const MUTED: (u8, u8, u8) = (85, 92, 104);
const ACCENT: (u8, u8, u8) = (18, 70, 130);
const WARNING: (u8, u8, u8) = (150, 40, 20);

/// What is drawn on a page.
enum Cmd {
    Text {
        x: f32,
        baseline: f32,
        size: f32,
        color: (u8, u8, u8),
        line: Line,
    },
    Rule {
        x: f32,
        y: f32,
        width: f32,
        color: (u8, u8, u8),
    },
    Band {
        rect: (f32, f32, f32, f32),
        color: (u8, u8, u8),
    },
}

/// Where a section or agenda item starts, for the contents page and the outline.
struct Anchor {
    level: u8,
    title: String,
    page: usize,
    y: f32,
}

/// Content flowing down pages.
struct Flow<'s, 'f> {
    shaper: &'s Shaper<'f>,
    pages: Vec<Vec<Cmd>>,
    y: f32,
    anchors: Vec<Anchor>,
}

fn line_height(size: f32) -> f32 {
    size * 1.38
}

impl<'s, 'f> Flow<'s, 'f> {
    fn new(shaper: &'s Shaper<'f>) -> Self {
        Flow {
            shaper,
            pages: vec![Vec::new()],
            y: TOP,
            anchors: Vec::new(),
        }
    }

    fn page(&mut self) -> &mut Vec<Cmd> {
        self.pages.last_mut().expect("a flow always has a page")
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `height` still fits on this one.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn space(&mut self, height: f32) {
        self.y += height;
    }

    /// A paragraph, `indent` points in from the margin.
    fn paragraph(&mut self, spans: &[Span], size: f32, indent: f32, color: (u8, u8, u8)) {
        let lines = self.shaper.layout(spans, size, CONTENT_W - indent);
        for line in lines {
            self.ensure(line_height(size));
            let baseline = self.y + size * 1.02;
            self.page().push(Cmd::Text {
                x: MARGIN + indent,
                baseline,
                size,
                color,
                line,
            });
            self.y += line_height(size);
        }
    }

    fn text(&mut self, text: &str) {
        self.paragraph(&[regular(text)], BODY, 0.0, INK);
    }

    /// "Label: value" when there is a value.
    fn labelled(&mut self, label: &str, value: &str, indent: f32) {
        if value.trim().is_empty() {
            return;
        }
        self.paragraph(
            &[bold(format!("{label}: ")), regular(value.trim())],
            BODY,
            indent,
            INK,
        );
    }

    fn rule(&mut self, color: (u8, u8, u8)) {
        let y = self.y;
        self.page().push(Cmd::Rule {
            x: MARGIN,
            y,
            width: CONTENT_W,
            color,
        });
    }

    /// A major section: a new page, its title, an outline entry.
    fn section(&mut self, title: &str) {
        if self.y > TOP || !self.page().is_empty() {
            self.new_page();
        }
        let page = self.pages.len() - 1;
        self.anchors.push(Anchor {
            level: 0,
            title: title.to_owned(),
            page,
            y: self.y,
        });
        self.paragraph(&[bold(title)], 18.0, 0.0, ACCENT);
        self.space(2.0);
        self.rule(ACCENT);
        self.space(10.0);
    }

    /// A heading inside a section, kept with the lines after it; `outline` adds it to the
    /// contents and bookmarks.
    fn heading(&mut self, text: &str, size: f32, outline: bool) {
        self.ensure(line_height(size) + 3.0 * line_height(BODY) + 6.0);
        self.space(4.0);
        if outline {
            let page = self.pages.len() - 1;
            self.anchors.push(Anchor {
                level: 1,
                title: text.to_owned(),
                page,
                y: self.y,
            });
        }
        self.paragraph(&[bold(text)], size, 0.0, INK);
        self.space(2.0);
    }

    /// A table row: each cell `(width, spans)` wraps in its own column.
    fn row(&mut self, cells: &[(f32, Vec<Span>)], size: f32, header: bool) {
        let laid: Vec<(f32, Vec<Line>)> = cells
            .iter()
            .map(|(width, spans)| (*width, self.shaper.layout(spans, size, width - 6.0)))
            .collect();
        let lines = laid.iter().map(|(_, l)| l.len()).max().unwrap_or(1).max(1);
        let height = lines as f32 * line_height(size) + 6.0;
        self.ensure(height);
        if header {
            let y = self.y;
            self.page().push(Cmd::Band {
                rect: (MARGIN, y, CONTENT_W, height),
                color: (228, 234, 243),
            });
        }
        let top = self.y + 3.0;
        let mut x = MARGIN;
        for (width, cell) in laid {
            for (i, line) in cell.into_iter().enumerate() {
                let baseline = top + i as f32 * line_height(size) + size * 1.02;
                self.page().push(Cmd::Text {
                    x: x + 3.0,
                    baseline,
                    size,
                    color: INK,
                    line,
                });
            }
            x += width;
        }
        self.y += height;
        self.rule((200, 205, 214));
    }
}

/// A rendered briefing book.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub pages: u32,
}

/// Renders `book` as PDF.
pub fn render(book: &BriefingBook, fonts: &BriefingFonts, work: &Work<'_>) -> Result<Rendered> {
    let shaper = Shaper::new(fonts);
    work.report("Laying out the pages", 0, 1);
    let mut flow = Flow::new(&shaper);
    content(book, &mut flow, work)?;
    let body_pages = flow.pages.len();

    // The contents: laid out once to count its pages, then with the page numbers.
    let toc_pages = contents(&shaper, &flow.anchors, 0).len();
    let first_body_page = 1 + toc_pages;
    let toc = contents(&shaper, &flow.anchors, first_body_page);
    let total = first_body_page + body_pages;

    let krilla_fonts: Vec<Font> = fonts
        .data
        .iter()
        .map(|data| {
            Font::new(data.clone().into(), 0).ok_or_else(|| {
                CoreError::Refused("A briefing book font could not be read.".to_owned())
            })
        })
        .collect::<Result<_>>()?;

    let mut document = Document::new();
    let mut pages: Vec<Vec<Cmd>> = Vec::with_capacity(total);
    pages.push(cover(book, &shaper));
    pages.extend(toc);
    pages.extend(flow.pages);
    let footer = format!("{} · Briefing book", book.meeting.fields.title);
    for (index, commands) in pages.iter().enumerate() {
        work.check()?;
        work.report("Writing the pages", index as u64, total as u64);
        let mut page = document.start_page_with(PageSettings::new(
            Size::from_wh(PAGE_W, PAGE_H).expect("A4 is a size"),
        ));
        let mut surface = page.surface();
        for command in commands {
            draw(&mut surface, command, &krilla_fonts);
        }
        if index > 0 {
            let footer_left = shaper.layout(&[regular(footer.as_str())], SMALL, CONTENT_W * 0.7);
            let number = shaper.layout(
                &[regular(format!("Page {} of {total}", index + 1))],
                SMALL,
                CONTENT_W,
            );
            draw(
                &mut surface,
                &Cmd::Rule {
                    x: MARGIN,
                    y: BOTTOM + 18.0,
                    width: CONTENT_W,
                    color: (200, 205, 214),
                },
                &krilla_fonts,
            );
            if let Some(line) = footer_left.into_iter().next() {
                draw(
                    &mut surface,
                    &Cmd::Text {
                        x: MARGIN,
                        baseline: BOTTOM + 32.0,
                        size: SMALL,
                        color: MUTED,
                        line,
                    },
                    &krilla_fonts,
                );
            }
            if let Some(line) = number.into_iter().next() {
                draw(
                    &mut surface,
                    &Cmd::Text {
                        x: MARGIN + CONTENT_W - line.width,
                        baseline: BOTTOM + 32.0,
                        size: SMALL,
                        color: MUTED,
                        line,
                    },
                    &krilla_fonts,
                );
            }
        }
        surface.finish();
        page.finish();
    }

    let mut outline = Outline::new();
    outline.push_child(OutlineNode::new(
        "Contents".to_owned(),
        XyzDestination::new(1, Point::from_xy(0.0, 0.0)),
    ));
    let mut current: Option<OutlineNode> = None;
    for anchor in &flow.anchors {
        let destination = XyzDestination::new(
            first_body_page + anchor.page,
            Point::from_xy(MARGIN, (anchor.y - 8.0).max(0.0)),
        );
        let node = OutlineNode::new(anchor.title.clone(), destination);
        if anchor.level == 0 {
            if let Some(done) = current.take() {
                outline.push_child(done);
            }
            current = Some(node);
        } else if let Some(parent) = current.as_mut() {
            parent.push_child(node);
        }
    }
    if let Some(done) = current {
        outline.push_child(done);
    }
    document.set_outline(outline);
    document.set_metadata(
        Metadata::new()
            .title(format!("{} — Briefing book", book.meeting.fields.title))
            .creator(format!("Plenary {}", env!("CARGO_PKG_VERSION")))
            .language("en".to_owned()),
    );
    work.check()?;
    work.report("Writing the pages", total as u64, total as u64);
    let bytes = document.finish().map_err(|e| {
        CoreError::Refused(format!("The briefing book could not be written ({e:?})."))
    })?;
    Ok(Rendered {
        bytes,
        pages: u32::try_from(total).unwrap_or(u32::MAX),
    })
}

fn paint(color: (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(color.0, color.1, color.2)
}

fn draw(surface: &mut Surface<'_>, command: &Cmd, fonts: &[Font]) {
    match command {
        Cmd::Text {
            x,
            baseline,
            size,
            color,
            line,
        } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill {
                paint: paint(*color).into(),
                opacity: NormalizedF32::ONE,
                rule: Default::default(),
            }));
            for piece in &line.pieces {
                surface.draw_glyphs(
                    Point::from_xy(x + piece.x, *baseline),
                    &piece.glyphs,
                    fonts[piece.face as usize].clone(),
                    &piece.text,
                    *size,
                    false,
                );
            }
        }
        Cmd::Rule { x, y, width, color } => {
            let mut path = PathBuilder::new();
            path.move_to(*x, *y);
            path.line_to(x + width, *y);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: paint(*color).into(),
                    width: 0.7,
                    ..Default::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Cmd::Band { rect, color } => {
            let mut path = PathBuilder::new();
            if let Some(r) = Rect::from_xywh(rect.0, rect.1, rect.2, rect.3) {
                path.push_rect(r);
            }
            if let Some(path) = path.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(Fill {
                    paint: paint(*color).into(),
                    opacity: NormalizedF32::ONE,
                    rule: Default::default(),
                }));
                surface.draw_path(&path);
            }
        }
    }
}

fn cover(book: &BriefingBook, shaper: &Shaper<'_>) -> Vec<Cmd> {
    let mut flow = Flow::new(shaper);
    let m = &book.meeting.fields;
    flow.page().push(Cmd::Band {
        rect: (0.0, 0.0, PAGE_W, 12.0),
        color: ACCENT,
    });
    flow.space(120.0);
    flow.paragraph(&[regular("Briefing book")], 14.0, 0.0, ACCENT);
    flow.space(6.0);
    flow.paragraph(&[bold(m.title.as_str())], 28.0, 0.0, INK);
    flow.space(4.0);
    if !book.body.is_empty() {
        flow.paragraph(&[regular(book.body.as_str())], 14.0, 0.0, MUTED);
    }
    if let Some(parent) = &book.part_of {
        flow.paragraph(&[regular(format!("Part of {parent}"))], 12.0, 0.0, MUTED);
    }
    flow.space(28.0);
    let dates = if m.start_date == m.end_date {
        m.start_date.to_string()
    } else {
        format!("{} to {}", m.start_date, m.end_date)
    };
    flow.labelled("Dates", &dates, 0.0);
    let place = [m.city.as_str(), m.country.as_str()]
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    flow.labelled("City", &place, 0.0);
    flow.labelled("Venue", &m.venue, 0.0);
    flow.labelled("Format", m.format.label(), 0.0);
    flow.labelled("Status", m.status.label(), 0.0);
    flow.labelled("Time zone at the venue", &m.time_zone, 0.0);
    if let Some(home) = &book.home_time_zone {
        flow.labelled("Home time zone", home, 0.0);
    }
    if let Some(deadline) = m.registration_deadline {
        flow.labelled("Registration closes", &deadline.to_string(), 0.0);
    }
    flow.space(28.0);
    flow.labelled("Made", &book.made_on.to_string(), 0.0);
    flow.space(6.0);
    if book.include_travel {
        flow.paragraph(
            &[bold(
                "Contains travel details (passports, dietary and access needs): keep it within \
                 the delegation.",
            )],
            BODY,
            0.0,
            WARNING,
        );
    } else {
        flow.paragraph(
            &[regular("Travel details are not included.")],
            BODY,
            0.0,
            MUTED,
        );
    }
    flow.pages.into_iter().next().unwrap_or_default()
}

/// The contents pages; `first_body_page` 0 while counting them (numbers are then left out, the
/// lines are the same).
fn contents(shaper: &Shaper<'_>, anchors: &[Anchor], first_body_page: usize) -> Vec<Vec<Cmd>> {
    let mut flow = Flow::new(shaper);
    flow.paragraph(&[bold("Contents")], 18.0, 0.0, ACCENT);
    flow.space(2.0);
    flow.rule(ACCENT);
    flow.space(10.0);
    for anchor in anchors {
        let (indent, weight, size) = match anchor.level {
            0 => (0.0, Weight::Bold, 11.0),
            _ => (16.0, Weight::Regular, BODY),
        };
        if anchor.level == 0 {
            flow.space(4.0);
        }
        let lines = shaper.layout(
            &[Span {
                text: anchor.title.clone(),
                weight,
            }],
            size,
            CONTENT_W - indent - 48.0,
        );
        let count = lines.len();
        for (i, line) in lines.into_iter().enumerate() {
            flow.ensure(line_height(size));
            let baseline = flow.y + size * 1.02;
            flow.page().push(Cmd::Text {
                x: MARGIN + indent,
                baseline,
                size,
                color: INK,
                line,
            });
            if i + 1 == count && first_body_page > 0 {
                let number = shaper
                    .layout(
                        &[regular((first_body_page + anchor.page + 1).to_string())],
                        size,
                        48.0,
                    )
                    .into_iter()
                    .next()
                    .unwrap_or_default();
                flow.page().push(Cmd::Text {
                    x: MARGIN + CONTENT_W - number.width,
                    baseline,
                    size,
                    color: INK,
                    line: number,
                });
            }
            flow.y += line_height(size);
        }
    }
    flow.pages
}

fn content(book: &BriefingBook, flow: &mut Flow<'_, '_>, work: &Work<'_>) -> Result<()> {
    let m = &book.meeting.fields;

    flow.section("Delegation");
    if book.delegation.is_empty() {
        flow.text("No one is assigned to this meeting yet.");
    }
    let widths = [150.0, 110.0, CONTENT_W - 260.0];
    flow.row(
        &[
            (widths[0], vec![bold("Name")]),
            (widths[1], vec![bold("Role and status")]),
            (widths[2], vec![bold("Contact")]),
        ],
        SMALL + 0.5,
        true,
    );
    for d in &book.delegation {
        work.check()?;
        let mut name = vec![bold(d.name.as_str())];
        if !d.honorifics.trim().is_empty() {
            name.push(regular(format!(", {}", d.honorifics.trim())));
        }
        let contact: Vec<String> = [
            [d.title.as_str(), d.organization.as_str()]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            d.email.clone(),
            d.phone.clone(),
        ]
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
        flow.row(
            &[
                (widths[0], name),
                (
                    widths[1],
                    vec![regular(format!("{}\n{}", d.role, d.status))],
                ),
                (widths[2], vec![regular(contact.join("\n"))]),
            ],
            SMALL + 0.5,
            false,
        );
    }
    if !book.delegation_notes.trim().is_empty() {
        flow.space(8.0);
        flow.labelled("Notes", &book.delegation_notes, 0.0);
    }
    if book.include_travel {
        flow.heading("Travel details", 12.0, false);
        for d in &book.delegation {
            let Some(travel) = &d.travel else { continue };
            let lines = travel.lines();
            flow.ensure(line_height(BODY) * 2.0);
            flow.paragraph(&[bold(d.name.as_str())], BODY, 0.0, INK);
            if lines.is_empty() {
                flow.paragraph(&[regular("None recorded.")], BODY, 12.0, MUTED);
            }
            for (label, value) in lines {
                flow.labelled(label, value, 12.0);
            }
            flow.space(4.0);
        }
    }

    flow.section("Schedule");
    let home = book.home_time_zone.as_deref().unwrap_or("");
    flow.paragraph(
        &[regular(if home.is_empty() || home == m.time_zone {
            format!("Times at the venue ({}).", m.time_zone)
        } else {
            format!("Times at the venue ({}) and at home ({home}).", m.time_zone)
        })],
        BODY,
        0.0,
        MUTED,
    );
    flow.space(6.0);
    if book.schedule.is_empty() {
        flow.text("No sessions are recorded.");
    } else {
        let widths = [70.0, 70.0, 120.0, CONTENT_W - 260.0];
        flow.row(
            &[
                (widths[0], vec![bold("Date")]),
                (widths[1], vec![bold("At the venue")]),
                (widths[2], vec![bold("At home")]),
                (widths[3], vec![bold("Session")]),
            ],
            SMALL + 0.5,
            true,
        );
        for s in &book.schedule {
            let mut about = s.title.clone();
            if !s.room.trim().is_empty() {
                about.push_str(&format!("\n{}", s.room));
            }
            if !s.items.is_empty() {
                about.push_str(&format!("\nItems {}", s.items.join(", ")));
            }
            flow.row(
                &[
                    (widths[0], vec![regular(s.date.as_str())]),
                    (widths[1], vec![regular(s.venue_time.as_str())]),
                    (
                        widths[2],
                        vec![regular(if s.home_time.is_empty() {
                            "Same".to_owned()
                        } else {
                            s.home_time.clone()
                        })],
                    ),
                    (widths[3], vec![regular(about)]),
                ],
                SMALL + 0.5,
                false,
            );
        }
    }

    flow.section("Agenda and positions");
    if book.agenda.is_empty() {
        flow.text("No agenda items are recorded.");
    }
    for item in &book.agenda {
        work.check()?;
        let title = format!("{} {}", item.number, item.title);
        flow.heading(&title, if item.depth == 0 { 12.0 } else { 11.0 }, true);
        let about: Vec<String> = [
            (!item.forum.is_empty()).then(|| format!("Taken in {}", item.forum)),
            Some(format!("Priority: {}", item.priority)),
        ]
        .into_iter()
        .flatten()
        .collect();
        flow.paragraph(&[regular(about.join(" · "))], SMALL + 0.5, 0.0, MUTED);
        if !item.notes.trim().is_empty() {
            flow.paragraph(&[regular(item.notes.trim())], BODY, 0.0, INK);
        }
        if item.positions.is_empty() {
            flow.paragraph(&[regular("No position recorded.")], BODY, 0.0, MUTED);
        }
        for p in &item.positions {
            position(flow, p);
        }
        flow.space(6.0);
    }
    if !book.other_positions.is_empty() {
        flow.heading("Positions for the meeting as a whole", 12.0, true);
        for p in &book.other_positions {
            position(flow, p);
        }
    }

    flow.section("Statements");
    if book.statements.is_empty() {
        flow.text("No statements are recorded.");
    }
    for s in &book.statements {
        work.check()?;
        flow.heading(&s.title, 11.0, false);
        flow.labelled("Agenda item", &s.agenda_item, 0.0);
        let mut budget = vec![bold("Word budget: "), regular(s.budget_line())];
        if s.over_budget() {
            budget.push(bold(format!(
                " — {} words over",
                s.word_count - s.word_budget
            )));
        }
        flow.paragraph(&budget, BODY, 0.0, INK);
        flow.labelled("Status", &s.status, 0.0);
        flow.labelled("Speaker", &s.speaker, 0.0);
        flow.labelled("Delivered as", &s.mode, 0.0);
        flow.labelled("Submit by", &s.deadline, 0.0);
        if !s.text.trim().is_empty() {
            flow.space(3.0);
            flow.paragraph(&[regular(s.text.trim())], BODY, 12.0, INK);
        }
        flow.space(6.0);
    }

    flow.section("Policy documents");
    if book.documents.is_empty() {
        flow.text("No policy documents are linked to this meeting.");
    } else {
        let widths = [120.0, CONTENT_W - 230.0, 110.0];
        flow.row(
            &[
                (widths[0], vec![bold("Code")]),
                (widths[1], vec![bold("Document")]),
                (widths[2], vec![bold("Status")]),
            ],
            SMALL + 0.5,
            true,
        );
        for d in &book.documents {
            let code = d
                .handbook_code
                .clone()
                .unwrap_or_else(|| d.fields.code.clone());
            let mut title = vec![regular(d.fields.title.as_str())];
            title.push(regular(format!("\n{}", d.fields.policy_type.label())));
            let mut status = d.status.label().to_owned();
            if let Some(due) = &d.review_due {
                status.push_str(&format!("\nReview due {due}"));
            }
            flow.row(
                &[
                    (
                        widths[0],
                        vec![regular(if code.is_empty() {
                            "—".to_owned()
                        } else {
                            code
                        })],
                    ),
                    (widths[1], title),
                    (widths[2], vec![regular(status)]),
                ],
                SMALL + 0.5,
                false,
            );
        }
    }

    let country = if m.country.trim().is_empty() {
        "The host country".to_owned()
    } else {
        m.country.clone()
    };
    flow.section(&format!("Host country: {country}"));
    if book.country_notes.is_empty() {
        flow.text("No notes are recorded for the host country.");
    }
    for note in &book.country_notes {
        let f = &note.fields;
        flow.heading(&format!("{} ({})", f.topic, f.date), 11.0, false);
        flow.text(f.text.trim());
        if !f.source.trim().is_empty() {
            flow.paragraph(
                &[regular(format!("Source: {}", f.source.trim()))],
                SMALL + 0.5,
                0.0,
                MUTED,
            );
        }
        flow.space(4.0);
    }

    flow.section("Open action items");
    if book.action_items.is_empty() {
        flow.text("No action items are open.");
    }
    for a in &book.action_items {
        let f = &a.fields;
        let mut spans = vec![bold(f.title.as_str())];
        let mut about = Vec::new();
        if !f.owner.trim().is_empty() {
            about.push(format!("Owner: {}", f.owner.trim()));
        }
        if let Some(due) = f.due_date {
            let overdue = if f.is_overdue(book.made_on) {
                " (overdue)"
            } else {
                ""
            };
            about.push(format!("Due {due}{overdue}"));
        }
        if !about.is_empty() {
            spans.push(regular(format!(" — {}", about.join(", "))));
        }
        flow.paragraph(&spans, BODY, 0.0, INK);
        if !f.notes.trim().is_empty() {
            flow.paragraph(&[regular(f.notes.trim())], SMALL + 0.5, 12.0, MUTED);
        }
        flow.space(3.0);
    }
    Ok(())
}

fn position(flow: &mut Flow<'_, '_>, p: &PositionEntry) {
    flow.ensure(line_height(BODY) * 4.0);
    flow.space(2.0);
    flow.paragraph(
        &[
            bold("Position on "),
            bold(p.document.as_str()),
            regular(format!(
                " — {} (priority {})",
                p.stance,
                p.priority.to_lowercase()
            )),
        ],
        BODY,
        0.0,
        ACCENT,
    );
    flow.labelled("Stance", &p.stance, 12.0);
    flow.labelled("Rationale", &p.rationale, 12.0);
    flow.labelled("Red lines", &p.red_lines, 12.0);
    flow.labelled("Fallback", &p.fallback, 12.0);
    flow.labelled("Mandate", &p.mandate, 12.0);
    flow.labelled("Own policies", &p.own_policies.join(", "), 12.0);
    flow.labelled("Approved", &p.approved, 12.0);
}
