import { describe, expect, it } from 'vitest';
import { keepLineBreaks, reportFileBase } from '../../shared/domain/report';

describe('report helpers', () => {
  it('names a report after the problem and the day', () => {
    expect(reportFileBase('URL shortener (TinyURL)', Date.UTC(2025, 2, 4, 23, 30))).toBe(
      'tradeoff-url-shortener-tinyurl-2025-03-04',
    );
    expect(reportFileBase('…', Date.UTC(2025, 0, 1))).toBe('tradeoff-2025-01-01');
  });

  it('keeps typed line breaks as Markdown hard breaks, and leaves code and blocks alone', () => {
    expect(keepLineBreaks('one\ntwo\nthree')).toBe('one  \ntwo  \nthree');
    expect(keepLineBreaks('para\n\nnext')).toBe('para\n\nnext');
    expect(keepLineBreaks('a\r\nb')).toBe('a  \nb');
    expect(keepLineBreaks('```\nx = 1\ny = 2\n```\nafter\nline')).toBe(
      '```\nx = 1\ny = 2\n```\nafter  \nline',
    );
    expect(keepLineBreaks('- a\n- b')).toBe('- a  \n- b');
  });
});

describe('report dates', () => {
  it('reads in the reader’s own locale and time zone, and says UTC only when it has to', async () => {
    const { reportDate } = await import('../../electron/core/review/reports');
    const at = Date.UTC(2025, 2, 4, 23, 30);
    const tokyo = reportDate(at, { locale: 'en-GB', timeZone: 'Asia/Tokyo' });
    expect(tokyo).toContain('5 Mar 2025'); // already the next day in Tokyo
    expect(tokyo).toMatch(/08:30/);
    const ny = reportDate(at, { locale: 'en-US', timeZone: 'America/New_York' });
    expect(ny).toContain('Mar 4, 2025');
    expect(ny).toMatch(/6:30/);
    expect(reportDate(at, { timeZone: 'Not/AZone' })).toBe('2025-03-04 23:30 UTC');
  });
});
