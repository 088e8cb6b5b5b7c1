/** The engineer's appointments as the phone reads them (WO-5). */

/** An appointment as GET /work-orders/:id/appointments returns it (the parts the phone uses). */
export interface EngineerAppointment {
  id: string;
  windowStart: string;
  windowEnd: string;
  state: string;
  lateNoticeAt: string | null;
  lateNoticeInTime: boolean | null;
  missed: boolean;
}

/** The appointment still in force: the latest proposed or confirmed one, if any. */
export function currentAppointment(items: EngineerAppointment[]): EngineerAppointment | null {
  const live = items.filter((a) => a.state === 'confirmed' || a.state === 'proposed');
  live.sort((a, b) => b.windowStart.localeCompare(a.windowStart));
  return live[0] ?? null;
}
