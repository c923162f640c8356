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
