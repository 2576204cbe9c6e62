//! Reading ahead: the load pass reads and prepares rows on a second thread, with a
//! helper thread preparing half of each chunk, while the first writes them to SQLite,
//! so decoding, typing and parsing phone numbers (`fields::phone`, the largest part)
//! overlap with the writes.
//!
//! Owns the chunks rows travel in and the reading thread's loop; rows keep file order,
//! and a read error is sent to the writer, which ends the import (nothing is written:
//! the transaction rolls back). Called by [`super::load`] inside `std::thread::scope`.

use std::sync::mpsc::{self, Receiver, SyncSender};

use super::ImportError;
use super::prepare::{Prepared, Preparer};
use super::read::{Row, Rows};

/// Rows prepared per message from the reading thread, and messages it may run ahead.
pub const CHUNK: usize = 1024;
pub const CHUNKS_AHEAD: usize = 8;

/// Strings given back by the writer that the reading thread keeps for later rows: a
/// few chunks' worth (a few MiB); more are freed.
const POOL: usize = 64 * 1024;

/// Prepared rows in file order, and the raw bytes read up to the last of them.
pub struct Chunk {
    pub rows: Vec<Prepared>,
    pub bytes_done: u64,
}

/// The reading thread: read and prepare rows, sending them in chunks until the file
/// ends, a read fails (the error is sent) or the writer stops listening. Half of each
/// chunk is prepared by a helper thread that lives as long as the reading (preparing,
/// parsing phone numbers above all, costs more than reading or writing a row; the
/// numbering plan's compiled patterns keep their caches per thread, so the helper is
/// one thread for the whole file, never one per chunk). The text values the writer
/// is done with come back on `spent` and rows are cleaned into them: a value allocated
/// here and freed on the writing thread cost more than reading it.
pub fn read_ahead(
    rows: &mut Rows,
    preparer: &Preparer<'_>,
    send: &SyncSender<Result<Chunk, ImportError>>,
    spent: &Receiver<Vec<String>>,
) {
    let mut pool: Vec<String> = Vec::new();
    std::thread::scope(|scope| {
        let (to_helper, helper_rows) = mpsc::sync_channel::<Vec<Row>>(1);
        let (helper_done, from_helper) = mpsc::sync_channel::<Vec<Prepared>>(1);
        scope.spawn(move || {
            let mut memo = preparer.memo();
            for read in helper_rows {
                let prepared = (read.into_iter())
                    .map(|r| preparer.prepare(r, &mut memo))
                    .collect();
                if helper_done.send(prepared).is_err() {
                    return;
                }
            }
        });
        let mut memo = preparer.memo();
        loop {
            let mut read = Vec::with_capacity(CHUNK);
            let mut end = false;
            while let Ok(strings) = spent.try_recv() {
                pool.extend(strings.into_iter().take(POOL.saturating_sub(pool.len())));
            }
            while read.len() < CHUNK {
                let spare = pool.split_off(pool.len().saturating_sub(rows.width()));
                match rows.next_row_reusing(spare) {
                    Ok(Some(row)) => read.push(row),
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
            let second = read.split_off(read.len() / 2);
            // The helper only stops when this side stops sending, so both sends and
            // the receive below succeed while it runs.
            let helped = to_helper.send(second).is_ok();
            let mut prepared: Vec<Prepared> = read
                .into_iter()
                .map(|r| preparer.prepare(r, &mut memo))
                .collect();
            match from_helper.recv() {
                Ok(rest) if helped => prepared.extend(rest),
                _ => return,
            }
            let chunk = Chunk {
                rows: prepared,
                bytes_done: rows.bytes_done(),
            };
            if send.send(Ok(chunk)).is_err() || end {
                return;
            }
        }
    });
}
