import { useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';

/** Query keys of operations (maintenance windows, approvals, roster). */
export const operationKeys = {
  all: ['operations'] as const,
  detail: (id: unknown) => ['operation', id] as const,
  leftovers: (id: unknown) => ['operation-leftovers', id] as const,
  report: (id: unknown) => ['operation-report', id] as const,
  approvals: ['operation-approvals'] as const,
  roster: (from: string) => ['operation-roster', from] as const,
  calendar: (from: string) => ['operation-calendar', from] as const,
  softwareVersions: ['software-versions'] as const,
};

/** A software version as GET /api/v1/software-versions lists it. */
export interface SoftwareVersion {
  id: string;
  product: string;
  version: string;
  status: 'released' | 'restricted' | 'withdrawn';
  pilot_size: number;
  siteIds: string[];
  pilotVerified: boolean;
}

/** The software versions (the operations page's tab and the plan editor's version select). */
export function useSoftwareVersions() {
  return useQuery({
    queryKey: operationKeys.softwareVersions,
    queryFn: () => api<{ items: SoftwareVersion[] }>('GET', '/api/v1/software-versions'),
  });
}
