import { z } from 'zod';
import { procedure } from '../rpc/define';
import { benchRefSchema, userRoleSchema } from './common';

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: userRoleSchema,
  hasBadge: z.boolean(),
  /** Disabled users cannot log in or authorise anything; their history stays. */
  active: z.boolean(),
  /** A bench's factory administrator (made at its first start): the screens say their factory name in the reader's language. */
  factoryAdmin: z.boolean().optional(),
  /**
   * Another bench's factory administrator (an admin station publishes its own): that bench's name as
   * stored, so the top bar and lock screen say whose 管理员 this is. Null or absent: this bench's or the shop's.
   */
  otherBench: z.string().max(400).nullable().optional(),
});
export type User = z.infer<typeof userSchema>;

/**
 * A user as the admin's list shows them. Each bench has a factory administrator of its own, all
 * with the same name: `bench` says whose it is (null for the shop's other users).
 */
export const shopUserSchema = userSchema.extend({ bench: benchRefSchema.nullable() });
export type ShopUser = z.infer<typeof shopUserSchema>;

export const sessionSchema = z.object({
  user: userSchema.nullable(),
  locked: z.boolean(),
  /** True while the seeded administrator still has the factory PIN. */
  defaultPinInUse: z.boolean(),
  /** Nobody is logged in because the user was disabled (at another bench), not by their own logout. */
  endedBy: z.enum(['disabled']).nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

const pinSchema = z.string().regex(/^\d{4,8}$/, 'PIN must be 4–8 digits');

export const sessionContract = {
  /** Logs a packer in by PIN or by scanning their badge; replaces whoever was logged in. */
  'session.login': procedure(
    z.union([z.object({ pin: pinSchema }), z.object({ badge: z.string().min(3).max(64) })]),
    sessionSchema,
  ),
  /** Logs out; the bench refuses scans until someone logs in. */
  'session.logout': procedure(z.object({}), sessionSchema),
  /** Locks the bench after idle time; the same PIN or badge unlocks. */
  'session.lock': procedure(z.object({}), sessionSchema),
  /** Who is logged in. */
  'session.current': procedure(z.object({}), sessionSchema),
  /** The shop's users, as this station knows them (admin only). */
  'users.list': procedure(z.object({}), z.array(shopUserSchema)),
  /**
   * Where the shop's users are managed, for anyone logged in: the admin station as this bench knows
   * it (null: not known here, e.g. not paired or nothing heard from it yet).
   */
  'users.managedAt': procedure(z.object({}), z.object({ station: benchRefSchema.nullable() })),
  /** Creates or updates a user; the PIN is stored as an scrypt hash (admin only). */
  'users.save': procedure(
    z.object({
      id: z.string().optional(),
      name: z.string().trim().min(1).max(40),
      role: userRoleSchema,
      pin: pinSchema.optional(),
      badge: z.string().min(3).max(64).optional(),
      active: z.boolean().optional(),
    }),
    shopUserSchema,
  ),
} as const;
