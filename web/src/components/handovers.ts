/**
 * Handovers waiting for the signed-in person (WO-4): the list and the accept/decline decisions,
 * shared by the console's table and the field app's phone list.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api.ts';
import { orderKeys } from '../queries/workOrders.ts';

/** A handover request. */
export interface Handover {
  id: string;
  orderId: string;
  fromPersonId: string;
  toPersonId: string;
  reason: string;
  state: string;
  requestedAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

/** The pending handovers, the server's refusals of the last decision, and the decision itself. */
export function usePendingHandovers() {
  const queryClient = useQueryClient();
  const pending = useQuery({
    queryKey: orderKeys.handovers,
    queryFn: () => api<{ items: Handover[] }>('GET', '/api/v1/handovers'),
  });
  const [errors, setErrors] = useState<string[]>([]);
  /** Answers whether the server took the decision. */
  const decide = async (h: Handover, action: 'accept' | 'decline', note?: string): Promise<boolean> => {
    setErrors([]);
    try {
      await api('POST', `/api/v1/handovers/${h.id}/${action}`, note ? { note } : {});
      await queryClient.invalidateQueries({ queryKey: orderKeys.all });
      await queryClient.invalidateQueries({ queryKey: orderKeys.handovers });
      return true;
    } catch (err) {
      setErrors([err instanceof Error ? err.message : String(err)]);
      return false;
    }
  };
  // The handover being declined and the reason typed for it: a decline needs a reason.
  const [declining, setDeclining] = useState<Handover | null>(null);
  const [note, setNote] = useState('');
  const decline = async (h: Handover) => {
    if (await decide(h, 'decline', note.trim())) {
      setDeclining(null);
      setNote('');
    }
  };
  return {
    items: pending.data?.items ?? [],
    loadError: pending.error,
    errors,
    decide,
    declining,
    setDeclining,
    note,
    setNote,
    decline,
  };
}
