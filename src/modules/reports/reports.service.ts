/**
 * WO-9 reports: the engineer writes what was done; the service adds the order's facts, times,
 * visits and signatures, renders the PDF and keeps it with the order (RC-3). The newest report
 * of the order's type, generated after the customer's sign-off, is what closing requires.
 */
import { type AppContext, inTransaction } from '../../app/context.ts';
import { invalid, problem } from '../../shared/errors.ts';
import type { Bilingual } from '../../shared/i18n.ts';
import { newId } from '../../shared/ids.ts';
import type { Actor, Scope } from '../access/policy.ts';
import { addAttachment, attachmentById, contentOf } from '../attachments/attachments.service.ts';
import { recordHistory } from '../history/history.service.ts';
import { requireState, storeSignature, timeZoneOf, visitsForReport } from '../onsite/onsite.service.ts';
import { trainingsForReport } from '../training/training.service.ts';
import { severityLabels, typeLabels } from '../work-orders/work-orders.rules.ts';
import { assertMayAct, loadForChange, type WorkOrderRow } from '../work-orders/work-orders.service.ts';
import { type ReportData, renderReportPdf, type SignatureBlock } from './reports.pdf.ts';
import * as repo from './reports.repository.ts';
import { type ReportType, reportTitles, requiredReport } from './reports.rules.ts';
import type { OrderReportTable } from './reports.tables.ts';

/** What the engineer writes for a report. */
export interface ReportInput {
  /** Left out: drafted from the site's daily logs. */
  workDone?: string | undefined;
  cause?: string | null | undefined;
  partsUsed?:
    | {
        name: string;
        code?: string | null | undefined;
        quantity: number;
        faultyPartCode?: string | null | undefined;
      }[]
    | undefined;
  leftovers?: string | null | undefined;
  upgrade?: { fromVersion: string; toVersion: string; verification: string } | undefined;
  inspection?: { item: string; result: string; note?: string | null | undefined }[] | undefined;
  engineerSignaturePngBase64?: string | undefined;
}

/**
 * What a report prints from closing (WO-9): the customer's current sign-off and rating, the
 * engineer's own signature and the draft of what was recorded. Closing registers them from its
 * `register()`: closing generates and checks reports through this module, so this module never
 * imports closing back (no cycle between the two).
 */
export interface ClosingFacts {
  currentSignOff(
    ctx: AppContext,
    order: WorkOrderRow,
  ): Promise<{
    id: string;
    signer_name: string;
    signature_attachment_id: string;
    signed_at: string;
    opinion: string;
  } | null>;
  currentRating(
    ctx: AppContext,
    order: WorkOrderRow,
  ): Promise<{ score: number | null; refused: number; comment: string | null } | null>;
  currentEngineerSignature(
    ctx: AppContext,
    orderId: string,
  ): Promise<{ display_name: string; signature_attachment_id: string; signed_at: string } | undefined>;
  draftReport(
    ctx: AppContext,
    scope: Scope,
    order: WorkOrderRow,
  ): Promise<{ workDone: string; cause: string | null; partsUsed: NonNullable<ReportInput['partsUsed']> }>;
}

let closingFacts: ClosingFacts | null = null;

/** Called once by the closing capability's `register()`. */
export function registerClosingFacts(facts: ClosingFacts): void {
  closingFacts = facts;
}

function closing(): ClosingFacts {
  // A report without the sign-off would be a wrong document, so a missing registration is a bug, loudly.
  if (!closingFacts) throw new Error('reports: closing has not registered its facts (registerClosingFacts)');
  return closingFacts;
}

/** The report type an order gets: the one its type requires, or a field report for types that need none. */
export function reportTypeFor(order: { type: string }): ReportType {
  return requiredReport(order.type) ?? 'field_service';
}

function inputProblems(type: ReportType, input: ReportInput) {
  if (type === 'upgrade_summary' && !input.upgrade) {
    return [
      problem(
        'upgrade',
        '版本升级总结须填写原版本、新版本和升级后验证',
        'an upgrade summary needs the from and to versions and the verification',
      ),
    ];
  }
  if (type === 'inspection_summary' && !input.inspection?.length) {
    return [
      problem(
        'inspection',
        '巡检总结须列出巡检项目和结果',
        'an inspection summary needs the inspected items and results',
      ),
    ];
  }
  return [];
}

