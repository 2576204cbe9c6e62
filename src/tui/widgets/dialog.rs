//! Where a dialog goes: the rectangle every popup and confirmation question is drawn
//! in, shared by the screens' dialogs and the app's own popups.

use ratatui::layout::Rect;

/// A rectangle of at most `width`×`height`, centred in `area` and never outside it.
pub fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
