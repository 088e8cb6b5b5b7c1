/** Query keys of resources: parts (depots), assets, ledger, capacity, inspections. */
export const resourceKeys = {
  depots: ['depots'] as const,
  depot: (id: unknown) => ['depot', id] as const,
  depotStock: (id: unknown) => ['depot', id, 'stock'] as const,
  depotMovements: (id: unknown) => ['depot', id, 'movements'] as const,
  depotFaulty: (id: unknown) => ['depot', id, 'faulty'] as const,
  assetsAll: ['assets'] as const,
  assets: (kind: unknown) => ['assets', kind] as const,
  allToolKits: ['assets', 'tool_kit', 'all'] as const,
  ledgerAll: ['ledger'] as const,
  ledgerItems: (filter: unknown, page: number) => ['ledger', 'items', filter, page] as const,
  ledgerImports: ['ledger', 'imports'] as const,
  ledgerImport: (id: unknown) => ['ledger', 'import', id] as const,
  capacity: ['capacity'] as const,
  inspectionPlans: ['inspection-plans'] as const,
  inspectionsDue: (until: unknown) => ['inspections', 'due', until] as const,
  inspectionCompletion: (month: unknown) => ['inspection-completion', month] as const,
};
