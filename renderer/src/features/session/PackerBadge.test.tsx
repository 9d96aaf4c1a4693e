// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { User } from '#shared/contract/session.contract';
import { initI18n, setLanguage } from '../../i18n/setup';
import { PackerBadge } from './PackerBadge';
import { useSessionStore } from './session.store';

const logIn = (user: User) => useSessionStore.setState({ session: { user, locked: false, defaultPinInUse: false, endedBy: null } });
const badge = () => screen.getByTestId('packer').querySelector('.packer-name')!.textContent;

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
});
afterEach(cleanup);

describe('the logged-in user\'s badge', () => {
  it('says the factory administrator\'s name in the reader\'s language, and a name someone typed as typed', () => {
    logIn({ id: 'u1', name: '管理员', role: 'admin', hasBadge: false, active: true, factoryAdmin: true });
    render(<PackerBadge />);
    expect(badge()).toBe('管理员');
    act(() => setLanguage('en'));
    expect(badge()).toBe('Admin');
    // Renamed, or another admin someone named 管理员: their own name.
    act(() => logIn({ id: 'u1', name: '老板', role: 'admin', hasBadge: false, active: true, factoryAdmin: true }));
    expect(badge()).toBe('老板');
    act(() => logIn({ id: 'u2', name: '管理员', role: 'admin', hasBadge: false, active: true, factoryAdmin: false }));
    expect(badge()).toBe('管理员');
  });

  it("says whose 管理员 it is when the PIN opened another bench's factory administrator", () => {
    logIn({ id: 'u3', name: '管理员', role: 'admin', hasBadge: false, active: true, factoryAdmin: true, otherBench: '打包台A' });
    render(<PackerBadge />);
    expect(badge()).toBe('管理员 · 打包台A');
    act(() => setLanguage('en'));
    expect(badge()).toBe('Admin · 打包台A');
  });
});
