/**
 * Counted nouns in English for the terminal: "1 exercise", "2 exercises",
 * "0 errors". Counts on pages speak the workshop's language through the
 * message catalogues instead (src/i18n/messages.ts).
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}
