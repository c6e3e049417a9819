import type { Messages } from '../core/messages.ts'
import { LAB_REASONS, type LabReason, type MachineFacts } from './lab-results.ts'

/**
 * The words for what `kit labs` records as facts and codes (where it ran,
 * why a step did not pass), in the language of `messages`. kit labs itself
 * writes them in English through these functions, so the English text of a
 * results file and the English sheet say the same.
 */

const KNOWN = new Set<string>(LAB_REASONS)

/** A reason in words; undefined for a code this kit does not know. */
export function reasonWords(why: LabReason, messages: Messages): string | undefined {
  const words = (part: { code: string; values?: Record<string, string> }) => (KNOWN.has(part.code) ? messages.t(`lab.reason.${part.code}`, part.values) : undefined)
  const reason = words(why)
  const limit = why.limit && words(why.limit)
  return reason && limit ? messages.t('lab.reasonWithLimit', { reason, limit }) : reason
}

/** "Linux 6.18 x86_64, Debian 13, cgroup v2, as root; Docker 29.0.1" and "Linux namespaces (unshare, util-linux 2.41)". */
export function machineWords(machine: MachineFacts, messages: Messages): { host: string; runtime: string } | undefined {
  const { t } = messages
  const facts = { kernel: machine.kernel, arch: machine.arch, os: machine.os, cgroup: machine.cgroup ?? '?', user: machine.user }
  const base = t('lab.machine', facts)
  const missing = reasonWords({ code: machine.dockerMissing ?? 'noDockerDaemon' }, messages)
  const host = machine.docker ? t('lab.withDocker', { machine: base, version: machine.docker }) : t('lab.withoutDocker', { machine: base, reason: missing ?? '' })
  const tool = machine.unshare ? `unshare, util-linux ${machine.unshare.replace(/^util-linux /, '')}` : 'unshare'
  const namespaces = t('lab.namespaces', { tool })
  const docker = machine.docker ? t('lab.docker', { version: machine.docker }) : undefined
  if (machine.uses === 'namespaces' || (machine.uses === 'both' && !docker)) return { host, runtime: namespaces }
  if (machine.uses === 'docker' && docker) return { host, runtime: docker }
  if (machine.uses === 'both' && docker) return { host, runtime: t('lab.both', { namespaces, docker }) }
  return undefined
}
