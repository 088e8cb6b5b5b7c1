/**
 * RS-6 engineering acceptance: on an installation, commissioning or acceptance order the engineer
 * records each test with its measured value and pass or fail, the leftover items (工程备忘录)
 * and the as-built documents handed over; the customer signs (the same signature capture as the
 * service request). Once signed the record never changes; leftover items are then closed one by
 * one, each with history.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { AppError, type FieldProblem, invalid, notFound, problem } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, Scope } from '../access/policy.ts';
import { attachmentById } from '../attachments/attachments.service.ts';
import { diffRecords } from '../history/history.rules.ts';
import { recordHistory } from '../history/history.service.ts';
import { orderForWork, requireCheckedIn, requireState, storeSignature } from '../onsite/onsite.service.ts';
import { getOrder } from '../work-orders/work-orders.service.ts';
import * as repo from './acceptance.repository.ts';
import { RECORDING_STATES, signedProblem, signProblems, typeProblem } from './acceptance.rules.ts';
import type { AcceptanceMemoTable, AcceptanceTable, AcceptanceTestTable } from './acceptance.tables.ts';

const refuse = (p: FieldProblem) => new AppError(409, 'acceptance_refused', {}, [p]);

/**
 * Locks the order (authorising the engineer), then its acceptance record, creating the draft on
 * first use; refuses orders that are not engineering work and records already signed.
 */
async function draftFor(tx: AppContext, actor: Actor, orderId: string, what: { zh: string; en: string }) {
  const order = await orderForWork(tx, actor, orderId);
  const wrongType = typeProblem(order.type);
  if (wrongType) throw invalid([wrongType]);
  let acceptance = await repo.lockAcceptance(tx.db, tx.kit, order.id);
  const signed = acceptance && signedProblem(acceptance.state);
  if (signed) throw refuse(signed);
  requireState(order, RECORDING_STATES, what);
  if (!acceptance) {
    const at = tx.clock.now().toISOString();
    acceptance = {
      id: newId(),
      order_id: order.id,
      state: 'draft',
      signer_name: null,
      signature_attachment_id: null,
      signed_by: null,
      signed_at: null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertAcceptance(tx.db, acceptance);
  }
  return { order, acceptance };
}

export interface TestInput {
  item: string;
  expected: string;
  measured: string;
  unit?: string | undefined;
  passed: boolean;
}

export function recordTest(ctx: AppContext, actor: Actor, orderId: string, input: TestInput) {
  return inTransaction(ctx, async (tx) => {
    const { order, acceptance } = await draftFor(tx, actor, orderId, {
      zh: '登记验收测试',
      en: 'record an acceptance test',
    });
    const row: AcceptanceTestTable = {
      id: newId(),
      acceptance_id: acceptance.id,
      item: input.item,
      expected: input.expected,
      measured: input.measured,
      unit: input.unit ?? null,
      passed: input.passed ? 1 : 0,
      recorded_by: actor.personId,
      recorded_at: tx.clock.now().toISOString(),
    };
    await repo.insertTest(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'acceptance:test',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

export function addMemo(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { description: string; dueOn: string },
) {
  return inTransaction(ctx, async (tx) => {
    const { order, acceptance } = await draftFor(tx, actor, orderId, {
      zh: '登记遗留问题',
      en: 'record a leftover item',
    });
    const at = tx.clock.now().toISOString();
    const row: AcceptanceMemoTable = {
      id: newId(),
      acceptance_id: acceptance.id,
      order_id: order.id,
      description: input.description,
      due_on: input.dueOn,
      state: 'open',
      closing_note: null,
      closed_by: null,
      closed_at: null,
      created_at: at,
      updated_at: at,
    };
    await repo.insertMemo(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'acceptance_memo',
      entityId: row.id,
      action: 'create',
      changes: diffRecords(null, row),
    });
    return row;
  });
}

/** Hands over an as-built document already uploaded as an attachment of this order. */
export function addDocument(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { attachmentId: string; title: string },
) {
  return inTransaction(ctx, async (tx) => {
    const { order, acceptance } = await draftFor(tx, actor, orderId, {
      zh: '移交竣工资料',
      en: 'hand over as-built documents',
    });
    const file = await attachmentById(tx, input.attachmentId);
    if (file?.owner_type !== 'work_order' || file.owner_id !== order.id || file.kind === 'signature')
      throw invalid([
        problem(
          'attachmentId',
          '请先把竣工资料作为本工单的附件上传',
          'upload the as-built document as an attachment of this order first',
        ),
      ]);
    const row = {
      acceptance_id: acceptance.id,
      attachment_id: file.id,
      title: input.title,
      added_by: actor.personId,
      added_at: tx.clock.now().toISOString(),
    };
    await repo.insertDocument(tx.db, row);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'acceptance:document',
      changes: { attachmentId: file.id, title: input.title, fileName: file.file_name },
    });
  });
}

/** RS-6: the customer signs on site, once, when every item's latest measurement passed. */
export function signAcceptance(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: { signerName: string; signaturePngBase64: string },
) {
  return inTransaction(ctx, async (tx) => {
    const { order, acceptance } = await draftFor(tx, actor, orderId, {
      zh: '签字验收',
      en: 'sign the acceptance',
    });
    await requireCheckedIn(tx, order, actor);
    const problems = signProblems(await repo.testsOf(tx.db, acceptance.id));
    if (problems.length) throw new AppError(409, 'acceptance_refused', {}, problems);
    const sig = await storeSignature(
      tx,
      actor,
      order,
      input.signaturePngBase64,
      'signaturePngBase64',
      'acceptance',
    );
    const at = tx.clock.now().toISOString();
    const patch = {
      signer_name: input.signerName,
      signature_attachment_id: sig.id,
      signed_by: actor.personId,
      signed_at: at,
      updated_at: at,
    };
    if (!(await repo.signAcceptance(tx.db, acceptance.id, patch))) throw refuse(signedProblem('signed')!);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'acceptance:signed',
      changes: { acceptanceId: acceptance.id, signerName: input.signerName, signatureAttachmentId: sig.id },
    });
  });
}

