//! Guides for the screens not built yet: what the screen will do, and the command that
//! does it today. Every screen's guide also gives the tagline under the tabs.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph, Widget, Wrap};

use crate::tui::message::Screen;
use crate::tui::theme;

/// A screen's guide: a sentence or two on its job, then the commands that do it now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guide {
    /// A few words for the line under the tabs.
    pub tagline: &'static str,
    pub purpose: &'static str,
    pub commands: &'static [&'static str],
}

/// The guide of `screen`. The Fields screen draws its own content; its guide gives the
/// tagline and is shown while the workspace is empty.
pub fn guide(screen: Screen) -> Guide {
    match screen {
        Screen::Import => Guide {
            tagline: "bring CSV exports into the audience",
            purpose: "Bring customer exports (CSV) into the audience, merged by contact key. \
                The importer detects encoding, delimiter and header, infers each field's \
                type, maps consent columns, and lists every rejected row with its line \
                number. Every import is one batch you can undo.",
            commands: &[
                "tactful import FILE --dry-run",
                "tactful import FILE --consent email=granted",
                "tactful import undo",
            ],
        },
        Screen::Fields => Guide {
            tagline: "types, roles and privacy classes",
            purpose: "Every field with its type, role and privacy class, and the reason it \
                was given.",
            commands: &[
                "tactful fields",
                "tactful fields set FIELD --class C --reason TEXT",
            ],
        },
        Screen::Segments => Guide {
            tagline: "rules over fields, with reach",
            purpose: "Named rules over fields, with their reach (how many contacts match) \
                updating as you type, and the overlap between segments. Special category \
                and protected fields are refused unless a campaign unlocks them.",
            commands: &[
                "tactful reach 'city is \"Lyon\" and orders > 2'",
                "tactful segment add NAME RULE",
                "tactful segment list",
            ],
        },
        Screen::Messages => Guide {
            tagline: "one message per segment, with merge fields",
            purpose: "One message per segment of a campaign: subject and body with merge \
                fields and fallbacks ({{ first_name | default(\"there\") }}), rendered live \
                for a real contact, with coverage counts and SMS length.",
            commands: &[
                "tactful campaign new NAME --channel email",
                "tactful campaign add NAME SEGMENT --subject T --body-file F",
            ],
        },
        Screen::Preview => Guide {
            tagline: "who gets what, and who is excluded why",
            purpose: "The whole audience, one row per contact: the segment and message it \
                gets, or the one reason it is excluded. Counts reconcile: audience = \
                recipients + excluded.",
            commands: &["tactful preview CAMPAIGN", "tactful explain CAMPAIGN KEY"],
        },
        Screen::Review => Guide {
            tagline: "findings, unlocks and sign-off",
            purpose: "Findings for the privacy reviewer, blockers first; unlock a field \
                with a written justification; sign off.",
            commands: &[
                "tactful review CAMPAIGN",
                "tactful unlock CAMPAIGN FIELD --reason TEXT",
                "tactful review CAMPAIGN --sign-off NAME --note TEXT",
            ],
        },
        Screen::Export => Guide {
            tagline: "the recipients file and its manifest",
            purpose: "Write the recipients file and its export manifest, only when review \
                has no open blocker.",
            commands: &["tactful export CAMPAIGN --out DIR"],
        },
    }
}

/// What a guide screen draws.
pub struct GuideView<'a> {
    pub screen: Screen,
    /// The workspace file, as given by the user (sanitised here).
    pub workspace: &'a str,
}

impl Widget for &GuideView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let g = guide(self.screen);
        let mut lines = vec![
            Line::from(g.purpose),
            Line::from(""),
            Line::from("This screen is still being built. Today, from a shell:"),
            Line::from(""),
        ];
        for c in g.commands {
            lines.push(Line::from(vec![
                Span::raw("    "),
                Span::styled(*c, theme::COMMAND),
            ]));
        }
        lines.push(Line::from(""));
        lines.push(Line::from(format!(
            "Workspace: {}",
            crate::text::for_terminal(self.workspace)
        )));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::new().padding(Padding::horizontal(1)))
            .render(area, buf);
    }
}
