/**
 * Files on disk, content-addressed: `<ATTACHMENTS_DIR>/<first two hex digits>/<sha256>`. The
 * same content is stored once; a file is written to a temporary name and renamed, so a reader
 * never sees half a file, and it is made read-only because nothing is ever deleted (RC-3).
 */
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function fileFor(dir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
  return path.join(dir, sha256.slice(0, 2), sha256);
}

/** Stores bytes under their checksum (once) and returns the checksum. */
export async function putContent(dir: string, bytes: Uint8Array): Promise<string> {
  const sha = sha256Hex(bytes);
  const file = fileFor(dir, sha);
  const existing = await stat(file).catch(() => null);
  if (existing?.size === bytes.length) return sha;
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, bytes, { mode: 0o444 });
  await rename(tmp, file);
  await chmod(file, 0o444).catch(() => {});
  return sha;
}

/** Reads stored content back, or null when the file is missing. */
export async function getContent(dir: string, sha256: string): Promise<Buffer | null> {
  try {
    return await readFile(fileFor(dir, sha256));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