/** The whole record of an order the scope may see (an empty draft before anything is recorded). */
export async function acceptanceRecord(ctx: AppContext, scope: Scope, orderId: string) {
  const order = await getOrder(ctx, scope, orderId);
  const acceptance: AcceptanceTable | undefined = await repo.acceptanceOf(ctx.db, order.id);
  if (!acceptance) return { order, acceptance: null, tests: [], memos: [], documents: [] };
  const documents = [];
  for (const d of await repo.documentsOf(ctx.db, acceptance.id)) {
    const file = await attachmentById(ctx, d.attachment_id);
    documents.push({ ...d, fileName: file?.file_name ?? '' });
  }
  return {
    order,
    acceptance,
    tests: await repo.testsOf(ctx.db, acceptance.id),
    memos: await repo.memosOf(ctx.db, acceptance.id),
    documents,
  };
}

export type AcceptanceRecord = Awaited<ReturnType<typeof acceptanceRecord>>;

/** A leftover item whose order the scope may see, or 404. */
export async function getMemo(ctx: AppContext, scope: Scope, id: string): Promise<AcceptanceMemoTable> {
  const memo = await repo.findMemo(ctx.db, id);
  if (!memo) throw notFound('acceptance_memo');
  await getOrder(ctx, scope, memo.order_id).catch(() => {
    throw notFound('acceptance_memo');
  });
  return memo;
}

/** Closes a leftover item with what was done; closing twice is refused. Allowed after signing. */
export function closeMemo(ctx: AppContext, actor: Actor, id: string, note: string) {
  return inTransaction(ctx, async (tx) => {
    // Whoever may act on the order closes its leftover items; the order is locked first.
    await orderForWork(tx, actor, (await getMemo(tx, actor.scope, id)).order_id);
    const memo = await repo.lockMemo(tx.db, tx.kit, id);
    if (!memo) throw notFound('acceptance_memo');
    if (memo.state === 'closed')
      throw refuse(problem('state', '此遗留问题已关闭', 'this leftover item is already closed'));
    const at = tx.clock.now().toISOString();
    const patch = { closing_note: note, closed_by: actor.personId, closed_at: at, updated_at: at };
    await repo.closeMemo(tx.db, id, patch);
    const after = { ...memo, ...patch, state: 'closed' as const };
    await recordHistory(tx, actor, {
      entityType: 'acceptance_memo',
      entityId: id,
      action: 'close',
      changes: diffRecords(memo, after),
    });
    return after;
  });
}
