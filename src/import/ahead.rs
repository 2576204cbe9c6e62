//! Reading ahead: the load pass reads and prepares rows on a second thread while the
//! first writes them to SQLite, so decoding, typing and parsing phone numbers (some
//! 15 µs per number in a release build, `fields::phone`) overlap with the writes.
//!
//! Owns the chunks rows travel in and the reading thread's loop; rows keep file order,
//! and a read error is sent to the writer, which ends the import (nothing is written:
//! the transaction rolls back). Called by [`super::load`] inside `std::thread::scope`.

use std::sync::mpsc::SyncSender;

use super::ImportError;
use super::prepare::{Prepared, Preparer};
use super::read::Rows;

/// Rows prepared per message from the reading thread, and messages it may run ahead.
pub const CHUNK: usize = 1024;
pub const CHUNKS_AHEAD: usize = 8;

/// Prepared rows in file order, and the raw bytes read up to the last of them.
pub struct Chunk {
    pub rows: Vec<Prepared>,
    pub bytes_done: u64,
}

/// The reading thread: read and prepare rows, sending them in chunks until the file
/// ends, a read fails (the error is sent) or the writer stops listening.
pub fn read_ahead(
    rows: &mut Rows,
    preparer: &Preparer<'_>,
    send: &SyncSender<Result<Chunk, ImportError>>,
) {
    loop {
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut end = false;
        while chunk.len() < CHUNK {
            match rows.next_row() {
                Ok(Some(row)) => chunk.push(preparer.prepare(row)),
                Ok(None) => {
                    end = true;
                    break;
                }
                Err(e) => {
                    let _ = send.send(Err(e));
                    return;
                }
            }
        }
        let chunk = Chunk {
            rows: chunk,
            bytes_done: rows.bytes_done(),
        };
        if send.send(Ok(chunk)).is_err() || end {
            return;
        }
    }
}