async function imageOf(tx: AppContext, attachmentId: string | null | undefined): Promise<Buffer | null> {
  if (!attachmentId) return null;
  const row = await attachmentById(tx, attachmentId);
  return row ? contentOf(tx, row) : null;
}

async function assemble(
  tx: AppContext,
  order: WorkOrderRow,
  type: ReportType,
  input: ReportInput & { workDone: string },
  engineer: { name: string; image: Buffer | null; at: string },
): Promise<ReportData> {
  const db = tx.db;
  const tz = await timeZoneOf(tx, order);
  const [customer, site, equipment, partner, onsite] = await Promise.all([
    order.customer_id
      ? db.selectFrom('customers').select(['name']).where('id', '=', order.customer_id).executeTakeFirst()
      : undefined,
    order.site_id
      ? db.selectFrom('sites').select(['name', 'address']).where('id', '=', order.site_id).executeTakeFirst()
      : undefined,
    order.equipment_id
      ? db
          .selectFrom('equipment')
          .select(['model', 'serial_no', 'software_version'])
          .where('id', '=', order.equipment_id)
          .executeTakeFirst()
      : undefined,
    order.partner_id
      ? db.selectFrom('partners').select(['name']).where('id', '=', order.partner_id).executeTakeFirst()
      : undefined,
    visitsForReport(tx, order),
  ]);
  const { visits, requests, names } = onsite;
  const engineers = [...new Set(visits.map((v) => names.get(v.person_id) ?? ''))].filter(Boolean);
  const typeLabel = typeLabels[order.type];
  const sevLabel = severityLabels[order.severity];
  const fact = (zh: string, en: string, value: string | null | undefined) => ({
    label: { 'zh-CN': zh, en } as Bilingual,
    value: value || '—',
  });
  const signOff = await closing().currentSignOff(tx, order);
  const rating = await closing().currentRating(tx, order);
  const request = requests[0];
  const signatures: SignatureBlock[] = [
    {
      role: { 'zh-CN': '工程师', en: 'Engineer' },
      name: engineer.name,
      image: engineer.image,
      at: engineer.at,
    },
  ];
  if (request) {
    signatures.push({
      role: { 'zh-CN': '服务申请签字', en: 'Service request' },
      name: request.signer_title ? `${request.signer_name}（${request.signer_title}）` : request.signer_name,
      image: await imageOf(tx, request.signature_attachment_id),
      at: request.signed_at,
    });
  }
  signatures.push({
    role: { 'zh-CN': '客户签字确认', en: 'Customer sign-off' },
    name: signOff?.signer_name ?? '—',
    image: await imageOf(tx, signOff?.signature_attachment_id),
    at: signOff?.signed_at ?? null,
    opinion: signOff?.opinion ?? null,
  });
  return {
    type,
    organisation: partner ? `${partner.name} · Onsite 现场服务` : 'Onsite 现场服务',
    orderNumber: order.number,
    timeZone: tz,
    generatedAt: tx.clock.now().toISOString(),
    facts: [
      fact('工单类型', 'Type', `${typeLabel['zh-CN']} ${typeLabel.en}`),
      fact('严重程度', 'Severity', `${sevLabel['zh-CN']} ${sevLabel.en}`),
      fact('客户', 'Customer', customer?.name ?? order.customer_name),
      fact('联系人', 'Contact', `${order.contact_name} ${order.contact_phone}`),
      fact('站点', 'Site', site ? `${site.name}` : null),
      fact('地址', 'Address', site?.address ?? order.address),
      fact('产品', 'Product', order.product),
      fact(
        '设备',
        'Equipment',
        equipment
          ? [equipment.model, equipment.serial_no, equipment.software_version].filter(Boolean).join(' / ')
          : null,
      ),
      fact('工程师', 'Engineers', engineers.join('、')),
      fact('责任人', 'Owner', names.get(order.owner_id)),
    ],
    times: {
      received: order.received_at,
      arrived: order.arrived_at,
      restored: order.restored_at,
      resolved: order.resolved_at,
    },
    symptom: order.symptom,
    cause: input.cause ?? order.suspected_cause,
    workDone: input.workDone,
    partsUsed: (input.partsUsed ?? []).map((p) => ({
      name: p.name,
      code: p.code ?? null,
      quantity: p.quantity,
      faultyPartCode: p.faultyPartCode ?? null,
    })),
    visits: visits.map((v) => ({
      engineer: names.get(v.person_id) ?? '',
      checkIn: v.check_in_at,
      checkOut: v.check_out_at,
    })),
    upgrade: type === 'upgrade_summary' ? input.upgrade : undefined,
    inspection:
      type === 'inspection_summary'
        ? (input.inspection ?? []).map((i) => ({ item: i.item, result: i.result, note: i.note ?? null }))
        : undefined,
    leftovers: input.leftovers ?? null,
    trainings: (await trainingsForReport(tx, order.id)).map((tr) => ({
      topic: tr.topic,
      trainees: tr.trainees,
      trainer: tr.trainer_name,
      signerName: tr.signer_name,
      at: tr.trained_at,
    })),
    signatures,
    satisfaction: rating
      ? rating.refused
        ? { refused: rating.comment ?? '' }
        : { score: rating.score ?? 0 }
      : null,
  };
}

