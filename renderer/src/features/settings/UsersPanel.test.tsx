// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '#shared/contract/errors';
import type { ShopUser } from '#shared/contract/session.contract';
import { msg } from '#shared/i18n/message';
import { setApi } from '../../api/client';
import { UnsavedPrompt } from '../../components/UnsavedPrompt';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost, settle } from '../../test/fake-host';
import { admin, packer, unpairedStatus } from '../../test/fixtures';
import { useSessionStore } from '../session/session.store';
import { useSyncStore } from '../sync/sync.store';
import { useSettingsStore } from './settings.store';
import { UsersPanel } from './UsersPanel';

const user = (id: string, name: string, role: ShopUser['role'], bench: ShopUser['bench']): ShopUser => ({ id, name, role, hasBadge: false, active: true, bench });
const users = [
  user('a-own', '管理员', 'admin', { name: '办公室', thisBench: true }),
  user('a-b', '管理员', 'admin', { name: '打包台 B', thisBench: false }),
  user('s-1', '李主管', 'supervisor', null),
  // A user an admin named 管理员 by hand, and a factory administrator renamed: their names as typed.
  user('a-typed', '管理员', 'admin', null),
  user('a-c', '老板', 'admin', { name: '主管台', thisBench: false }),
];

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
  useSessionStore.setState({ session: admin });
  useSettingsStore.setState({ users, usersError: null, usersManagedAt: null });
  useSyncStore.setState({ status: null });
});
afterEach(cleanup);

const names = () => screen.getAllByTestId('user-name-cell').map((c) => c.textContent);

describe('users panel', () => {
  it('tells the benches\' factory administrators apart by their bench', () => {
    render(<UsersPanel />);
    expect(names()).toEqual(['管理员 · 本机', '管理员 · 打包台 B', '李主管', '管理员', '老板 · 主管台']);
  });

  it('in English too: the names Packdesk gave (the factory administrator, the supervisor desk) in English, typed names as typed', () => {
    setLanguage('en');
    render(<UsersPanel />);
    expect(names()).toEqual(['Admin · This bench', 'Admin · 打包台 B', '李主管', '管理员', '老板 · Supervisor desk']);
  });

  it('on a station paired as a supervisor\'s, its own administrator is told up front that users are managed at the admin station, and offered no form', () => {
    useSyncStore.setState({ status: { ...unpairedStatus, paired: true, role: 'supervisor', state: 'online' } });
    useSessionStore.setState({ session: { ...admin, user: { id: 'a-own', name: '管理员', role: 'admin', hasBadge: false, active: true } } });
    const shop = [user('a-own', '管理员', 'admin', { name: '打包台A', thisBench: true }), user('a-office', '管理员', 'admin', { name: '办公室', thisBench: false })];
    useSettingsStore.setState({ users: shop, usersManagedAt: { name: '办公室', thisBench: false } });
    render(<UsersPanel />);
    expect(screen.getByTestId('users-elsewhere').textContent).toBe('店铺的用户由管理工位 办公室 统一管理，请到那里添加或修改用户。此电脑配对为主管工位。');
    expect(screen.queryByTestId('user-new')).toBeNull();
    expect(screen.queryByText('编辑')).toBeNull();
  });

  it('at the admin station nothing is said and users are added there', () => {
    useSyncStore.setState({ status: { ...unpairedStatus, paired: true, role: 'admin', state: 'online' } });
    render(<UsersPanel />);
    expect(screen.queryByTestId('users-elsewhere')).toBeNull();
    expect(screen.getByTestId('user-new')).toBeTruthy();
  });

  it('a packer at a bench paired as a packer\'s is told where users are managed, as the admin is, with no list, no add button and no refusal', async () => {
    useSyncStore.setState({ status: { ...unpairedStatus, paired: true, role: 'packer', state: 'online' } });
    useSessionStore.setState({ session: packer });
    useSettingsStore.setState({ users: [] });
    const host = createFakeHost({
      'users.list': () => {
        throw new AppError('FORBIDDEN', msg('session.supervisorRequired'));
      },
      'users.managedAt': () => ({ station: { name: '打包台A', thisBench: false } }),
    });
    setApi(host.api);
    await act(async () => {
      await useSettingsStore.getState().loadUsers();
      await settle();
    });
    render(<UsersPanel />);
    expect(host.callsOf('users.list')).toEqual([]);
    expect(screen.getByTestId('users-elsewhere').textContent).toBe('店铺的用户由管理工位 打包台A 统一管理，请到那里添加或修改用户。此电脑配对为打包工位。');
    expect(screen.queryByTestId('user-new')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText('权限不足，需要主管授权')).toBeNull();
  });

  it('asks before 取消 drops a typed user, and not with nothing typed', () => {
    render(
      <>
        <UsersPanel />
        <UnsavedPrompt />
      </>,
    );
    fireEvent.click(screen.getByTestId('user-new'));
    fireEvent.click(screen.getByText('取消'));
    expect(screen.queryByTestId('unsaved-prompt')).toBeNull();
    expect(screen.queryByTestId('user-form')).toBeNull();

    fireEvent.click(screen.getByTestId('user-new'));
    fireEvent.change(screen.getByTestId('user-name'), { target: { value: '小李' } });
    fireEvent.click(screen.getByText('取消'));
    fireEvent.click(screen.getByText('继续编辑'));
    expect(screen.getByTestId('user-name')).toHaveProperty('value', '小李');
    fireEvent.click(screen.getByText('取消'));
    fireEvent.click(screen.getByText('放弃'));
    expect(screen.queryByTestId('user-form')).toBeNull();
  });
});
