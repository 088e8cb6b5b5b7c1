/**
 * The CJK font for reports. Noto Sans SC (SIL Open Font License) ships as TrueType files in an
 * npm package, so a report renders the same on any machine and never depends on a system font;
 * pdfkit embeds only the glyphs used (a subset), which keeps a report to tens of kilobytes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/** PostScript names of the embedded faces, as they appear (after a subset tag) in a PDF's BaseFont. */
export const FONT_NAMES = { regular: 'NotoSansSC-Regular', bold: 'NotoSansSC-Bold' } as const;

let cache: { regular: Buffer; bold: Buffer } | null = null;

/** The regular and bold faces, read once per process. */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  cache ??= {
    regular: readFileSync(
      require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    ),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  };
  return cache;
}

/**
 * An A4 document with both faces registered as `cjk` and `cjk-bold`, and a promise of its bytes
 * once `doc.end()` is called: the common start of every PDF Onsite writes (service reports,
 * completion reports, scorecards).
 */
export function openReportDocument(
  margin: number,
  info: PDFKit.DocumentInfo,
): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const fonts = reportFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    info: { Creator: 'Onsite', ...info },
  });
  doc.registerFont('cjk', fonts.regular);
  doc.registerFont('cjk-bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
