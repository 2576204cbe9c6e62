//! A template error longer than a few lines is shown whole on the Messages screen
//! (trial 4, minor notes: the error was cut after 4 lines although 20 empty rows were
//! below it). Case BR-15's workspace (`tui_campaign_support`); five unknown merge
//! fields make a problem of one line each, the last `{{ zzz_last }}`.

#[path = "tui_common/mod.rs"]
mod common;
mod tui_campaign_support;

use common::{app, send};
use tactful::tui::message::CampaignMsg;
use tactful::tui::message::{Message, Screen};
use tactful::tui::widgets::text_area::AreaEdit;
use tactful::tui::widgets::text_input::TextEdit;
use tui_campaign_support::br15;

#[test]
fn every_line_of_a_long_problem_is_on_screen() {
    for (w, h) in [(80, 24), (120, 40)] {
        let ws = br15();
        let mut a = app(&ws, w, h);
        send(&mut a, &ws, Message::Refresh);
        send(&mut a, &ws, Message::SwitchScreen(Screen::Messages));
        send(&mut a, &ws, Message::Campaign(CampaignMsg::EditBody));
        send(
            &mut a,
            &ws,
            Message::Campaign(CampaignMsg::EditLines(AreaEdit::Up)),
        );
        send(&mut a, &ws, Message::Edit(TextEdit::End));
        send(
            &mut a,
            &ws,
            Message::Edit(TextEdit::Paste(
                " {{ frist_name }} {{ lst_name }} {{ emial }} {{ cty }} {{ zzz_last }}".into(),
            )),
        );
        let problem = a.messages.problem.clone().unwrap();
        let screen = common::screen_text(&a, w, h);
        // The problem's text, wrapped over the left pane: each of its words is on
        // screen, the last line's included.
        let joined: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
        for line in problem.lines() {
            let last = line.split_whitespace().last().unwrap();
            assert!(
                joined.contains(last),
                "{w}x{h}: `{last}` of `{line}` not shown\n{screen}"
            );
        }
        assert!(problem.lines().count() >= 5, "{problem}");
        assert!(screen.contains("zzz_last"), "{screen}");
    }
}
