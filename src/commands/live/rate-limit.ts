/**
 * Per-client rate limits: a token bucket per key (a person's id, or the
 * address a join comes from). Each key may spend `burst` requests at once
 * and earns `perSecond` back; a request that finds the bucket empty is
 * refused with the seconds until one is earned. Buckets untouched for a
 * minute are dropped, so memory stays bounded by the clients of the last
 * minute. Written here rather than taken from a package: the rate limiters
 * for Node's servers are middleware of one framework (Fastify's, Express's)
 * and this one also guards WebSocket hellos and joins before any route.
 */
export interface RateLimit {
  /** Requests allowed in a burst. */
  burst: number
  /** Requests earned back per second. */
  perSecond: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private swept = 0

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one request from `key`'s bucket: 0 when allowed, else the seconds to wait. */
  take(key: string): number {
    const now = this.now()
    this.sweep(now)
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now }
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.limit.perSecond)
    bucket.at = now
    this.buckets.set(key, bucket)
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1
      return 0
    }
    return Math.ceil((1 - bucket.tokens) / this.limit.perSecond)
  }

  private sweep(now: number): void {
    if (now - this.swept < 60_000) return
    this.swept = now
    for (const [key, bucket] of this.buckets) if (now - bucket.at > 60_000) this.buckets.delete(key)
  }
}
