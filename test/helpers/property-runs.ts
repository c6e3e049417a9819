/**
 * fast-check settings of the property tests: 100 runs with a fresh seed in
 * `npm test`, so every run explores new cases; `npm run test:property` runs
 * 1,000. fast-check prints the seed and path of a failing case; set
 * KIT_PROPERTY_SEED (and KIT_PROPERTY_PATH) to replay it.
 */
export function propertyRuns(): { numRuns: number; seed?: number; path?: string; endOnFailure: true } {
  const numRuns = Number(process.env.KIT_PROPERTY_RUNS ?? 100)
  const seed = process.env.KIT_PROPERTY_SEED === undefined ? undefined : Number(process.env.KIT_PROPERTY_SEED)
  return { numRuns, seed, path: process.env.KIT_PROPERTY_PATH, endOnFailure: true }
}
