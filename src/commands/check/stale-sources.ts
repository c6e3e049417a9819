import { checkedAge, referenceLabel, sourceFreshness, volatileSources, type FreshnessPolicy } from '../../load/freshness-limit.ts'
import type { Module } from '../../load/module.ts'
import type { Source } from '../../load/schemas.ts'
import type { Problems } from '../../core/problems.ts'

/**
 * Facts rot: a source checked too long before the event is stale, and a
 * source that backs a volatile claim must say when it was checked. Both are
 * warnings at the source's line in the module's front matter.
 */
export function checkFreshness(modules: Module[], policy: FreshnessPolicy, problems: Problems): void {
  for (const module of modules) {
    const backing = volatileSources(module)
    module.sources.forEach((source, i) => {
      const state = sourceFreshness(source, policy)
      if (state === 'stale') warnStale(module, i, policy, problems)
      else if (state === 'unchecked' && backing.has(i)) warnUnchecked(module, i, problems)
    })
  }
}

function warnStale(module: Module, index: number, policy: FreshnessPolicy, problems: Problems): void {
  const source = module.sources[index] as Source
  const claims = claimsOf(module, index)
  problems.warn({
    code: 'KIT_SOURCE_STALE',
    message: `Source ${index + 1} of ${module.file} ("${source.title}") was last checked ${source.checked}, ${checkedAge(source, policy)} months before ${referenceLabel(policy)}; the limit is ${policy.maxAgeMonths}.`,
    hint: `Read ${source.url} again${claims ? ` (it backs ${claims})` : ''}, update the slides if a fact changed, then set \`checked: ${policy.thisMonth}\`.`,
    location: module.sourcePositions[index]?.checked ?? { file: module.file },
  })
}

function warnUnchecked(module: Module, index: number, problems: Problems): void {
  const source = module.sources[index] as Source
  problems.warn({
    code: 'KIT_SOURCE_UNCHECKED',
    message: `Source ${index + 1} of ${module.file} ("${source.title}") backs ${claimsOf(module, index)} but has no \`checked\` date.`,
    hint: `Confirm the claim against ${source.url}, then add \`checked: YYYY-MM\` (the month you did) to this source.`,
    location: module.sourcePositions[index]?.entry ?? { file: module.file },
  })
}

/** `the volatile claim "…"` or `2 volatile claims ("…", "…")`, or '' when the source backs none. */
function claimsOf(module: Module, index: number): string {
  const claims = module.volatile.filter((c) => c.source === index).map((c) => `"${c.claim}"`)
  if (claims.length === 0) return ''
  return claims.length === 1 ? `the volatile claim ${claims[0]}` : `${claims.length} volatile claims (${claims.join(', ')})`
}
