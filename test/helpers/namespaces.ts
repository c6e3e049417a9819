import { execFileSync } from 'node:child_process'

/**
 * Whether this machine lets kit labs' sandbox create namespaces (as root, or
 * as a user through a user namespace). CI must: there, a machine that cannot
 * fails the suite instead of skipping the lab tests.
 */
export const canUnshare = (() => {
  if (process.platform !== 'linux') return false
  try {
    const args = process.getuid?.() === 0 ? ['--pid', '--fork', 'true'] : ['--user', '--map-root-user', '--pid', '--fork', 'true']
    execFileSync('unshare', args, { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()
if (!canUnshare && process.env.CI && process.platform === 'linux') throw new Error('CI must be able to create namespaces (run as root)')
