import { z } from 'zod';
import { appErrorSchema } from './errors';
import { userRoleSchema } from './common';

/**
 * The supervisor's desk on a phone: the hub serves the renderer and these few plain HTTPS
 * endpoints beside its sync API, plus the RPC WebSocket at `rpc`. Login is not an RPC: it sets an
 * HttpOnly cookie the page never sees, which the WebSocket upgrade then carries.
 */
export const DESK_PATHS = {
  session: '/desk/session',
  login: '/desk/login',
  logout: '/desk/logout',
  rpc: '/desk/rpc',
  /** Followed by a SHA-256 and `?ticket=…`, like a station's `/attachments/…`. */
  attachments: '/desk/attachments/',
} as const;

/** The phone types the user's name as the shop's user list spells it, and their PIN. */
export const deskLoginSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  pin: z.string().regex(/^\d{4,8}$/),
});
export type DeskLogin = z.infer<typeof deskLoginSchema>;

export const deskUserSchema = z.object({
  id: z.string(), name: z.string(), role: userRoleSchema,
  /** As a bench's session says them: a bench's factory administrator, with that bench's name (every bench has a 管理员). */
  factoryAdmin: z.boolean().optional(), otherBench: z.string().max(400).nullable().optional(),
});
export type DeskUser = z.infer<typeof deskUserSchema>;

/** Why a phone's login ended without a logout: idle too long, a working day over, or its user disabled or no longer a supervisor. */
export const deskEndingSchema = z.enum(['idle', 'day', 'revoked']);
export type DeskEnding = z.infer<typeof deskEndingSchema>;

/** `GET /desk/session`: says this is the desk (so the page shows the phone shell) and who is logged in. */
export const deskSessionSchema = z.object({
  desk: z.literal(true),
  user: deskUserSchema.nullable(),
  /** A session ends after this many minutes without a request. */
  idleMinutes: z.number().int().positive(),
  /** With no user: why this phone's last login ended, when the hub still knows. */
  ended: deskEndingSchema.nullable().optional(),
});
export type DeskSession = z.infer<typeof deskSessionSchema>;

/** Every refusal of the desk's HTTP endpoints: the same error shape as an RPC's. */
export const deskRefusalSchema = z.object({ error: appErrorSchema });
