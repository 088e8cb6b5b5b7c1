/**
 * Drag an order from the list onto an engineer's row of the day to dispatch it. The server's
 * dispatch rules decide (DP-1); a refusal comes back with its reasons and is shown where the
 * order was dropped. The 派工 button with its ranked candidates stays the keyboard way.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { boardKeys } from '../../queries/board.ts';
import { historyKeys, orderKeys } from '../../queries/workOrders.ts';

/** The drag payload's media type: only order rows carry it, so other drags are not accepted. */
export const ORDER_DRAG = 'application/x-onsite-order';

export interface DropRefusal {
  personId: string;
  errors: string[];
}

export function useDragDispatch() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [refusal, setRefusal] = useState<DropRefusal | null>(null);
  const [busy, setBusy] = useState(false);

  const dragStart = (order: { id: string; number: string }) => (e: DragEvent) => {
    e.dataTransfer.setData(ORDER_DRAG, JSON.stringify({ id: order.id, number: order.number }));
    e.dataTransfer.effectAllowed = 'move';
  };

  const drop = async (e: DragEvent, person: { id: string; name: string }) => {
    const raw = e.dataTransfer.getData(ORDER_DRAG);
    if (!raw) return;
    e.preventDefault();
    const order = JSON.parse(raw) as { id: string; number: string };
    setBusy(true);
    setRefusal(null);
    try {
      await api('POST', `/api/v1/work-orders/${order.id}/assignments`, { leadEngineerId: person.id });
      message.success(t('lists.drag.done', { number: order.number, name: person.name }));
      await Promise.all(
        [orderKeys.all, orderKeys.detail(order.id), boardKeys.timelineAppointmentsAll, historyKeys.all].map(
          (queryKey) => client.invalidateQueries({ queryKey }),
        ),
      );
    } catch (err) {
      setRefusal({
        personId: person.id,
        errors:
          err instanceof ApiError
            ? [
                t('lists.drag.refused', { number: order.number, name: person.name }),
                err.message,
                ...err.details.map((d) => d.message),
              ]
            : [err instanceof Error ? err.message : String(err)],
      });
    } finally {
      setBusy(false);
    }
  };

  /** Lets a drop happen only for an order being dragged. */
  const dragOver = (e: DragEvent) => {
    if (e.dataTransfer.types.includes(ORDER_DRAG)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
    }
  };

  return { dragStart, drop, dragOver, refusal, busy, clear: () => setRefusal(null) };
}
