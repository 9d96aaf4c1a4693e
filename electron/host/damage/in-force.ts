/**
 * The fact in force among a report's decisions (or a claim's settlements): the last the hub
 * ordered, except that this station's own, not yet ordered, come after everything ordered (the hub
 * will order them last) and so win here until they are. `table` and `key` are fixed identifiers
 * chosen by the caller, never input.
 */
export const inForceSql = (table: 'damage_decisions' | 'claim_settlements', key: 'report_id' | 'claim_id', of: string, column = 'id') =>
  `(SELECT ${column} FROM ${table} WHERE ${key} = ${of} ORDER BY hub_seq IS NOT NULL, hub_seq DESC, rowid DESC LIMIT 1)`;
