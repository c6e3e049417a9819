/**
 * `kit dev` answers only requests addressed to it by a loopback name and the
 * port it bound. A page of another site can point its own host name at
 * 127.0.0.1 (DNS rebinding) and then read the preview as same-origin; its
 * requests carry that name in `Host`, so they are refused.
 */

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

/** True when `host` (the request's Host header) is a loopback name with `port`. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host || port <= 0) return false
  const given = host.toLowerCase()
  // A browser leaves the port out of Host when it is the scheme's default.
  return LOOPBACK_NAMES.some((name) => given === `${name}:${port}` || (port === 80 && given === name))
}

/** The answer to a request for another host: 403 and why, in a line (naming the addresses it listens on). */
export function refusedHostText(port: number): string {
  return `kit dev answers only http://127.0.0.1:${port}/ and http://localhost:${port}/; this request named another host.\n`
}
