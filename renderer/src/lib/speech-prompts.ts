import i18next from 'i18next';
import { browserSpeechPort, createSpeaker } from './speech';

/** The bench's speaker, on when the station's setting says so; built lazily on the first prompt. */
let enabled = false;
let speaker: ReturnType<typeof createSpeaker> | null = null;
const get = () => (speaker ??= createSpeaker(browserSpeechPort(), (key) => i18next.t(key), () => i18next.language));

export function setSpeechPrompts(on: boolean): void {
  enabled = on;
}

/** Called with every bench outcome after its sound; says "错误商品" or "完成" when switched on. */
export function speakOutcome(outcome: string): void {
  if (enabled) get().sayOutcome(outcome);
}

/** The voice prompts would use (null: none for the language), for the settings screen. */
export const promptVoice = () => get().voice();
