/**
 * RS-1 spare-part rules, pure: what a movement does to a depot's stock and to an order's parts,
 * and when it is refused. Stock is never negative; an order only gets what was reserved for it;
 * an order is closed only when every part issued to it is consumed or returned.
 */
import { type FieldProblem, problem } from '../../shared/errors.ts';
import type { FaultyStatus, MovementKind } from './parts.tables.ts';

export interface StockLevels {
  onHand: number;
  reserved: number;
  faulty: number;
}

/** An order's parts of one kind at one depot, summed from the ledger. */
export interface OrderPosition {
  /** Reserved for the order and not yet released or issued. */
  reservedOpen: number;
  /** Issued to an engineer and not yet consumed or returned. */
  inHand: number;
}

export const NO_POSITION: OrderPosition = { reservedOpen: 0, inHand: 0 };

export function available(s: StockLevels): number {
  return s.onHand - s.reserved;
}

/** Sums ledger lines of one order (kind → quantity) into its position. */
export function positionOf(sums: Partial<Record<MovementKind, number>>): OrderPosition {
  const n = (k: MovementKind) => sums[k] ?? 0;
  return {
    reservedOpen: n('reserve') - n('release') - n('issue'),
    inHand: n('issue') - n('consume') - n('return_unused'),
  };
}

export type MovementOutcome =
  | { ok: true; levels: StockLevels; position: OrderPosition }
  | { ok: false; problems: FieldProblem[] };

const refuse = (field: string, zh: string, en: string): MovementOutcome => ({
  ok: false,
  problems: [problem(field, zh, en)],
});

/**
 * The effect of one movement of `qty` units at a depot (for `transfer`, the sending depot; for
 * `adjust`, `qty` is the counted quantity). `position` is the order's, when the movement has one.
 */
export function applyMovement(
  kind: MovementKind,
  levels: StockLevels,
  position: OrderPosition,
  qty: number,
): MovementOutcome {
  const ok = (l: Partial<StockLevels>, p: Partial<OrderPosition> = {}): MovementOutcome => ({
    ok: true,
    levels: { ...levels, ...l },
    position: { ...position, ...p },
  });
  const short = () =>
    refuse(
      'qty',
      `可用库存不足：仅剩 ${available(levels)} 件可用`,
      `not enough stock: only ${available(levels)} available`,
    );
  switch (kind) {
    case 'receive':
      return ok({ onHand: levels.onHand + qty });
    case 'reserve':
      if (qty > available(levels)) return short();
      return ok({ reserved: levels.reserved + qty }, { reservedOpen: position.reservedOpen + qty });
    case 'release':
    case 'issue':
      if (qty > position.reservedOpen)
        return refuse(
          'qty',
          `超过为该工单预留的数量（${position.reservedOpen} 件）`,
          `more than is reserved for the order (${position.reservedOpen})`,
        );
      return kind === 'release'
        ? ok({ reserved: levels.reserved - qty }, { reservedOpen: position.reservedOpen - qty })
        : ok(
            { reserved: levels.reserved - qty, onHand: levels.onHand - qty },
            { reservedOpen: position.reservedOpen - qty, inHand: position.inHand + qty },
          );
    case 'consume':
    case 'return_unused':
      if (qty > position.inHand)
        return refuse(
          'qty',
          `超过已领用未核销的数量（${position.inHand} 件）`,
          `more than was issued and not yet accounted for (${position.inHand})`,
        );
      return ok(kind === 'consume' ? {} : { onHand: levels.onHand + qty }, { inHand: position.inHand - qty });
    case 'return_faulty':
      return ok({ faulty: levels.faulty + qty });
    case 'transfer':
      if (qty > available(levels)) return short();
      return ok({ onHand: levels.onHand - qty });
    case 'adjust':
      // A count below what is promised to orders means reservations must be released first.
      if (qty < levels.reserved)
        return refuse(
          'countedQty',
          `盘点数量少于已预留的 ${levels.reserved} 件，请先释放预留`,
          `the count is below the ${levels.reserved} reserved; release reservations first`,
        );
      return ok({ onHand: qty });
    default: {
      const never: never = kind;
      return never;
    }
  }
}

/** True when available stock falls below the minimum with this movement (notify once, not on every move). */
export function crossedBelowMinimum(before: StockLevels, after: StockLevels, minQty: number): boolean {
  return minQty > 0 && available(after) < minQty && available(before) >= minQty;
}

/** A closing order must have every issued part consumed or returned (RS-1). */
export function unaccountedProblems(inHandByPart: { partName: string; inHand: number }[]): FieldProblem[] {
  const open = inHandByPart.filter((p) => p.inHand > 0);
  if (open.length === 0) return [];
  const zh = open.map((p) => `${p.partName} ${p.inHand} 件`).join('、');
  const en = open.map((p) => `${p.inHand} × ${p.partName}`).join(', ');
  return [
    problem(
      'parts',
      `已领用的备件尚未核销（消耗或退回）：${zh}`,
      `parts issued to the order are not yet consumed or returned: ${en}`,
    ),
  ];
}

/** Repair/RMA status moves forward only; repaired and scrapped are final. */
const NEXT_STATUS: Record<FaultyStatus, FaultyStatus[]> = {
  awaiting_repair: ['sent_for_repair', 'rma', 'scrapped'],
  sent_for_repair: ['repaired', 'scrapped', 'rma'],
  rma: ['repaired', 'scrapped'],
  repaired: [],
  scrapped: [],
};

export function faultyStatusProblems(from: FaultyStatus, to: FaultyStatus): FieldProblem[] {
  if (NEXT_STATUS[from].includes(to)) return [];
  return [
    problem(
      'status',
      '坏件状态只能向前推进，已修复或已报废的坏件不能再变更',
      'a faulty part only moves forward; repaired or scrapped parts cannot change again',
    ),
  ];
}
