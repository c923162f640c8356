/** Reads the text pdf-lib wrote into a PDF: inflates each content stream and decodes hex strings. */
import zlib from 'node:zlib';

export function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const chunk = bytes.subarray(start, end);
    let text: string;
    try {
      text = zlib.inflateSync(chunk).toString('latin1');
    } catch {
      text = chunk.toString('latin1');
    }
    for (const h of text.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
      out.push(Buffer.from(h[1]!, 'hex').toString('latin1'));
    re.lastIndex = end;
  }
  return out.join('\n');
}
