/** The assessment scheme as the editor holds it, and its history told in indicator names. Pure. */
import type { Definition } from './assessment.ts';

/** One indicator's weight and band (the server's scheme item, as JSON). */
export type SchemeItem = { key: string } & Record<'weight' | 'full' | 'zero', number>;
export type Scheme = { items: SchemeItem[]; penaltyPerViolation: number };

/** What the weights add up to (the server refuses a scheme whose weights are not 100). */
export const weightTotal = (items: readonly SchemeItem[]): number =>
  Math.round(items.reduce((n, i) => n + (Number.isFinite(i.weight) ? i.weight : 0), 0) * 100) / 100;

type Say = (key: string, vars?: Record<string, unknown>) => string;

/**
 * One line per indicator added, removed or changed between two schemes' items, and the
 * penalty's change, in the reader's words (indicator names, not keys).
 */
export function schemeChangeLines(changes: unknown, nameOf: (key: string) => string, say: Say): string[] {
  const c = (changes ?? {}) as {
    items?: [SchemeItem[], SchemeItem[]];
    penaltyPerViolation?: [number, number];
  };
  const lines: string[] = [];
  const [before = [], after = []] = c.items ?? [];
  const old = new Map(before.map((i) => [i.key, i]));
  for (const i of after) {
    const o = old.get(i.key);
    const band = `${i.full} / ${i.zero}`;
    if (!o) lines.push(say('assessment.scheme.added', { name: nameOf(i.key), weight: i.weight, band }));
    else if (o.weight !== i.weight || o.full !== i.full || o.zero !== i.zero)
      lines.push(
        say('assessment.scheme.changed', {
          name: nameOf(i.key),
          from: `${o.weight} (${o.full} / ${o.zero})`,
          to: `${i.weight} (${band})`,
        }),
      );
    old.delete(i.key);
  }
  for (const o of old.values()) lines.push(say('assessment.scheme.removed', { name: nameOf(o.key) }));
  const [p0, p1] = c.penaltyPerViolation ?? [];
  if (p0 !== p1) lines.push(say('assessment.scheme.penaltyChanged', { from: p0, to: p1 }));
  return lines;
}

/** The indicators the scheme can weigh: every defined one that has a value to score. */
export const weighable = (defs: readonly Definition[]) => defs.filter((d) => d.unit !== 'count');
