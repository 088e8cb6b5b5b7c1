/** Rules for stored files (RC-3): which types are accepted, how content is checked, how names are cleaned. Pure. */
import { type FieldProblem, problem } from '../../shared/errors.ts';

export const ATTACHMENT_KINDS = ['photo', 'document', 'report', 'signature'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
const DOCUMENT_TYPES = [
  'application/pdf',
  'text/plain',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

/** The MIME types a person may upload. */
export const ALLOWED_TYPES: readonly string[] = [...IMAGE_TYPES, ...DOCUMENT_TYPES];

/** Which declared types each kind accepts: photos are images, signatures PNG or JPEG, reports PDF. */
export function typesForKind(kind: AttachmentKind): readonly string[] {
  switch (kind) {
    case 'photo':
      return IMAGE_TYPES;
    case 'signature':
      return ['image/png', 'image/jpeg'];
    case 'report':
      return ['application/pdf'];
    case 'document':
      return ALLOWED_TYPES;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** What the first bytes say the content is; null when they match no known signature. */
export function sniffType(bytes: Uint8Array): string | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(ascii('GIF87a')) || starts(ascii('GIF89a'))) return 'image/gif';
  if (starts(ascii('RIFF')) && starts(ascii('WEBP'), 8)) return 'image/webp';
  if (starts(ascii('%PDF-'))) return 'application/pdf';
  if (starts([0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  return null;
}

function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Problems with storing `bytes` as `declared` of `kind`: the type must be allowed for the kind,
 * and the content must really be that type (magic bytes for images, PDF and Office files; valid
 * UTF-8 without NUL for text), so a renamed executable cannot pass as a photo.
 */
export function contentProblems(
  kind: AttachmentKind,
  declared: string,
  bytes: Uint8Array,
  maxBytes: number,
): FieldProblem[] {
  if (bytes.length === 0) return [problem('contentBase64', '文件内容为空', 'the file is empty')];
  if (bytes.length > maxBytes) {
    return [
      problem(
        'contentBase64',
        `文件过大（${bytes.length} 字节），上限为 ${maxBytes} 字节`,
        `the file is too large (${bytes.length} bytes); the limit is ${maxBytes} bytes`,
      ),
    ];
  }
  const allowed = typesForKind(kind);
  if (!allowed.includes(declared)) {
    return [
      problem(
        'mimeType',
        `此类附件不接受 ${declared}；可接受：${allowed.join('、')}`,
        `${declared} is not accepted for this kind of attachment; accepted: ${allowed.join(', ')}`,
      ),
    ];
  }
  const sniffed = sniffType(bytes);
  const expected = declared.startsWith('text/')
    ? null
    : declared.includes('openxmlformats')
      ? 'application/zip'
      : declared;
  const ok = expected === null ? sniffed === null && isPlainText(bytes) : sniffed === expected;
  if (!ok) {
    return [
      problem(
        'contentBase64',
        `文件内容与声明的类型 ${declared} 不符${sniffed ? `（实际为 ${sniffed}）` : ''}`,
        `the content does not match the declared type ${declared}${sniffed ? ` (it is ${sniffed})` : ''}`,
      ),
    ];
  }
  return [];
}

/**
 * Bidirectional formatting characters (LRM/RLM, ALM, the embeddings and overrides, the
 * isolates): an RTL override makes `photo\u202Egpj.exe` read as `photoexe.jpg`, so they are
 * removed from stored names.
 */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** A file name safe to store and to send back: no directories, control, bidi or reserved characters. */
export function cleanFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(BIDI_CONTROLS, '');
  const cleaned = [...base]
    .map((c) => {
      const code = c.charCodeAt(0);
      const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
      return control || '<>:"|?*'.includes(c) ? '_' : c;
    })
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return [...cleaned].slice(0, 200).join('') || 'file';
}

/** Strict base64 (RFC 4648 alphabet, padded); whitespace and line breaks are allowed and ignored. */
export function decodeBase64(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

/** The JSON body limit that lets a file of `maxBytes` through as base64, plus room for the other fields. */
export function uploadBodyLimit(maxBytes: number): number {
  return Math.ceil(maxBytes / 3) * 4 + 64 * 1024;
}