/** WO-9: renders the order's report and keeps the PDF with the order, with history. */
export async function generateReport(
  ctx: AppContext,
  actor: Actor,
  orderId: string,
  input: ReportInput,
): Promise<{ report: OrderReportTable; order: WorkOrderRow }> {
  return inTransaction(ctx, async (tx) => {
    const order = await loadForChange(tx, actor, orderId);
    await assertMayAct(tx, actor, order);
    requireState(order, ['resolved', 'signed_off'], {
      zh: '生成报告（须先解决）',
      en: 'generate the report (the work must be resolved first)',
    });
    const type = reportTypeFor(order);
    // What the dispatcher leaves out is taken from the draft of what was recorded on site.
    const draft = await closing().draftReport(tx, actor.scope, order);
    const written = {
      ...input,
      workDone: input.workDone ?? draft.workDone,
      cause: input.cause === undefined ? draft.cause : input.cause,
      partsUsed: input.partsUsed ?? draft.partsUsed,
    };
    const problems = [
      ...inputProblems(type, written),
      ...(written.workDone.trim()
        ? []
        : [
            problem(
              'workDone',
              '请填写处理过程（现场没有工作日志可起草）',
              'write what was done (no site log to draft it from)',
            ),
          ]),
    ];
    if (problems.length) throw invalid(problems);
    const now = tx.clock.now().toISOString();
    let engineerImage: Buffer | null = null;
    if (input.engineerSignaturePngBase64) {
      const sig = await storeSignature(
        tx,
        actor,
        order,
        input.engineerSignaturePngBase64,
        'engineerSignaturePngBase64',
        'engineer',
      );
      engineerImage = await contentOf(tx, sig);
    }
    // The engineer's own signature from the phone, when there is one, signs as the engineer.
    const signed = engineerImage ? undefined : await closing().currentEngineerSignature(tx, order.id);
    const data = await assemble(
      tx,
      order,
      type,
      { ...input, workDone: written.workDone },
      signed
        ? {
            name: signed.display_name,
            image: await imageOf(tx, signed.signature_attachment_id),
            at: signed.signed_at,
          }
        : { name: actor.displayName, image: engineerImage, at: now },
    );
    const pdf = await renderReportPdf(data);
    const title = reportTitles[type];
    const file = await addAttachment(tx, actor, {
      ownerType: 'work_order',
      ownerId: order.id,
      kind: 'report',
      fileName: `${order.number}-${title['zh-CN']}.pdf`,
      mimeType: 'application/pdf',
      bytes: pdf,
    });
    const { engineerSignaturePngBase64: _sig, ...kept } = written;
    // Which sign-off the PDF carries: closing accepts only a report made with the current one.
    const content = { ...kept, signOffId: (await closing().currentSignOff(tx, order))?.id ?? null };
    const report: OrderReportTable = {
      id: newId(),
      order_id: order.id,
      report_type: type,
      attachment_id: file.id,
      content: JSON.stringify(content),
      generated_by: actor.personId,
      generated_at: now,
    };
    await repo.insertReport(tx.db, report);
    await recordHistory(tx, actor, {
      entityType: 'work_order',
      entityId: order.id,
      action: 'close:report',
      changes: {
        reportId: report.id,
        reportType: type,
        attachmentId: file.id,
        sha256: file.sha256,
        sizeBytes: file.size_bytes,
      },
    });
    return { report, order };
  });
}

/** The reports of an order, newest first. */
export function reportsOf(ctx: AppContext, orderId: string) {
  return repo.reportsOf(ctx.db, orderId);
}
