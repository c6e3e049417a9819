import type { Figures } from './figures.ts'

/**
 * The report's figures as CSV files (RFC 4180: commas, CRLF, quotes
 * doubled). A cell that a spreadsheet would read as a formula (starting
 * with =, +, -, @, tab or carriage return) gets a leading apostrophe:
 * names and messages are what learners typed.
 */
export function reportCsv(figures: Figures): Map<string, string> {
  const iso = (at: number) => new Date(at).toISOString()
  const round = (n: number | null) => (n === null ? '' : n.toFixed(1))
  return new Map([
    [
      'attendance.csv',
      table(
        ['name', 'joined', 'last_seen'],
        figures.attendance.map((a) => [a.name, iso(a.joinedAt), iso(a.lastSeen)]),
      ),
    ],
    [
      'steps.csv',
      table(
        ['exercise', 'step', 'ticked', 'stuck', 'median_minutes', 'participants', 'finished'],
        figures.exercises.flatMap((x) => x.steps.map((s) => [x.title, s.title, s.done, s.stuck, round(s.median), x.participants, x.finished])),
      ),
    ],
    [
      'stuck.csv',
      table(
        ['name', 'exercise', 'step', 'message', 'at', 'claimed_after_minutes', 'helper', 'resolved_after_minutes'],
        figures.stuck.map((s) => [s.name, s.exercise, s.step, s.message, iso(s.at), round(s.claimedAfter), s.helper ?? '', round(s.resolvedAfter)]),
      ),
    ],
    [
      'answers.csv',
      table(
        ['question', 'choice', 'answers', 'right', 'correct_share'],
        figures.questions.flatMap((q) => q.choices.map((c, i) => [q.text, c, q.counts[i] ?? 0, q.answer === i ? 'yes' : 'no', q.correct === null ? '' : q.correct.toFixed(2)])),
      ),
    ],
  ])
}

export function table(head: string[], rows: (string | number)[][]): string {
  return [head, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n'
}

export function cell(value: string | number): string {
  if (typeof value === 'number') return String(value)
  const guarded = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}
