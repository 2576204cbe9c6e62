//! Which columns an export writes, why (for the manifest), and each recipient's cells.
//!
//! Only what the channel and the messages need (PRODUCT.md, "Export"): the channel
//! address, the segment, the message (rendered, or as merge values for the template
//! profiles), the contact key only with `--with-key`, and fields the user added
//! knowingly with `--field`. listmonk's importer keeps only `email`, `name` and a JSON
//! `attributes` column, so there everything but the address goes into `attributes`.

use serde_json::{Map, Value as Json};

use super::cells::Cell;
use super::manifest::{ColumnInfo, ColumnSource};
use super::marker::Marker;
use super::merge::{TemplatePlan, class_of};
use super::profile::{Platform, Profile};
use crate::campaign::preview::PreviewRow;
use crate::fields::value::Value;
use crate::fields::{Channel, Field, FieldType, Role};
use crate::review::ExtraField;

/// The columns of one export.
pub struct Layout {
    pub profile: Profile,
    pub channel: Channel,
    pub with_key: bool,
    /// Every column, in file order (listmonk: attributes as `attributes.NAME`).
    pub columns: Vec<ColumnInfo>,
    /// The CSV header.
    pub header: Vec<String>,
    /// Types of the user-added fields, in order.
    extra_types: Vec<FieldType>,
    /// Template profiles: each entry's send marker ([`super::marker`]), the value of
    /// the segment column; empty until the export sets them (then the segment name is
    /// written, as in the spreadsheet and upload profiles).
    pub markers: Vec<Marker>,
}

fn info(name: &str, source: ColumnSource, why: &str) -> ColumnInfo {
    ColumnInfo {
        name: name.to_string(),
        source,
        why: why.to_string(),
        field: None,
        class: None,
        expression: None,
        entries: Vec::new(),
    }
}

/// The header each profile writes for a campaign on `channel`, without added fields;
/// template profiles name their merge columns in general (they depend on the
/// templates). For the TUI's export screen.
pub fn headers(channel: Channel, fields: &[Field]) -> Vec<(Profile, Vec<String>)> {
    super::profile::ALL
        .into_iter()
        .filter(|p| p.refuses(channel).is_none())
        .map(|p| {
            let mut header = Layout::new(p, channel, fields, &[], false, None).header;
            if let Some(platform) = p.platform() {
                header.truncate(if platform == Platform::Listmonk { 1 } else { 2 });
                header.push(match platform {
                    Platform::Listmonk => {
                        "attributes (segment and one merge value per template expression)".into()
                    }
                    _ => "one merge value per template expression".into(),
                });
            }
            (p, header)
        })
        .collect()
}

