/** One calendar of deadlines (issue #16 item 7): the events a person's units must meet, and their ICS
 * form (RFC 5545) for a calendar application. Pure. */

export const CALENDAR_KINDS = ['stage', 'report', 'survey', 'plan', 'task'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

export const CALENDAR_KIND_LABELS: Record<CalendarKind, string> = {
  stage: 'Kỳ đánh giá',
  report: 'Báo cáo',
  survey: 'Khảo sát',
  plan: 'Kế hoạch',
  task: 'Nhiệm vụ',
};

/** A deadline: an all-day event on `date` (yyyy-mm-dd, the last day included). */
export interface CalendarEvent {
  /** Stable across reads (a calendar application updates the event instead of adding one). */
  uid: string;
  date: string;
  kind: CalendarKind;
  title: string;
  detail: string;
  /** The reader's units it concerns (names). */
  units: string[];
  /** The page in the app (a path). */
  link: string;
}

/** Text of a property value: backslash, semicolon, comma and newlines escaped (RFC 5545 §3.3.11). */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** A content line folded at 75 octets (RFC 5545 §3.1), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    const limit = out.length ? 74 : 75; // a continuation line starts with one space
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const day = (iso: string) => iso.replace(/-/g, '');

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** The ICS text of a calendar: all-day events, CRLF line ends, folded lines. `origin` makes the
 * events' links absolute. */
export function icsCalendar(
  name: string,
  events: readonly CalendarEvent[],
  opts: { origin: string; now: Date },
): string {
  const stamp = opts.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Chiso//Lich han CCHC//VI',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(name)}`,
    'X-WR-TIMEZONE:Asia/Ho_Chi_Minh',
  ];
  for (const e of events) {
    const detail = [e.detail, e.units.length ? `Đơn vị: ${e.units.join('; ')}` : ''].filter(Boolean);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}@chiso`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day(e.date)}`,
      `DTEND;VALUE=DATE:${day(nextDay(e.date))}`,
      `SUMMARY:${icsText(e.title)}`,
      `DESCRIPTION:${icsText(detail.join('\n'))}`,
      `CATEGORIES:${icsText(CALENDAR_KIND_LABELS[e.kind])}`,
      `URL:${opts.origin}${e.link}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
