import { describe, expect, it } from 'vitest';
import { foldLine, icsCalendar, icsText } from '../src/calendar.ts';

describe('ICS', () => {
  it('escapes text values', () => {
    expect(icsText('a;b,c\\d\ne')).toBe('a\\;b\\,c\\\\d\\ne');
  });

  it('folds lines at 75 octets without cutting a Vietnamese character', () => {
    const line = `SUMMARY:${'Hạn gửi báo cáo kết quả đo lường sự hài lòng của người dân, tổ chức '.repeat(3)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(new TextEncoder().encode(p).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    // unfolding gives the line back, every character whole
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });

  it('writes all-day events ending the next day, with absolute links and CRLF line ends', () => {
    const text = icsCalendar(
      'Lịch hạn — Cán bộ',
      [
        {
          uid: 'report-1',
          date: '2024-12-31',
          kind: 'report',
          title: 'Hạn gửi báo cáo: Mẫu 01',
          detail: 'Chưa gửi',
          units: ['Công an huyện Cù Lao Dung'],
          link: '/reports/1',
        },
      ],
      { origin: 'https://chiso.example.vn', now: new Date('2026-11-29T04:00:00Z') },
    );
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toContain('DTSTART;VALUE=DATE:20241231\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20250101\r\n');
    expect(text).toContain('DTSTAMP:20261129T040000Z\r\n');
    expect(text).toContain('UID:report-1@chiso\r\n');
    expect(text).toContain('URL:https://chiso.example.vn/reports/1\r\n');
    expect(text).toContain('DESCRIPTION:Chưa gửi\\nĐơn vị: Công an huyện Cù Lao Dung\r\n');
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });
});
