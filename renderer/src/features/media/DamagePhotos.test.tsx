// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectApi, setApi } from '../../api/client';
import { initI18n, setLanguage } from '../../i18n/setup';
import { createFakeHost } from '../../test/fake-host';
import { DamagePhotos } from './DamagePhotos';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

beforeAll(() => {
  // A browser station page: its token came in the address; the socket never connects here, the fake host answers instead.
  vi.stubGlobal('WebSocket', class {
    readyState = 0;
    close() {}
    send() {}
  });
  connectApi({ location: { hash: '#token=t0k', pathname: '/', search: '', host: '127.0.0.1:5170', protocol: 'http:' }, history: { replaceState() {} }, sessionStorage: null } as unknown as Window);
  setApi(createFakeHost({ 'media.ticket': () => ({ ticket: 'tk' }) }).api);
  initI18n('zh-CN');
});
afterEach(() => {
  cleanup();
  setLanguage('zh-CN');
});

describe('DamagePhotos', () => {
  it('shows thumbnails with the read ticket, and a tap opens the photo full size', async () => {
    render(<DamagePhotos photos={[A, B]} bench={{ name: '打包台 B', thisBench: false }} />);
    const thumbs = await screen.findAllByTestId('damage-photo');
    expect(thumbs.map((i) => i.getAttribute('src'))).toEqual([`/attachments/${A}?ticket=tk&thumb=1`, `/attachments/${B}?ticket=tk&thumb=1`]);
    fireEvent.click(thumbs[1]!);
    expect((await screen.findByTestId('photo-full')).getAttribute('src')).toBe(`/attachments/${B}?ticket=tk`);
    expect(screen.getByTestId('photo-viewer').textContent).toContain('照片 2 / 2');
  });

  it('a photo not here yet names the bench it waits for, in the reader language, and is no error', async () => {
    render(<DamagePhotos photos={[A, B]} bench={{ name: '打包台 B', thisBench: false }} />);
    const thumbs = await screen.findAllByTestId('damage-photo');
    fireEvent.error(thumbs[0]!);
    await waitFor(() => expect(screen.getByTestId('photo-missing').textContent).toBe('尚未从工位 打包台 B 上传'));
    expect(screen.getAllByTestId('damage-photo')).toHaveLength(1);
    expect(screen.queryByRole('alert')).toBeNull();
    cleanup();
    setLanguage('en');
    render(<DamagePhotos photos={[A]} bench={null} />);
    fireEvent.error(await screen.findByTestId('damage-photo'));
    await waitFor(() => expect(screen.getByTestId('photo-missing').textContent).toBe('Not yet uploaded'));
  });
});
