// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n/setup';
import { PhotoCapture, usePhotoSet } from './PhotoCapture';

/** A camera that will not open, the way Chromium says so: a DOMException with a name. */
function cameraFails(name: string | null) {
  const mediaDevices = name === null ? undefined : { getUserMedia: () => Promise.reject(new DOMException('Requested device not found', name)) };
  Object.defineProperty(navigator, 'mediaDevices', { value: mediaDevices, configurable: true });
}

function Capture() {
  return <PhotoCapture set={usePhotoSet()} />;
}

const note = async () => {
  render(<Capture />);
  await act(async () => undefined);
  return screen.getByTestId('photo-capture').textContent ?? '';
};

describe('a camera that does not open says why in words a packer can act on', () => {
  beforeEach(() => {
    initI18n('zh-CN');
    setLanguage('zh-CN');
  });
  afterEach(cleanup);

  it('names a missing, a forbidden and a busy camera, not the browser’s error name', async () => {
    cameraFails('NotFoundError');
    expect(await note()).toContain('摄像头不可用：没有找到摄像头（请检查连接）。可以选择图片文件');
    cleanup();
    cameraFails('NotAllowedError');
    expect(await note()).toContain('没有使用摄像头的权限');
    cleanup();
    cameraFails('NotReadableError');
    act(() => setLanguage('en'));
    const text = await note();
    expect(text).toContain('No camera: the camera is in use by another program. Choose picture files instead');
    expect(text).not.toMatch(/NotReadableError|NotFoundError/);
  });

  it('says a page without camera access must be opened on this PC or over https; an unknown reason is shown as it came', async () => {
    cameraFails(null);
    expect(await note()).toContain('这个页面不能使用摄像头（请在本机或 https 地址打开）');
    cleanup();
    cameraFails('WeirdError');
    expect(await note()).toContain('摄像头不可用：WeirdError。');
  });
});
