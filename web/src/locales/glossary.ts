/**
 * The glossary: one term per concept, in zh-CN and en. Every string people read (the console's
 * locale files and the shared labels) uses the term here and never one of its `avoid` words;
 * test/server/glossary.test.ts checks that, and that no rule id (WO-2, SL-3 …) appears in any
 * of them — rule ids belong in tooltips and documentation, not labels.
 */
export interface GlossaryTerm {
  /** What the term means, in plain words. */
  concept: string;
  zh: string;
  en: string;
  /** Words for the same concept that must not appear. */
  avoid: { zh: string[]; en: string[] };
}

export const GLOSSARY: GlossaryTerm[] = [
  {
    concept: 'giving an order to an engineer who will go to the site',
    zh: '派工',
    en: 'dispatch',
    avoid: { zh: ['派单', '指派', '分派'], en: [] },
  },
  {
    concept: 'the highest severity: service, KPI or billing is hit',
    zh: '关键',
    en: 'critical',
    avoid: { zh: ['紧急'], en: ['urgent'] },
  },
  {
    concept: 'a request for work at a customer site, from intake to close',
    zh: '工单',
    en: 'work order',
    avoid: { zh: ['任务单', '维修单', '派工单'], en: ['ticket'] },
  },
  {
    concept: 'the person who goes to the site and does the work',
    zh: '工程师',
    en: 'engineer',
    avoid: { zh: ['技术员', '维修员'], en: ['technician'] },
  },
  {
    concept: 'the organisation the service is for',
    zh: '客户',
    en: 'customer',
    avoid: { zh: ['顾客'], en: ['client'] },
  },
  {
    concept: 'the place where the equipment stands',
    zh: '站点',
    en: 'site',
    avoid: { zh: ['站址'], en: [] },
  },
  {
    concept: 'an agreed time window for the visit',
    zh: '预约',
    en: 'appointment',
    avoid: { zh: ['约定'], en: ['booking'] },
  },
  {
    concept: 'passing first responsibility for an order to another person',
    zh: '移交',
    en: 'handover',
    avoid: { zh: ['转交'], en: [] },
  },
  {
    concept: 'the person first responsible for an order',
    zh: '首问负责人',
    en: 'owner',
    avoid: { zh: [], en: [] },
  },
];

/** A rule id as domain.md writes them (WO-2, SL-3, DP-1 …); checksums such as SHA-256 are not ones. */
export const RULE_ID = /\b(?!SHA-)[A-Z]{2,3}-\d+\b/;
