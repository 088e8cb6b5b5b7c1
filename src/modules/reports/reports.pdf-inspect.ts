/**
 * Reads back what a PDF really contains, for tests and for `onsite` checks: the embedded fonts
 * (BaseFont, FontFile2/FontFile3) and the text drawn on the pages, decoded through each font's
 * ToUnicode CMap. It understands the subset of PDF that pdfkit writes; it is not a general parser.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) break;
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let dict = body;
    let stream: Buffer | null = null;
    if (s >= 0 && /^\s*<</.test(body)) {
      dict = body.slice(0, s);
      let dataStart = start + s + 'stream'.length;
      if (text[dataStart] === '\r') dataStart++;
      if (text[dataStart] === '\n') dataStart++;
      const len = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? -1);
      const raw = len >= 0 ? pdf.subarray(dataStart, dataStart + len) : Buffer.alloc(0);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

function hexToBytes(hex: string): number[] {
  const clean = hex.replace(/\s+/g, '');
  const out: number[] = [];
  for (let i = 0; i + 1 < clean.length; i += 2) out.push(Number.parseInt(clean.slice(i, i + 2), 16));
  return out;
}

function utf16(hex: string): string {
  const b = hexToBytes(hex);
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i]! << 8) | b[i + 1]!);
  return s;
}

/** Code → text from a ToUnicode CMap (bfchar and bfrange, both the offset and the array form). */
function parseCMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(Number.parseInt(m[1]!, 16), utf16(m[2]!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = block[1]!;
    for (const m of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = Number.parseInt(m[1]!, 16);
      const hi = Number.parseInt(m[2]!, 16);
      const dst = m[3]!;
      if (dst.startsWith('[')) {
        const items = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1]!));
        for (let c = lo; c <= hi; c++) map.set(c, items[c - lo] ?? '');
      } else {
        const base = utf16(dst.slice(1, -1));
        const last = base.charCodeAt(base.length - 1);
        for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(last + c - lo));
      }
    }
  }
  return map;
}

/** An embedded font as the PDF describes it. */
export interface EmbeddedFont {
  baseFont: string;
  /** FontFile2 (TrueType) or FontFile3 (CFF) when the program is embedded, else null. */
  fontFile: 'FontFile2' | 'FontFile3' | null;
  fontFileBytes: number;
  hasToUnicode: boolean;
}

/** What a PDF contains: fonts, the decoded text of its pages, and how many images. */
export interface PdfContents {
  fonts: EmbeddedFont[];
  text: string;
  images: number;
  pages: number;
  /** The text of each page in order, to see what a page holds (an orphaned caption, a split block). */
  pageTexts: string[];
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** Inspects a PDF written by pdfkit. */
export function inspectPdf(pdf: Buffer): PdfContents {
  const objects = parseObjects(pdf);
  const fonts: EmbeddedFont[] = [];
  const cmapOfFontObj = new Map<number, Map<number, string>>();
  let images = 0;
  for (const [num, o] of objects) {
    if (/\/Subtype \/Image/.test(o.dict)) images++;
    if (!/\/Type \/Font/.test(o.dict) || !/\/Subtype \/Type0/.test(o.dict)) continue;
    const baseFont = /\/BaseFont \/([^\s/<>]+)/.exec(o.dict)?.[1] ?? '';
    const tu = ref(o.dict, 'ToUnicode');
    const cmap = tu !== null ? objects.get(tu)?.stream?.toString('latin1') : undefined;
    if (cmap) cmapOfFontObj.set(num, parseCMap(cmap));
    // Type0 → DescendantFonts [n 0 R] → FontDescriptor → FontFile2/3.
    const desc = /\/DescendantFonts \[(\d+) 0 R\]/.exec(o.dict);
    const cid = desc ? objects.get(Number(desc[1])) : undefined;
    const fdNum = cid ? ref(cid.dict, 'FontDescriptor') : null;
    const fd = fdNum !== null ? objects.get(fdNum) : undefined;
    let fontFile: EmbeddedFont['fontFile'] = null;
    let fontFileBytes = 0;
    for (const key of ['FontFile2', 'FontFile3'] as const) {
      const n = fd ? ref(fd.dict, key) : null;
      if (n !== null) {
        fontFile = key;
        fontFileBytes = objects.get(n)?.stream?.length ?? 0;
      }
    }
    fonts.push({ baseFont, fontFile, fontFileBytes, hasToUnicode: Boolean(cmap) });
  }

  // Pages: their font resources name → font object, then their content streams.
  let text = '';
  let pages = 0;
  const pageTexts: string[] = [];
  for (const [, o] of objects) {
    if (!/\/Type \/Page\b/.test(o.dict)) continue;
    pages++;
    const pageStart = text.length;
    const resNum = ref(o.dict, 'Resources');
    const resDict = resNum !== null ? (objects.get(resNum)?.dict ?? '') : o.dict;
    const fontDictMatch = /\/Font <<([^>]*)>>/.exec(resDict);
    const fontByName = new Map<string, number>();
    for (const m of (fontDictMatch?.[1] ?? '').matchAll(/\/(\w+) (\d+) 0 R/g))
      fontByName.set(m[1]!, Number(m[2]));
    const contentNum = ref(o.dict, 'Contents');
    const content = contentNum !== null ? (objects.get(contentNum)?.stream?.toString('latin1') ?? '') : '';
    let cmap: Map<number, string> | undefined;
    for (const m of content.matchAll(
      /\/(\w+) [\d.]+ Tf|\[((?:<[0-9a-fA-F]*>|[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj|\bET\b/g,
    )) {
      if (m[1]) {
        const f = fontByName.get(m[1]);
        cmap = f !== undefined ? cmapOfFontObj.get(f) : undefined;
        continue;
      }
      if (m[0] === 'ET') {
        text += '\n';
        continue;
      }
      const hexes = m[2] !== undefined ? [...m[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [m[3]!];
      for (const h of hexes) {
        const b = hexToBytes(h);
        for (let i = 0; i + 1 < b.length; i += 2) text += cmap?.get((b[i]! << 8) | b[i + 1]!) ?? '\uFFFD';
      }
    }
    pageTexts.push(text.slice(pageStart));
  }
  return { fonts, text, images, pages, pageTexts };
}
