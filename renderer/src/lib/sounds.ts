import type { BenchOutcome } from '#shared/contract/bench.contract';

/**
 * Bench feedback sounds, synthesised with WebAudio (no audio files). Each outcome has its own
 * shape so a packer can tell "wrong item" from "over-scan" without looking at the screen.
 */
export type Tone = {
  /** Start, seconds after the sound starts. */
  at: number;
  dur: number;
  freq: number;
  /** Glide to this frequency over the tone's duration. */
  to?: number;
  wave: 'sine' | 'square' | 'sawtooth' | 'triangle';
  gain: number;
};

export type SoundName = 'tick' | 'buzz' | 'doubleBeep' | 'rising' | 'alarm' | 'chord' | 'blip' | 'chirp' | 'login' | 'thud' | 'wobble' | 'pan';

const alarm: Tone[] = Array.from({ length: 6 }, (_, i) => ({
  at: i * 0.2,
  dur: 0.19,
  freq: i % 2 === 0 ? 880 : 620,
  wave: 'square' as const,
  gain: 0.28,
}));

export const soundPatterns: Record<SoundName, Tone[]> = {
  /** Right item: one short high tick. */
  tick: [{ at: 0, dur: 0.05, freq: 2200, wave: 'sine', gain: 0.35 }],
  /** Wrong item (error A): a low, long buzz. */
  buzz: [{ at: 0, dur: 0.45, freq: 150, wave: 'sawtooth', gain: 0.35 }],
  /** Over-scan (error B): two mid beeps. */
  doubleBeep: [
    { at: 0, dur: 0.11, freq: 880, wave: 'square', gain: 0.25 },
    { at: 0.19, dur: 0.11, freq: 880, wave: 'square', gain: 0.25 },
  ],
  /** Unknown barcode: a rising sweep, like a question. */
  rising: [{ at: 0, dur: 0.4, freq: 400, to: 1300, wave: 'triangle', gain: 0.35 }],
  /** Blocked order: a long two-tone alarm. */
  alarm,
  /** Order complete: a major chord. */
  chord: [
    { at: 0, dur: 0.6, freq: 523.25, wave: 'sine', gain: 0.2 },
    { at: 0.03, dur: 0.57, freq: 659.25, wave: 'sine', gain: 0.2 },
    { at: 0.06, dur: 0.54, freq: 783.99, wave: 'sine', gain: 0.2 },
  ],
  /** Order opened: a short two-note blip upwards. */
  blip: [
    { at: 0, dur: 0.06, freq: 660, wave: 'sine', gain: 0.3 },
    { at: 0.07, dur: 0.08, freq: 990, wave: 'sine', gain: 0.3 },
  ],
  /** Command barcode accepted. */
  chirp: [{ at: 0, dur: 0.08, freq: 1400, to: 1700, wave: 'triangle', gain: 0.3 }],
  /** Packer logged in. */
  login: [
    { at: 0, dur: 0.1, freq: 523.25, wave: 'sine', gain: 0.3 },
    { at: 0.11, dur: 0.16, freq: 783.99, wave: 'sine', gain: 0.3 },
  ],
  /** Weight mismatch: a low tone wobbling three times, like no other outcome. */
  wobble: [
    { at: 0, dur: 0.16, freq: 300, to: 420, wave: 'square', gain: 0.22 },
    { at: 0.18, dur: 0.16, freq: 420, to: 300, wave: 'square', gain: 0.22 },
    { at: 0.36, dur: 0.16, freq: 300, to: 420, wave: 'square', gain: 0.22 },
  ],
  /** Put the parcel on the scale: one soft falling note. */
  pan: [{ at: 0, dur: 0.18, freq: 880, to: 660, wave: 'sine', gain: 0.3 }],
  /** Not found / not logged in / call failed: two falling low notes. */
  thud: [
    { at: 0, dur: 0.14, freq: 330, to: 260, wave: 'triangle', gain: 0.4 },
    { at: 0.18, dur: 0.18, freq: 240, to: 180, wave: 'triangle', gain: 0.4 },
  ],
};

/** The sound for a scan outcome; 'error' is a failed call. */
export function soundForOutcome(outcome: BenchOutcome | 'error'): SoundName {
  switch (outcome) {
    case 'weigh':
      return 'pan';
    case 'weight_mismatch':
      return 'wobble';
    case 'verified':
      return 'tick';
    case 'completed':
      return 'chord';
    case 'wrong_item':
      return 'buzz';
    // A question (open the other order?) makes the packer look up, as "too many" does.
    case 'over_scan':
    case 'confirm_switch':
      return 'doubleBeep';
    case 'unknown_barcode':
      return 'rising';
    case 'blocked':
      return 'alarm';
    case 'opened':
      return 'blip';
    case 'command':
      return 'chirp';
    case 'login':
      return 'login';
    case 'not_found':
    case 'not_logged_in':
    case 'error':
      return 'thud';
  }
}

type AudioCtor = new () => AudioContext;
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const g = globalThis as { AudioContext?: AudioCtor; webkitAudioContext?: AudioCtor };
  const Ctor = g.AudioContext ?? g.webkitAudioContext;
  if (!Ctor) return null;
  context = new Ctor();
  return context;
}

/**
 * Creates (or resumes) the audio context inside a user gesture, so the first scan's sound is not
 * lost to the autoplay policy (the sound itself plays later, when the host has answered).
 */
export function primeAudio(): void {
  const ctx = audio();
  if (ctx && ctx.state === 'suspended') void ctx.resume();
}

/** Plays a sound now. Silently does nothing where WebAudio is missing (tests, locked-down hosts). */
export function playSound(name: SoundName, volume = 1): void {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume();
  const start = ctx.currentTime + 0.005;
  for (const tone of soundPatterns[name]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    const t0 = start + tone.at;
    const t1 = t0 + tone.dur;
    osc.type = tone.wave;
    osc.frequency.setValueAtTime(tone.freq, t0);
    if (tone.to) osc.frequency.linearRampToValueAtTime(tone.to, t1);
    // A short attack and release avoid clicks.
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(tone.gain * volume, t0 + 0.005);
    gain.gain.setValueAtTime(tone.gain * volume, Math.max(t0 + 0.005, t1 - 0.015));
    gain.gain.linearRampToValueAtTime(0, t1);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t1 + 0.01);
  }
}

export function playOutcome(outcome: BenchOutcome | 'error'): void {
  playSound(soundForOutcome(outcome));
}
