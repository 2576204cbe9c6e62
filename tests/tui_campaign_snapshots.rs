//! Snapshots of the campaign screens at 80×24 and 120×40, reached through `update` on
//! case BR-15 (`tui_campaign_support`): Messages (editor, live render, coverage),
//! Messages with a problem under the editor, Preview (table and summary), and the
//! explanation popup. No clocks or spinners are drawn.

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, draw, send};
use tactful::tui::message::CampaignMsg;
use tactful::tui::message::{Message, Screen};
use tactful::tui::widgets::text_area::AreaEdit;
use tactful::tui::widgets::text_input::TextEdit;
use tui_campaign_support::br15;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn on(screen: Screen, w: u16, h: u16) -> (tactful::workspace::Workspace, tactful::tui::app::App) {
    let ws = br15();
    let mut a = app(&ws, w, h);
    send(&mut a, &ws, Message::Refresh);
    send(&mut a, &ws, Message::SwitchScreen(screen));
    (ws, a)
}

#[test]
fn messages_screen() {
    for (w, h) in SIZES {
        let (ws, mut a) = on(Screen::Messages, w, h);
        // Cy, Gold's second recipient: blank first name, so the render shows the
        // fallback.
        send(&mut a, &ws, Message::Campaign(CampaignMsg::NextContact));
        insta::assert_snapshot!(format!("messages_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn messages_screen_with_a_problem() {
    for (w, h) in SIZES {
        let (ws, mut a) = on(Screen::Messages, w, h);
        send(&mut a, &ws, Message::Campaign(CampaignMsg::EditBody));
        // The editor opens at the end of the body; the mistake goes on line 1.
        send(
            &mut a,
            &ws,
            Message::Campaign(CampaignMsg::EditLines(AreaEdit::Up)),
        );
        send(&mut a, &ws, Message::Edit(TextEdit::End));
        send(
            &mut a,
            &ws,
            Message::Edit(TextEdit::Paste(" {{ frist_name }}".into())),
        );
        insta::assert_snapshot!(
            format!("messages_problem_{w}x{h}"),
            draw(&a, w, h).backend()
        );
    }
}

#[test]
fn preview_screen() {
    for (w, h) in SIZES {
        let (_ws, a) = on(Screen::Preview, w, h);
        insta::assert_snapshot!(format!("preview_{w}x{h}"), draw(&a, w, h).backend());
    }
}

#[test]
fn explanation_popup() {
    for (w, h) in SIZES {
        let (ws, mut a) = on(Screen::Preview, w, h);
        send(&mut a, &ws, Message::Campaign(CampaignMsg::ExplainContact));
        insta::assert_snapshot!(format!("explanation_{w}x{h}"), draw(&a, w, h).backend());
    }
}
