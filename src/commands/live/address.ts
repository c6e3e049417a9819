import { networkInterfaces } from 'node:os'
import { isIP } from 'node:net'

/**
 * Where a room listens and which names reach it. By default loopback only
 * (the trainer's own browser); `--host lan` picks the machine's address on
 * the room's network; `--host ADDR` takes that address as given. The Host
 * header of every request must be one of `allowedHosts`: a page on another
 * site cannot reach the room through a DNS name it rebinds to this address.
 */
export interface Binding {
  /** The address the server binds to. */
  bind: string
  /** The address learners type (and the QR code holds). */
  public: string
  /** Whether learners on other machines can reach it. */
  lan: boolean
}

/** The first non-internal IPv4 address of the machine (Wi-Fi or Ethernet), preferring private ranges. */
export function lanAddress(interfaces = networkInterfaces()): string | undefined {
  const candidates = Object.values(interfaces)
    .flat()
    .filter((i): i is NonNullable<typeof i> => Boolean(i) && i!.family === 'IPv4' && !i!.internal)
    .map((i) => i.address)
  const isPrivate = (a: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(a)
  return candidates.find(isPrivate) ?? candidates[0]
}

/** The binding for `--host`: undefined → loopback; "lan" → the LAN address; else the address given (must be an IP). */
export function resolveBinding(host: string | undefined, interfaces = networkInterfaces()): Binding | { error: string } {
  if (host === undefined || host === '127.0.0.1' || host === 'localhost') return { bind: '127.0.0.1', public: '127.0.0.1', lan: false }
  if (host === 'lan') {
    const address = lanAddress(interfaces)
    return address
      ? { bind: address, public: address, lan: true }
      : { error: 'This machine has no network address besides loopback: connect it to the room’s network (Wi-Fi or cable), then run kit live --host lan again.' }
  }
  if (!isIP(host)) return { error: `--host ${host} is not an IP address; use lan, or an address of this machine.` }
  return { bind: host, public: host, lan: host !== '::1' && !host.startsWith('127.') }
}

/** Host headers the server answers: loopback names, and the public address, each with the port. */
export function allowedHosts(binding: Binding, port: number): Set<string> {
  const hosts = ['127.0.0.1', 'localhost', '[::1]', hostName(binding.public)]
  return new Set(hosts.map((h) => `${h}:${port}`.toLowerCase()))
}

/** An address as it is written in a URL ([…] around IPv6). */
export function hostName(address: string): string {
  return isIP(address) === 6 ? `[${address}]` : address
}
