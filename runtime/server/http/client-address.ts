import type { Context } from 'hono';

type NodeBindings = { incoming?: { socket?: { remoteAddress?: string } } };

/**
 * The client's address from the socket. `X-Forwarded-For` is ignored: anybody can send it, so
 * trusting it would let an attacker rotate addresses past the throttle.
 */
export function clientAddress(c: Context): string {
  return (c.env as NodeBindings | undefined)?.incoming?.socket?.remoteAddress ?? 'local';
}
