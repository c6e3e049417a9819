/**
 * The `checked` date of a source: the month (YYYY-MM) or day (YYYY-MM-DD) an
 * author last confirmed what the source says.
 */
export interface CheckedDate {
  year: number
  /** 1-12 */
  month: number
  /** 1-31, absent when only the month was given. */
  day?: number
}

const CHECKED = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/

/** Reads `2026-11` or `2026-11-05`; undefined when the text is not a real month or day. */
export function parseCheckedDate(text: string): CheckedDate | undefined {
  const match = CHECKED.exec(text)
  if (!match) return undefined
  const year = Number(match[1])
  const month = Number(match[2])
  const day = match[3] === undefined ? undefined : Number(match[3])
  if (month < 1 || month > 12) return undefined
  if (day !== undefined && (day < 1 || day > daysIn(year, month))) return undefined
  return { year, month, day }
}

/** Whether `checked` names a month or day after `today` (a month from its first day). `today` is passed in: this stays pure. */
export function isAfterToday(checked: CheckedDate, today: Date): boolean {
  const now = [today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate()]
  const then = [checked.year, checked.month, checked.day ?? 1]
  for (let i = 0; i < 3; i++) if ((then[i] ?? 0) !== (now[i] ?? 0)) return (then[i] ?? 0) > (now[i] ?? 0)
  return false
}

export function isCheckedDate(value: unknown): value is string {
  return typeof value === 'string' && parseCheckedDate(value) !== undefined
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}
