//! The manifest's account of where the recipients' consent comes from (issue 9; GDPR
//! Art. 7(1): the controller must be able to demonstrate consent).
//!
//! Owns the tally: each recipient's consent source and evidence is looked up once, as
//! the export writes it, and counted per source (file and column or option, batch),
//! with how many recipients the file gave a consent time and an IP for. Called by
//! [`super::write`].

use std::collections::BTreeMap;

use super::manifest::ConsentSource;
use crate::fields::ConsentEvidence;

/// Recipients counted per consent source.
#[derive(Debug, Default)]
pub struct ConsentTally {
    sources: BTreeMap<String, ConsentSource>,
}

impl ConsentTally {
    /// Count one recipient whose consent has `source` (as stored with the state) and
    /// `evidence` (JSON), either possibly absent.
    pub fn add(&mut self, source: Option<String>, evidence: Option<&str>) {
        let evidence = ConsentEvidence::from_json(evidence);
        let source = source.unwrap_or_else(|| "no source recorded".to_string());
        let entry = self
            .sources
            .entry(source.clone())
            .or_insert_with(|| ConsentSource {
                source,
                file: evidence.as_ref().map(|e| e.file.clone()),
                batch: evidence.as_ref().map(|e| e.batch),
                recipients: 0,
                with_time: 0,
                with_ip: 0,
            });
        entry.recipients += 1;
        entry.with_time += u64::from(evidence.as_ref().is_some_and(|e| e.at.is_some()));
        entry.with_ip += u64::from(evidence.as_ref().is_some_and(|e| e.ip.is_some()));
    }

    /// One entry per source, ordered by source text.
    pub fn finish(self) -> Vec<ConsentSource> {
        self.sources.into_values().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_counted_per_source() {
        let mut t = ConsentTally::default();
        let with_time = r#"{"file":"a.csv","batch":1,"at":"2024-01-01T00:00:00Z","ip":"192.0.2.1","recorded_at":"x"}"#;
        let without = r#"{"file":"a.csv","batch":1,"recorded_at":"x"}"#;
        t.add(Some("column c, batch 1".into()), Some(with_time));
        t.add(Some("column c, batch 1".into()), Some(without));
        t.add(None, None);
        let out = t.finish();
        assert_eq!(out.len(), 2);
        assert_eq!(
            (
                out[0].source.as_str(),
                out[0].recipients,
                out[0].with_time,
                out[0].with_ip
            ),
            ("column c, batch 1", 2, 1, 1)
        );
        assert_eq!(out[0].file.as_deref(), Some("a.csv"));
        assert_eq!(
            (out[1].source.as_str(), out[1].file.as_ref()),
            ("no source recorded", None)
        );
    }
}
