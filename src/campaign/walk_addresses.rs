//! The addresses one walk ([`super::walk`]) looks up per contact, in one table: the
//! channel's refused addresses ([`super::opt_outs`]) and the addresses assigned so far
//! (the duplicate-address step of [`super::assign`]).
//!
//! A granted contact's address is looked up among the 400,000 refused addresses of the
//! bench's workspace, then among those assigned: two tables of a few megabytes each, so
//! a cache miss in each per contact (issue 13: the two look-ups were about a tenth of a
//! preview of 1,000,000 contacts). In one table ([`AddressTable`]) the second probe
//! reads the buckets the first has just read. What is decided is unchanged: a refusal
//! is found as [`AddressOptOuts::other_refusal`] finds it, and an address counts as
//! assigned exactly when an earlier contact was assigned it (held by a 63-bit hash,
//! keyed at random per run, as the assigner's own set holds it by 64).

use super::assign::AssignedAddresses;
use super::opt_outs::{AddressOptOuts, AddressRefusal, ByContact};
use super::refused::AddressTable;
use crate::fields::ConsentState;

/// One walk's refused and assigned addresses.
#[derive(Debug)]
pub(super) struct WalkAddresses<'o> {
    opt_outs: &'o AddressOptOuts,
    table: AddressTable<'o, ByContact>,
}

impl<'o> WalkAddresses<'o> {
    /// The refused addresses of `opt_outs`, and none assigned yet.
    pub(super) fn new(opt_outs: &'o AddressOptOuts) -> Self {
        WalkAddresses {
            opt_outs,
            table: opt_outs.walk_table(),
        }
    }

    /// [`AddressOptOuts::other_refusal`], looked up in this table.
    pub(super) fn other_refusal(
        &self,
        address: &str,
        id: i64,
        own: ConsentState,
    ) -> Option<AddressRefusal> {
        (self.opt_outs).refusal_among(|a| self.table.get(a).copied(), address, id, own)
    }
}

impl AssignedAddresses for WalkAddresses<'_> {
    fn contains(&self, address: &str) -> bool {
        self.table.assigned(address)
    }

    fn insert(&mut self, address: &str) -> bool {
        self.table.assign(address)
    }
}
