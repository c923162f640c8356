/**
 * Reads the text of a PDF that Chromium printed (Skia's PDF back end): each page's content streams
 * are inflated and their text-showing operators decoded through the fonts' ToUnicode maps (Skia
 * writes glyph ids, not characters). Enough for tests to check what a report says; not a general
 * PDF parser (no object streams, no encryption, which Chromium's printed PDFs do not use).
 */
import zlib from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objects(bytes: Buffer): Map<number, PdfObject> {
  const raw = bytes.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endobj', start);
    if (end < 0) break;
    const body = raw.slice(start, end);
    const s = /stream\r?\n/.exec(body);
    let stream: Buffer | null = null;
    let dict = body;
    if (s) {
      dict = body.slice(0, s.index);
      const from = start + s.index + s[0].length;
      const to = raw.lastIndexOf('endstream', end);
      const chunk = bytes.subarray(from, to);
      stream = /\/FlateDecode/.test(dict) ? zlib.inflateSync(chunk) : chunk;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

const refs = (text: string): number[] => [...text.matchAll(/(\d+) 0 R/g)].map((r) => Number(r[1]));

function utf16(hex: string): string {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

/** A ToUnicode CMap: glyph code (hex, as written in the content) to text. */
function toUnicode(cmap: string): { width: number; map: Map<number, string> } {
  const map = new Map<number, string>();
  let width = 2;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, src, dst] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) {
      width = src!.length / 2;
      map.set(parseInt(src!, 16), utf16(dst!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1]!.matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g,
    )) {
      width = lo!.length / 2;
      const from = parseInt(lo!, 16);
      const to = parseInt(hi!, 16);
      if (dst!.startsWith('[')) {
        [...dst!.matchAll(/<([0-9A-Fa-f]*)>/g)].forEach((d, i) => map.set(from + i, utf16(d[1]!)));
      } else {
        const base = utf16(dst!.slice(1, -1));
        for (let c = from; c <= to; c++)
          map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + c - from));
      }
    }
  }
  return { width, map };
}

function decodeHex(hex: string, font: { width: number; map: Map<number, string> } | undefined): string {
  const clean = hex.replace(/\s+/g, '');
  if (!font) return Buffer.from(clean, 'hex').toString('latin1');
  let s = '';
  const step = font.width * 2;
  for (let i = 0; i + step <= clean.length; i += step)
    s += font.map.get(parseInt(clean.slice(i, i + step), 16)) ?? '';
  return s;
}

/** Text without any whitespace: what a PDF's text is compared by (see pdfText). */
export const squash = (text: string): string => text.replace(/\s+/g, '');

/** The text of every page, in content order; a move to a new line starts a new line. */
export function pdfText(bytes: Buffer): string {
  const objs = objects(bytes);
  const resolve = (dict: string, key: string): string => {
    const m = new RegExp(`/${key}\\s*(\\d+) 0 R`).exec(dict);
    return m ? (objs.get(Number(m[1]))?.dict ?? '') : dict;
  };
  const pages: string[] = [];
  for (const obj of objs.values()) {
    if (!/\/Type\s*\/Page\b/.test(obj.dict)) continue;
    const resources = resolve(obj.dict, 'Resources');
    const fontDict = /\/Font\s*(\d+) 0 R/.exec(resources)
      ? (objs.get(Number(/\/Font\s*(\d+) 0 R/.exec(resources)![1]))?.dict ?? '')
      : (/\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '');
    const fonts = new Map<string, ReturnType<typeof toUnicode>>();
    for (const [, name, id] of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
      const font = objs.get(Number(id));
      const cmapId = font && /\/ToUnicode\s+(\d+) 0 R/.exec(font.dict)?.[1];
      const cmap = cmapId ? objs.get(Number(cmapId))?.stream : null;
      if (cmap) fonts.set(name!, toUnicode(cmap.toString('latin1')));
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(obj.dict)?.[1] ?? '';
    let text = '';
    let font: ReturnType<typeof toUnicode> | undefined;
    let lastY: number | null = null;
    for (const id of refs(contents)) {
      const content = objs.get(id)?.stream?.toString('latin1') ?? '';
      const ops =
        /\/([\w.+-]+)\s+[\d.]+\s+Tf|([-\d.]+)\s+([-\d.]+)\s+Td|[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s+Tm|<([0-9A-Fa-f\s]*)>\s*Tj|\[((?:[^\]\\]|\\.)*)\]\s*TJ/g;
      for (const op of content.matchAll(ops)) {
        if (op[1]) font = fonts.get(op[1]);
        else if (op[3] !== undefined || op[5] !== undefined) {
          // A text position: a new line when it moves down. Runs on one line are joined as they
          // are (table cells run together, letter-spaced text stays one word): compare text with
          // its whitespace removed (see squash).
          const absolute = op[5] !== undefined;
          const y = Number(op[3] ?? op[5]);
          const newLine = absolute ? lastY !== null && Math.abs(y - lastY) > 1 : Math.abs(y) > 1;
          if (text && newLine) text += '\n';
          if (absolute) lastY = y;
        } else if (op[6] !== undefined) text += decodeHex(op[6], font);
        else if (op[7] !== undefined) {
          for (const part of op[7].matchAll(/<([0-9A-Fa-f\s]*)>|(-?[\d.]+)/g)) {
            if (part[1] !== undefined) text += decodeHex(part[1], font);
            // A large negative kern inside one run is a word space that has no glyph.
            else if (Number(part[2]) < -200) text += ' ';
          }
        }
      }
    }
    // Fonts map ligature glyphs to the ligature characters (ﬁ, ﬀ): spell them out.
    pages.push(text.replace(/[\uFB00-\uFB04]/g, (c) => c.normalize('NFKC')).replace(/ +\n/g, '\n'));
  }
  return pages.join('\n\f');
}