impl Layout {
    /// The layout of `profile` for a campaign on `channel`.
    pub fn new(
        profile: Profile,
        channel: Channel,
        fields: &[Field],
        extra: &[ExtraField],
        with_key: bool,
        plan: Option<&TemplatePlan>,
    ) -> Layout {
        let role = match channel {
            Channel::Email => Role::Email,
            Channel::Sms => Role::Phone,
        };
        let address_field = fields.iter().find(|f| f.role == role);
        let platform = profile.platform();
        let mut columns = Vec::new();
        let address_name = match (platform, profile, channel) {
            (Some(p), _, _) => p.address_header(channel).to_string(),
            (None, Profile::Sms, _) | (None, _, Channel::Sms) => "phone".into(),
            (None, _, Channel::Email) => "email".into(),
        };
        let mut address = info(
            &address_name,
            ColumnSource::ChannelAddress,
            match channel {
                Channel::Sms => {
                    "the phone number the message is sent to, in E.164, and no other number of its cell"
                }
                Channel::Email => {
                    "the e-mail address the message is sent to, and no other address of its cell"
                }
            },
        );
        address.field = address_field.map(|f| f.name.clone());
        address.class = address_field.map(|f| f.class);
        columns.push(address);
        let attr = |name: &str| match platform {
            Some(Platform::Listmonk) => format!("attributes.{name}"),
            _ => name.to_string(),
        };
        if profile != Profile::Sms {
            let name = platform.map_or("segment", Platform::segment_name);
            columns.push(info(
                &attr(name),
                ColumnSource::Segment,
                match platform {
                    Some(_) => "this export's marker for the entry the contact gets (profile.markers): the only tag or property value to send to",
                    None => "which entry of the campaign the contact gets",
                },
            ));
        }
        if with_key {
            let name = platform.map_or("key", Platform::key_name);
            columns.push(info(
                &attr(name),
                ColumnSource::ContactKey,
                "asked for with --with-key: identifies the contact, to match replies and opt-outs back",
            ));
        }
        match plan {
            Some(plan) => {
                for c in &plan.columns {
                    let mut col = info(
                        &attr(&c.name),
                        ColumnSource::MergeValue,
                        "what this template expression rendered to for the recipient (value or fallback, after filters)",
                    );
                    col.field = (c.fields.len() == 1).then(|| c.fields[0].clone());
                    col.class = class_of(&c.fields, fields);
                    col.expression = Some(c.expression.clone());
                    col.entries = c.entries.clone();
                    columns.push(col);
                }
            }
            None => {
                if channel == Channel::Email {
                    columns.push(info(
                        "subject",
                        ColumnSource::MessageSubject,
                        "the rendered subject of the contact's message",
                    ));
                }
                columns.push(info(
                    "body",
                    ColumnSource::MessageBody,
                    "the rendered body of the contact's message",
                ));
            }
        }
        let mut extra_types = Vec::new();
        for x in extra {
            let f = fields.iter().find(|f| f.name == x.field);
            // The first name no column holds yet (compared as the platforms do, without
            // case): an added field never shares a header with a merge column or with
            // another added field that shortens to the same name.
            let name = (1..)
                .map(|n| match platform {
                    Some(p) => attr(&p.column_name(&x.field, n)),
                    None if n == 1 => x.field.clone(),
                    None => format!("{}_{n}", x.field),
                })
                .find(|name| {
                    !columns
                        .iter()
                        .any(|c: &ColumnInfo| c.name.eq_ignore_ascii_case(name))
                })
                .expect("an unbounded count finds a free name");
            let mut col = info(&name, ColumnSource::UserAdded, x.reason.trim());
            col.field = Some(x.field.clone());
            col.class = f.map(|f| f.class);
            columns.push(col);
            extra_types.push(f.map_or(FieldType::Text, |f| f.ty));
        }
        let header = match platform {
            Some(Platform::Listmonk) => vec![address_name, "attributes".into()],
            _ => columns.iter().map(|c| c.name.clone()).collect(),
        };
        Layout {
            profile,
            channel,
            with_key,
            columns,
            header,
            extra_types,
            markers: Vec::new(),
        }
    }

    /// One recipient's cells: `address` as it is to be written, the merge `values` of
    /// the template profiles, and the user-added fields' values.
    pub fn cells(
        &self,
        row: &PreviewRow,
        address: &str,
        values: &[String],
        extras: &[Value],
    ) -> Vec<Cell<'static>> {
        let segment = row.segment.clone().unwrap_or_default();
        // A template profile marks the entry's recipients with this export's marker,
        // never the bare segment name (`super::marker`).
        let segment = match self.markers.iter().find(|m| m.segment == segment) {
            Some(m) => m.marker.clone(),
            None => segment,
        };
        let platform = self.profile.platform();
        let extra_cells = extras
            .iter()
            .zip(&self.extra_types)
            .map(|(v, ty)| match ty {
                FieldType::Integer | FieldType::Decimal => Cell::number(v.display()),
                _ => Cell::text(v.display()),
            });
        if platform == Some(Platform::Listmonk) {
            let mut attrs = Map::new();
            let names = self.columns.iter().skip(1).map(|c| {
                c.name
                    .strip_prefix("attributes.")
                    .unwrap_or(&c.name)
                    .to_string()
            });
            let mut texts: Vec<String> = vec![segment];
            if self.with_key {
                texts.push(row.key.clone());
            }
            texts.extend(values.iter().cloned());
            texts.extend(extras.iter().map(Value::display));
            for (name, text) in names.zip(texts) {
                attrs.insert(name, Json::String(text));
            }
            return vec![
                Cell::text(address.to_string()),
                Cell::text(Json::Object(attrs).to_string()),
            ];
        }
        let mut cells = vec![Cell::text(address.to_string())];
        if self.profile != Profile::Sms {
            cells.push(Cell::text(match platform {
                // Mailchimp tags: a comma separates tags, so a tag holding one is
                // quoted (format guidelines for your import file).
                Some(Platform::Mailchimp) if segment.contains(',') => {
                    format!("\"{}\"", segment.replace('"', ""))
                }
                _ => segment,
            }));
        }
        if self.with_key {
            cells.push(Cell::text(row.key.clone()));
        }
        if platform.is_some() {
            cells.extend(values.iter().map(|v| Cell::text(v.clone())));
        } else {
            if self.channel == Channel::Email {
                cells.push(Cell::text(row.subject.clone().unwrap_or_default()));
            }
            cells.push(Cell::text(row.body.clone().unwrap_or_default()));
        }
        cells.extend(extra_cells);
        cells
    }
}
