/**
 * What an attachment may belong to. Each owning capability registers its record type with a
 * visibility check, so a file is shown exactly to those who may see its owner (404 otherwise).
 */
import type { AppContext } from '../../app/context.ts';
import { invalid, problem } from '../../shared/errors.ts';
import type { Actor } from '../access/policy.ts';

/** How to check that an actor may see (and so attach to, or download from) one owner record. */
export interface AttachmentOwner {
  /** Resolves when the actor may see the owner; throws the owner's 404 otherwise. */
  ensureVisible(ctx: AppContext, actor: Actor, ownerId: string): Promise<void>;
  /** Resolves when the actor may add files to the owner now; defaults to ensureVisible. */
  ensureWritable?(ctx: AppContext, actor: Actor, ownerId: string): Promise<void>;
}

const owners = new Map<string, AttachmentOwner>();

/** Registers a record type that can hold attachments. */
export function registerAttachmentOwner(type: string, owner: AttachmentOwner): void {
  owners.set(type, owner);
}

/** The registered owner type, or a 422 naming ownerType. */
export function ownerOf(type: string): AttachmentOwner {
  const owner = owners.get(type);
  if (!owner) {
    throw invalid([
      problem(
        'ownerType',
        `附件不能挂在“${type}”上；可用：${[...owners.keys()].join('、')}`,
        `attachments cannot belong to "${type}"; possible: ${[...owners.keys()].join(', ')}`,
      ),
    ]);
  }
  return owner;
}
