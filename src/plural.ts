/**
 * Counted nouns in English: "1 exercise", "2 exercises", "0 errors". Every
 * count kit prints or lays out goes through here.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}
