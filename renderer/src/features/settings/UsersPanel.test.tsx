// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopUser } from '#shared/contract/session.contract';
import { initI18n, setLanguage } from '../../i18n/setup';
import { admin } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useSettingsStore } from './settings.store';
import { UsersPanel } from './UsersPanel';

const user = (id: string, name: string, role: ShopUser['role'], bench: ShopUser['bench']): ShopUser => ({ id, name, role, hasBadge: false, active: true, bench });
const users = [
  user('a-own', '管理员', 'admin', { name: '办公室', thisBench: true }),
  user('a-b', '管理员', 'admin', { name: '打包台 B', thisBench: false }),
  user('s-1', '李主管', 'supervisor', null),
];

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: admin });
  useSettingsStore.setState({ users, usersError: null });
});
afterEach(cleanup);

const names = () => screen.getAllByTestId('user-name-cell').map((c) => c.textContent);

describe('users panel', () => {
  it('tells the benches\' factory administrators apart by their bench', () => {
    render(<UsersPanel />);
    expect(names()).toEqual(['管理员 · 本机', '管理员 · 打包台 B', '李主管']);
  });

  it('in English too', () => {
    setLanguage('en');
    render(<UsersPanel />);
    expect(names()).toEqual(['管理员 · This bench', '管理员 · 打包台 B', '李主管']);
  });
});
