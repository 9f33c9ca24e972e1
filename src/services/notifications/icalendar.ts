/**
 * The calendar file (.ics) a kallelse carries, written by hand per RFC 5545 (iCalendar) with the
 * scheduling methods of RFC 5546 (iTIP): METHOD:REQUEST for a new or changed meeting,
 * METHOD:CANCEL for a cancelled one. The UID is the invitation's and never changes, and SEQUENCE
 * grows with each change, so a calendar program updates or removes the event it already has
 * instead of adding a second one (RFC 5546 §2.1.4, §2.1.5).
 *
 * The text names the plan by its number only: a purpose or question may hold the child's name,
 * and a calendar entry is read far outside the system. The one deliberate exception is the
 * meeting's place and video link (LOCATION, URL, and the link in DESCRIPTION), carried as staff
 * wrote them, because an invitation without them is useless; the web form where staff write
 * them tells them never to put the child's name there (see messages.ts).
 */

export interface CalendarEvent {
  method: 'REQUEST' | 'CANCEL';
  /** Stable per invitation: `<invitationId>@<domain>`. */
  uid: string;
  /** 0 for the first version; higher for each change (the invitation's version − 1). */
  sequence: number;
  /** When this version of the event was made (DTSTAMP). */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The iCalendar object (text/calendar), lines ending in CRLF and folded at 75 octets. */
export function calendarText(e: CalendarEvent): string {
  const cancelled = e.method === 'CANCEL';
  const lines = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Samplan//SIP//SV',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    `METHOD:${e.method}`,
    'BEGIN:VEVENT',
    `UID:${text(e.uid)}`,
    `DTSTAMP:${utc(e.stamp)}`,
    `DTSTART:${utc(e.start)}`,
    `DTEND:${utc(e.end)}`,
    `SEQUENCE:${e.sequence}`,
    `STATUS:${cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${text(e.summary)}`,
    `DESCRIPTION:${text(e.description)}`,
    ...(e.location ? [`LOCATION:${text(e.location)}`] : []),
    // URL is a URI value (RFC 5545 §3.8.4.6): not TEXT-escaped.
    ...(e.url ? [`URL:${e.url}`] : []),
    `ORGANIZER;CN=${param(e.organizer.name)}:mailto:${e.organizer.email}`,
    // Answers are given in Samplan, where a refusal needs its reason (the routine), not by
    // replying to the calendar: RSVP=FALSE.
    `ATTENDEE;CN=${param(e.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${e.attendee.email}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** An instant as a UTC DATE-TIME: 20260512T070000Z. */
function utc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** TEXT escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newline. */
function text(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A parameter value (RFC 5545 §3.2): quoted, since a name may hold a comma or colon; no quotes inside. */
function param(s: string): string {
  return `"${s.replace(/["\r\n]/g, '')}"`;
}

/**
 * Folds a content line longer than 75 octets (RFC 5545 §3.1): CRLF and one space before each
 * continuation, never splitting a UTF-8 character.
 */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    // The first line holds 75 octets; continuations 74 after their leading space.
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** Unfolds and reads the properties of an iCalendar text (for tests and diagnostics). */
export function parseCalendar(ics: string): Array<{ name: string; params: string; value: string }> {
  return ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean).map((line) => {
    const colon = indexOfValueColon(line);
    const head = line.slice(0, colon);
    const semi = head.indexOf(';');
    return { name: semi < 0 ? head : head.slice(0, semi), params: semi < 0 ? '' : head.slice(semi + 1), value: line.slice(colon + 1) };
  });
}

/** The colon that ends the name and parameters: the first one outside a quoted parameter value. */
function indexOfValueColon(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') quoted = !quoted;
    else if (line[i] === ':' && !quoted) return i;
  }
  return line.length;
}
