import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { CliHost } from '../cli-host';
import type { Options } from '../cli-text';

/**
 * The PIN a supervisor's or admin's command was given (`--pin`). Without one the command stops
 * here and says how to give it: it tries no PIN of its own (a guessed factory PIN would count as
 * a wrong PIN at this bench's pad once the admin has changed theirs), and opens nothing.
 */
export function managerPin(options: Options): string {
  const pin = options['pin'];
  if (typeof pin !== 'string' || pin === '') throw new AppError('FORBIDDEN', msg('cli.pinNeeded.managers'));
  return pin;
}

/** The administrator's PIN on a new bench (README: change it first). */
const FACTORY_PIN = '0000';

/**
 * Logs a one-shot command's user in: `--pin`'s user; without it the factory administrator, but
 * only while their PIN is still the factory one. Once it is changed a guessed 0000 would count as
 * a wrong PIN toward the pad's backoff, so the command is refused, saying to give `--pin`.
 */
export async function signIn(call: CliHost['call'], options: Options): Promise<void> {
  const pin = options['pin'];
  if (typeof pin === 'string' && pin !== '') {
    await call('session.login', { pin });
    return;
  }
  if (!(await call('session.current', {})).defaultPinInUse) throw new AppError('FORBIDDEN', msg('cli.pinNeeded.anyone'));
  await call('session.login', { pin: FACTORY_PIN });
}

/**
 * Acts as a user: `--pin PIN` logs that user in at this station (as typing the PIN at the pad
 * does, wrong tries counted alike); `--as NAME` must then be who the PIN belongs to. Without them
 * the command acts as whoever is logged in at the station. Runs `act` and logs the user out
 * again, so a supervisor's PIN given to a script does not leave them logged in at the bench.
 */
export async function actAs<T>(call: CliHost['call'], options: Options, act: () => Promise<T>): Promise<T> {
  const pin = typeof options['pin'] === 'string' ? options['pin'] : undefined;
  const as = typeof options['as'] === 'string' ? options['as'] : undefined;
  if (as !== undefined && pin === undefined) throw new AppError('INVALID_INPUT', msg('cli.asNeedsPin'));
  if (pin === undefined) return act();
  const before = (await call('session.current', {})).user;
  const user = (await call('session.login', { pin })).user;
  try {
    if (as !== undefined && user?.name !== as && user?.id !== as) throw new AppError('FORBIDDEN', msg('cli.asMismatch', { user: as }));
    return await act();
  } finally {
    if (before?.id !== user?.id) await call('session.logout', {});
  }
}
