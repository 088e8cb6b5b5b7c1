/**
 * The CJK font for reports. Noto Sans SC (SIL Open Font License) ships as TrueType files in an
 * npm package, so a report renders the same on any machine and never depends on a system font;
 * pdfkit embeds only the glyphs used (a subset), which keeps a report to tens of kilobytes.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
