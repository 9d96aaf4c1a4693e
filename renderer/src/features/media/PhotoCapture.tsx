import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { msg, type Message } from '#shared/i18n/message';
import { toUiError } from '../../api/errors';
import { useToastStore } from '../../app/toast.store';
import { hostText } from '../../lib/host-text';
import { cameraProblem } from './camera-problem';
import { PhotoRefused, prepareFile, putPhoto, snapFrame } from './photo-prep';
import './photos.css';

/** The most photos one report or return carries (the ops' cap). */
export const PHOTOS_MAX = 20;

export type CapturedPhoto = { key: string; url: string; sha256: string | null; state: 'saving' | 'saved' | 'failed' };

/**
 * The photos of one form: each is stored at the host as soon as it is taken (photos.put), so
 * filing waits for nothing but what is still on its way. Object URLs are let go on unmount.
 */
export function usePhotoSet() {
  const [photos, setPhotos] = useState<CapturedPhoto[]>([]);
  const urls = useRef(new Set<string>());
  useEffect(() => {
    const held = urls.current;
    return () => held.forEach((u) => URL.revokeObjectURL(u));
  }, []);
  const update = (key: string, change: Partial<CapturedPhoto>) => setPhotos((list) => list.map((p) => (p.key === key ? { ...p, ...change } : p)));
  const add = useCallback(async (blob: Blob) => {
    const url = URL.createObjectURL(blob);
    urls.current.add(url);
    const key = url;
    setPhotos((list) => [...list, { key, url, sha256: null, state: 'saving' }]);
    try {
      update(key, { sha256: await putPhoto(blob), state: 'saved' });
    } catch (error) {
      update(key, { state: 'failed' });
      useToastStore.getState().fail(toUiError(error));
    }
  }, []);
  const remove = useCallback((key: string) => setPhotos((list) => list.filter((p) => p.key !== key)), []);
  return {
    photos,
    add,
    remove,
    saving: photos.some((p) => p.state === 'saving'),
    hashes: photos.flatMap((p) => (p.state === 'saved' && p.sha256 ? [p.sha256] : [])),
  };
}
export type PhotoSet = ReturnType<typeof usePhotoSet>;

type CameraState = { state: 'starting' } | { state: 'on' } | { state: 'off'; reason: Message };

/** The bench webcam in a <video>, from mount to unmount: the camera light goes off with the form. */
function useCamera(video: React.RefObject<HTMLVideoElement | null>): CameraState {
  const [camera, setCamera] = useState<CameraState>({ state: 'starting' });
  useEffect(() => {
    let stream: MediaStream | null = null;
    let live = true;
    const media = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!media?.getUserMedia) {
      // No camera API: a page not opened on this PC or over https.
      setCamera({ state: 'off', reason: msg('media.camera.unsupported') });
      return;
    }
    media
      .getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false })
      .then(async (s) => {
        if (!live) return s.getTracks().forEach((t) => t.stop());
        stream = s;
        const el = video.current;
        if (el) {
          el.srcObject = s;
          await el.play().catch(() => undefined);
        }
        setCamera({ state: 'on' });
      })
      .catch((error: unknown) => live && setCamera({ state: 'off', reason: cameraProblem(error) }));
    return () => {
      live = false;
      stream?.getTracks().forEach((t) => t.stop());
      if (video.current) video.current.srcObject = null;
    };
  }, [video]);
  return camera;
}

/**
 * Photos for a damage report or a return: the live camera with a capture button (the scanner's
 * PD:PHOTO snaps too: each new `snapSignal` takes one), files chosen from disk, and the thumbnails
 * taken so far, each with a remove button.
 */
export function PhotoCapture({ set, snapSignal = 0, testId = 'photo-capture' }: { set: PhotoSet; snapSignal?: number; testId?: string }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const camera = useCamera(video);
  const [flash, setFlash] = useState(0);
  const full = set.photos.length >= PHOTOS_MAX;
  const fail = (error: unknown) =>
    useToastStore.getState().fail(error instanceof PhotoRefused ? { code: 'INVALID_INPUT', msg: error.reason } : toUiError(error));

  const snap = () => {
    if (full || !video.current || camera.state !== 'on') return;
    setFlash((n) => n + 1);
    snapFrame(video.current).then((blob) => set.add(blob), fail);
  };
  const signalled = useRef(snapSignal);
  useEffect(() => {
    if (snapSignal === signalled.current) return;
    signalled.current = snapSignal;
    snap();
  });

  const onFiles = async (files: FileList | null) => {
    const chosen = [...(files ?? [])].slice(0, PHOTOS_MAX - set.photos.length);
    if (input.current) input.current.value = '';
    for (const file of chosen) {
      try {
        await set.add(await prepareFile(file));
      } catch (error) {
        fail(error);
      }
    }
  };

  return (
    <div className="photo-capture" data-testid={testId} data-camera={camera.state} data-count={set.photos.length}>
      <div className="photo-camera">
        <video ref={video} muted playsInline className={camera.state === 'on' ? 'photo-preview' : 'photo-preview photo-preview-off'} data-testid="photo-preview" />
        {camera.state !== 'on' && (
          <div className="photo-camera-note">{camera.state === 'starting' ? t('photos.cameraStarting') : t('photos.cameraOff', { reason: hostText(t, camera.reason) })}</div>
        )}
        {flash > 0 && <div key={flash} className="photo-flash" />}
      </div>
      <div className="photo-tools">
        <button type="button" className="btn btn-primary btn-lg" onClick={snap} disabled={full || camera.state !== 'on'} data-testid="photo-snap">
          {t('photos.capture')}
        </button>
        <label className="btn file-button">
          {t('photos.chooseFiles')}
          <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" multiple disabled={full} onChange={(e) => void onFiles(e.target.files)} data-testid="photo-files" />
        </label>
        {/* PD:PHOTO snaps the camera: no hint for it when there is no camera to snap. */}
        {(full || camera.state === 'on') && <span className="muted small">{full ? t('photos.full', { max: PHOTOS_MAX }) : t('photos.scanHint')}</span>}
      </div>
      {set.photos.length > 0 && (
        <ul className="photo-strip" data-testid="photo-strip">
          {set.photos.map((p, i) => (
            <li key={p.key} className={`photo-taken photo-${p.state}`} data-testid="photo-taken" data-state={p.state}>
              <img src={p.url} alt={t('photos.alt', { n: i + 1 })} />
              <button type="button" className="photo-remove" aria-label={t('photos.remove', { n: i + 1 })} onClick={() => set.remove(p.key)} data-testid={`photo-remove-${i + 1}`}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
