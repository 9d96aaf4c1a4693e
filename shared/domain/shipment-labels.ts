/**
 * The live parcels shipped together with `target` (one ship makes its parcels at one moment): what
 * a reprint of "the last label" prints. A two-parcel order reprinted only its second.
 */
export function labelsShippedWith<S extends { voidedAt: string | null; createdAt: string }>(shipments: readonly S[], target: S): S[] {
  return shipments.filter((s) => s.voidedAt === null && s.createdAt === target.createdAt);
}
