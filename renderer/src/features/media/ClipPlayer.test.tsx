// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackClip } from '#shared/contract/media.contract';
import { initI18n, setLanguage } from '../../i18n/setup';
import { ClipPlayer } from './ClipPlayer';

const clip: PackClip = {
  id: 'c1', orderId: 'taobao:1', sha256: 'a'.repeat(64), bytes: 600_000, startedAt: '2026-01-01T00:00:00.000Z', endedAt: '2026-01-01T00:00:10.000Z',
  durationMs: 10_000, scans: 2,
  marks: [
    { offsetMs: 4_500, code: '6900000000011', outcome: 'verified', skuCode: 'SKU-0001' },
    { offsetMs: 65_200, code: '6900000000021', outcome: 'completed', skuCode: 'SKU-0002' },
  ],
};

beforeEach(() => {
  initI18n('zh-CN');
  setLanguage('zh-CN');
});
afterEach(cleanup);

/**
 * What Chromium does with a MediaRecorder WebM (jsdom plays nothing): the metadata has no length
 * (Infinity) until something reads to the end, then it fires durationchange.
 */
function loadAsRecorded(video: HTMLVideoElement, lengthS: number) {
  let duration = Infinity;
  Object.defineProperty(video, 'duration', { configurable: true, get: () => duration });
  fireEvent.loadedMetadata(video);
  return () => {
    duration = lengthS;
    fireEvent.durationChange(video);
  };
}

describe('a pack video in the player', () => {
  it('lists the scans in it with their time, and a click puts the video at that scan once its length is known', async () => {
    render(<ClipPlayer clip={clip} src="/attachments/x" />);
    const marks = screen.getAllByTestId('clip-mark');
    expect(marks.map((m) => m.textContent)).toEqual(['0:04 核验正确 SKU-0001', '1:05 完成发货 SKU-0002']);
    const video = screen.getByTestId('clip-video') as HTMLVideoElement;
    const readToEnd = loadAsRecorded(video, 70);
    // Chromium is asked for a time past the end: that is what makes it read the length.
    expect(video.currentTime).toBeGreaterThan(1e9);
    // A scan clicked before the length is known is where the player lands.
    fireEvent.click(marks[0]!);
    await act(async () => readToEnd());
    expect(video.currentTime).toBe(4.5);
    expect(video.dataset['durationKnown']).toBe('true');
    fireEvent.click(marks[1]!);
    expect(video.currentTime).toBe(65.2);
    act(() => setLanguage('en'));
    expect(screen.getAllByTestId('clip-mark')[0]!.textContent).toBe('0:04 verified SKU-0001');
  });

  it('lists the scan that opened the order first, at 0:00, by the order id scanned, and a click goes to the start', async () => {
    const opening = { offsetMs: 0, code: '4012345678900000201', outcome: 'opened', skuCode: null };
    render(<ClipPlayer clip={{ ...clip, scans: 3, marks: [opening, ...clip.marks] }} src="/attachments/x" />);
    const marks = screen.getAllByTestId('clip-mark');
    expect(marks.map((m) => m.textContent)).toEqual(['0:00 打开订单 4012345678900000201', '0:04 核验正确 SKU-0001', '1:05 完成发货 SKU-0002']);
    const video = screen.getByTestId('clip-video') as HTMLVideoElement;
    const readToEnd = loadAsRecorded(video, 70);
    await act(async () => readToEnd());
    fireEvent.click(marks[1]!);
    fireEvent.click(marks[0]!);
    expect(video.currentTime).toBe(0);
  });
});
