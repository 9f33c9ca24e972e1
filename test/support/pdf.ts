import { inflateSync } from 'node:zlib';

/**
 * The text a reader sees in a PDF: every content stream (inflated when compressed, as pdfkit
 * writes them by default), every string shown with TJ/Tj decoded from WinAnsi, joined by spaces.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const shown: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1]!, 'latin1');
    let content: string;
    try { content = inflateSync(bytes).toString('latin1'); } catch { content = bytes.toString('latin1'); }
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\([^)]*\)|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[2]!];
      shown.push(new TextDecoder('windows-1252').decode(Buffer.from(hexes.join(''), 'hex')));
    }
  }
  return shown.join(' ').replace(/\s+/g, ' ');
}
