//! An iCalendar (RFC 5545) feed of planned inspections and inventories due, as all-day events. Written by hand:
//! the feed needs only VEVENTs with text and dates, and the three rules that matter (CRLF line ends, folding at
//! 75 octets without splitting a character, escaping of `\ ; ,` and newlines) are a few lines each, tested below.

use chrono::{NaiveDate, NaiveDateTime};
use std::fmt::Write as _;

/// One all-day event.
#[derive(Debug, Clone)]
pub struct CalendarEvent {
    /// Globally unique and stable across feeds, so calendars update events instead of doubling them.
    pub uid: String,
    pub day: NaiveDate,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
}

/// The whole calendar; `stamp` is when it was generated (DTSTAMP, required on every event).
pub fn calendar(name: &str, events: &[CalendarEvent], stamp: NaiveDateTime) -> String {
    let mut out = String::new();
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//equipcheck//end-use monitoring//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, &format!("X-WR-CALNAME:{}", escape(name)));
    for event in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", escape(&event.uid)));
        line(&mut out, &format!("DTSTAMP:{stamp}"));
        line(&mut out, &format!("DTSTART;VALUE=DATE:{}", event.day.format("%Y%m%d")));
        let end = event.day.succ_opt().unwrap_or(event.day);
        line(&mut out, &format!("DTEND;VALUE=DATE:{}", end.format("%Y%m%d")));
        line(&mut out, &format!("SUMMARY:{}", escape(&event.summary)));
        line(&mut out, &format!("DESCRIPTION:{}", escape(&event.description)));
        if let Some(location) = &event.location {
            line(&mut out, &format!("LOCATION:{}", escape(location)));
        }
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// TEXT value escaping (RFC 5545 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (continuation lines start with a space, which counts), ended by
/// CRLF. Never splits a UTF-8 character.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    let _ = write!(out, "\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(summary: &str) -> CalendarEvent {
        CalendarEvent {
            uid: "inspection-1@equipcheck".into(),
            day: NaiveDate::from_ymd_opt(2028, 2, 29).unwrap(),
            summary: summary.into(),
            description: "Line one\nline two; with, commas \\ backslash".into(),
            location: Some("Niamey, base 3".into()),
        }
    }

    #[test]
    fn lines_end_in_crlf_fold_at_75_octets_and_unfold_back() {
        let summary = "Inventaire des jumelles de vision nocturne é".repeat(6);
        let stamp = NaiveDate::from_ymd_opt(2026, 11, 22)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap();
        let text = calendar("niger-police", &[event(&summary)], stamp);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        for physical in text.split("\r\n") {
            assert!(physical.len() <= 75, "{} octets: {physical}", physical.len());
        }
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{summary}\r\n")));
        assert!(unfolded.contains("DESCRIPTION:Line one\\nline two\\; with\\, commas \\\\ backslash\r\n"));
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20280229\r\nDTEND;VALUE=DATE:20280301\r\n"));
        assert!(unfolded.contains("DTSTAMP:20261122T080000Z\r\nDTSTART"));
        assert!(unfolded.contains("LOCATION:Niamey\\, base 3\r\n"));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape("a,b;c\\d\r\ne\rf"), "a\\,b\\;c\\\\d\\ne\\nf");
        assert_eq!(escape("bell\u{7}"), "bell");
    }
}
