// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { SupervisorPinDialog } from '../../components/SupervisorPinDialog';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle, type FakeHost } from '../../test/fake-host';
import { nobody } from '../../test/fixtures';
import { LoginScreen } from './LoginScreen';
import { useSessionStore } from './session.store';

let host: FakeHost;
beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  useSessionStore.setState({ session: nobody, error: null, busy: false });
  host = createFakeHost({
    'session.login': () => {
      throw new AppError('FORBIDDEN', msg('session.pinWait', { seconds: 30 }), { retryInSeconds: 30 });
    },
  });
  setApi(host.api);
});
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

const typePin = (pin: string) => {
  for (const d of pin) fireEvent.click(screen.getByTestId(`pin-key-${d}`));
};

describe('the PIN pad after too many wrong PINs', () => {
  it('counts the wait down and sends nothing until it is over', async () => {
    // The countdown's clock is the test's; setTimeout stays real for the fake host's replies.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'] });
    render(<LoginScreen />);
    typePin('1234');
    await act(async () => {
      fireEvent.click(screen.getByTestId('pin-submit'));
      await settle();
    });
    expect(screen.getByTestId('pin-wait').textContent).toBe('Too many wrong PINs: wait 30 s before the next try');
    expect(screen.queryByTestId('login-error')).toBeNull();
    typePin('0000');
    expect((screen.getByTestId('pin-submit') as HTMLButtonElement).disabled).toBe(true);
    act(() => void vi.advanceTimersByTime(10_000));
    expect(screen.getByTestId('pin-wait').dataset['seconds']).toBe('20');
    act(() => void vi.advanceTimersByTime(20_000));
    expect(screen.queryByTestId('pin-wait')).toBeNull();
    expect((screen.getByTestId('pin-submit') as HTMLButtonElement).disabled).toBe(false);
    expect(host.callsOf('session.login')).toEqual([{ pin: '1234' }]);
  });

  it('the supervisor PIN dialog shows the same wait', () => {
    vi.useFakeTimers();
    const error = { code: 'FORBIDDEN' as const, msg: msg('session.pinWait', { seconds: 90 }), details: { retryInSeconds: 90 } };
    render(<SupervisorPinDialog action="Force-verify" error={error} busy={false} onSubmit={() => {}} onCancel={() => {}} />);
    expect(screen.getByTestId('pin-wait').dataset['seconds']).toBe('90');
    act(() => void vi.advanceTimersByTime(45_000));
    expect(screen.getByTestId('pin-wait').textContent).toBe('Too many wrong PINs: wait 45 s before the next try');
  });
});
