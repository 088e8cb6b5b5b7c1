/**
 * RS-6: the acceptance record as a PDF — the order, every measured test with pass or fail, the
 * leftover items and their state, the documents handed over and the customer's signature.
 */
import type { Locale } from '../../shared/i18n.ts';
import { openReportDocument } from '../reports/reports.font.ts';
import type { AcceptanceRecord } from './acceptance.service.ts';

const MARGIN = 48;

export function renderAcceptancePdf(
  record: AcceptanceRecord,
  signature: Buffer | null,
  locale: Locale,
  generatedAt: string,
): Promise<Buffer> {
  const t = (zh: string, en: string) => (locale === 'en' ? en : zh);
  const { order, acceptance } = record;
  const { doc, done } = openReportDocument(MARGIN, {
    Title: `工程验收记录 ${order.number}`,
    Subject: `Acceptance record ${order.number}`,
    CreationDate: new Date(generatedAt),
  });
  const width = doc.page.width - 2 * MARGIN;
  const heading = (text: string) => {
    doc.moveDown(0.8).font('cjk-bold').fontSize(12).text(text, MARGIN, undefined, { width });
    doc.font('cjk').fontSize(10).moveDown(0.3);
  };
  const line = (text: string) => doc.text(text, MARGIN, undefined, { width });

  doc.font('cjk-bold').fontSize(16).text(t('工程验收记录', 'Engineering acceptance record'), { width });
  doc.font('cjk').fontSize(10).moveDown(0.5);
  line(`${t('工单', 'Order')}：${order.number}    ${t('客户', 'Customer')}：${order.customer_name ?? ''}`);
  line(`${t('地址', 'Address')}：${order.address ?? ''}`);
  line(
    `${t('状态', 'State')}：${
      acceptance?.state === 'signed'
        ? t(
            `客户已签字（${acceptance.signer_name}，${acceptance.signed_at}）`,
            `signed by ${acceptance.signer_name} at ${acceptance.signed_at}`,
          )
        : t('未签字', 'not signed')
    }`,
  );

  heading(t('测试记录', 'Tests'));
  if (record.tests.length === 0) line(t('无', 'none'));
  for (const test of record.tests)
    line(
      `${test.passed ? '✓' : '✗'} ${test.item}：${t('标准', 'expected')} ${test.expected}，${t('实测', 'measured')} ${test.measured}${
        test.unit ? ` ${test.unit}` : ''
      } — ${test.passed ? t('合格', 'pass') : t('不合格', 'fail')}（${test.recorded_at}）`,
    );

  heading(t('工程备忘录（遗留问题）', 'Leftover items'));
  if (record.memos.length === 0) line(t('无', 'none'));
  for (const m of record.memos)
    line(
      `${m.description} — ${t('期限', 'due')} ${m.due_on}，${
        m.state === 'closed'
          ? t(`已关闭：${m.closing_note ?? ''}`, `closed: ${m.closing_note ?? ''}`)
          : t('未关闭', 'open')
      }`,
    );

  heading(t('移交的竣工资料', 'As-built documents handed over'));
  if (record.documents.length === 0) line(t('无', 'none'));
  for (const d of record.documents) line(`${d.title}（${d.fileName}）`);

  if (signature) {
    heading(t('客户签字', 'Customer signature'));
    doc.image(signature, MARGIN, undefined, { fit: [200, 60] });
  }
  doc.end();
  return done;
}
