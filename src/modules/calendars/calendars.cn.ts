/**
 * China's official public holidays and make-up working days (调休), as published each year by
 * the General Office of the State Council. 2026: notice of 4 November 2025 (国办发明电〔2025〕号).
 * Administrators add later years through the API (PUT /api/v1/calendars/:id/years/:year).
 */

/** One day that differs from the ordinary week. */
export interface SpecialDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

function span(from: string, to: string, name: string): SpecialDay[] {
  const out: SpecialDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
}

function work(date: string, name: string): SpecialDay {
  return { date, kind: 'workday', name };
}

/** 2026: New Year 1–3 Jan; Spring Festival 15–23 Feb; Qingming 4–6 Apr; Labour Day 1–5 May; Dragon Boat 19–21 Jun; Mid-Autumn 25–27 Sep; National Day 1–7 Oct. */
export const CN_2026: readonly SpecialDay[] = [
  ...span('2026-01-01', '2026-01-03', '元旦'),
  work('2026-01-04', '元旦调休上班'),
  work('2026-02-14', '春节调休上班'),
  ...span('2026-02-15', '2026-02-23', '春节'),
  work('2026-02-28', '春节调休上班'),
  ...span('2026-04-04', '2026-04-06', '清明节'),
  ...span('2026-05-01', '2026-05-05', '劳动节'),
  work('2026-05-09', '劳动节调休上班'),
  ...span('2026-06-19', '2026-06-21', '端午节'),
  work('2026-09-20', '国庆节调休上班'),
  ...span('2026-09-25', '2026-09-27', '中秋节'),
  ...span('2026-10-01', '2026-10-07', '国庆节'),
  work('2026-10-10', '国庆节调休上班'),
];
