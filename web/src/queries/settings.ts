/** Query keys of settings and admin: people, customers, regions, calendars, policies, ladders. */
export const settingsKeys = {
  profile: (id: unknown) => ['profile', id] as const,
  certifications: (id: unknown) => ['certifications', id] as const,
  contacts: (customerId: unknown) => ['contacts', customerId] as const,
  regions: ['regions'] as const,
  calendars: ['calendars'] as const,
  calendarAll: (id: unknown) => ['calendar', id] as const,
  calendar: (id: unknown, year: unknown) => ['calendar', id, year] as const,
  deadlinePolicies: ['deadline-policies'] as const,
  laddersAll: ['ladder'] as const,
  ladder: (regionId: unknown) => ['ladder', regionId] as const,
  roles: ['reference', 'roles'] as const,
  escalationContactsAll: ['escalation-contacts'] as const,
  escalationContacts: (regionId: unknown) => ['escalation-contacts', regionId] as const,
};
