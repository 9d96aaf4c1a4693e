import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackClip } from '#shared/contract/media.contract';
import { formatBytes, formatDateTime } from '../../lib/format';
import { revealDuration } from './reveal-duration';
import './photos.css';

/** 0:07, 1:05: a time in the clip, as the player's own controls write it. */
function clipTime(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * One pack video with its total length and, under it, the scans it shows: a click on a scan puts
 * the video at that moment (the moment a packer's item is disputed).
 */
export function ClipPlayer({ clip, src }: { clip: PackClip; src: string }) {
  const { t, i18n } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  // Where to be once the length is known: a scan clicked while it is still being worked out.
  const wanted = useRef(0);
  const [durationMs, setDurationMs] = useState<number | null>(null);

  const seek = (ms: number) => {
    wanted.current = ms / 1000;
    const v = video.current;
    if (v && durationMs !== null) v.currentTime = wanted.current;
  };

  return (
    <figure className="clip" data-testid="clip" data-sha256={clip.sha256} data-duration-ms={clip.durationMs} data-scans={clip.scans}>
      <video
        ref={video}
        src={src}
        controls
        preload="metadata"
        width={640}
        height={360}
        data-testid="clip-video"
        data-duration-known={durationMs !== null}
        onLoadedMetadata={(e) => void revealDuration(e.currentTarget, () => wanted.current).then((s) => setDurationMs(s * 1000))}
      />
      <figcaption className="small muted">
        {t('media.clipFacts', {
          start: formatDateTime(clip.startedAt, i18n.language, { seconds: true }),
          seconds: Math.round(clip.durationMs / 1000),
          size: formatBytes(clip.bytes),
          scans: clip.scans,
        })}
      </figcaption>
      {clip.marks.length > 0 && (
        <div className="clip-marks">
          <span className="small muted">{t('media.clipMarks')}</span>
          <ol>
            {clip.marks.map((m, i) => (
              <li key={i}>
                <button type="button" className="btn btn-small btn-ghost" onClick={() => seek(m.offsetMs)} data-testid="clip-mark" data-offset-ms={m.offsetMs}>
                  {t('media.clipMark', {
                    time: clipTime(m.offsetMs),
                    outcome: t(`evidenceText.outcomes.${m.outcome}`, { defaultValue: m.outcome }),
                    what: m.skuCode ?? m.code,
                  })}
                </button>
              </li>
            ))}
          </ol>
        </div>
      )}
    </figure>
  );
}
