import { BASE_LANGUAGE, createMessages, type Messages } from '../../core/messages.ts'
import { kitCatalogues } from '../../load/catalogues.ts'
import type { LabReason, LabReasonCode } from '../../load/lab-results.ts'
import { reasonWords } from '../../load/lab-words.ts'

/**
 * Why a step did not pass, as kit labs records it: a code and its values
 * (the sheet words them in the workshop's language) and the English words
 * (the terminal's, and what older kits show), both from kit's catalogues.
 */
export interface Why extends LabReason {
  code: LabReasonCode
  text: string
}

let english: Messages | undefined

/** kit's English words (the terminal stays English, whatever the workshop's language). */
export function englishWords(): Messages {
  english ??= createMessages(BASE_LANGUAGE, kitCatalogues())
  return english
}

/** A reason with its values as text (a line number stays "1234", not "1,234"). */
export function labReason(code: LabReasonCode, values?: Record<string, string | number>): Why {
  const strings = values ? Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)])) : undefined
  const why: LabReason = strings ? { code, values: strings } : { code }
  return { ...why, code, text: reasonWords(why, englishWords()) ?? code }
}

/** What the results file keeps of a reason: the English words beside the code. */
export function recorded(why: Why | undefined): { reason?: string; why?: LabReason } {
  if (!why) return {}
  const { text, ...rest } = why
  return { reason: text, why: rest }
}

/** A failure with the sandbox limit that may explain it (the limit's words follow the reason's). */
export function withLimit(why: Why, limit: Why): Why {
  const { text: _reason, ...primary } = why
  const { text: _limit, ...extra } = limit
  const combined: LabReason = { ...primary, limit: extra }
  return { ...combined, code: why.code, text: reasonWords(combined, englishWords()) ?? why.text }
}
