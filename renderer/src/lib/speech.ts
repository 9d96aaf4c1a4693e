/**
 * Spoken prompts at the bench ("错误商品", "完成") through the system's own voice (Web Speech API).
 * The port is injected so the choice of text, language and voice is tested without a browser;
 * with no voice for the language, nothing is said (the settings say so).
 */
export type SpeechVoice = { name: string; lang: string };

export type SpeechPort = {
  voices(): SpeechVoice[];
  speak(utterance: { text: string; lang: string; voice: SpeechVoice }): void;
  /** Called when the voice list arrives (browsers load it after the page). */
  onVoicesChanged(listener: () => void): void;
};

/** The outcomes that are spoken, and their catalog keys. */
export const SPOKEN: Partial<Record<string, 'speech.wrongItem' | 'speech.completed'>> = {
  wrong_item: 'speech.wrongItem',
  completed: 'speech.completed',
};

/** A voice for `lang` (zh-CN matches zh-CN, zh_CN and cmn-Hans-CN; then any Chinese), or null. */
export function voiceFor(voices: readonly SpeechVoice[], lang: string): SpeechVoice | null {
  const norm = (l: string) => l.replace('_', '-').toLowerCase();
  const want = norm(lang);
  const base = want.split('-')[0] ?? want;
  return (
    voices.find((v) => norm(v.lang) === want) ??
    (base === 'zh' ? voices.find((v) => /^(zh|cmn)(-|$)/.test(norm(v.lang))) : undefined) ??
    voices.find((v) => norm(v.lang).split('-')[0] === base) ??
    null
  );
}

export function createSpeaker(port: SpeechPort | null, translate: (key: string) => string, lang: () => string) {
  return {
    /** Says the outcome's prompt when it has one and a voice exists; returns what it said. */
    sayOutcome(outcome: string): string | null {
      const key = SPOKEN[outcome];
      if (!key || !port) return null;
      const voice = voiceFor(port.voices(), lang());
      if (!voice) return null;
      const text = translate(key);
      port.speak({ text, lang: voice.lang, voice });
      return text;
    },
    /** The voice prompts would use now, for the settings screen. */
    voice: () => (port ? voiceFor(port.voices(), lang()) : null),
  };
}

/** The browser's speechSynthesis as a port; null where the browser has none. */
export function browserSpeechPort(win: Window & { SpeechSynthesisUtterance?: typeof SpeechSynthesisUtterance } = window): SpeechPort | null {
  const synth = win.speechSynthesis as SpeechSynthesis | undefined;
  const Utterance = win.SpeechSynthesisUtterance;
  if (!synth || typeof Utterance !== 'function') return null;
  return {
    voices: () => synth.getVoices().map((v) => ({ name: v.name, lang: v.lang })),
    speak({ text, lang, voice }) {
      const u = new Utterance(text);
      u.lang = lang;
      u.voice = synth.getVoices().find((v) => v.name === voice.name) ?? null;
      // A new prompt replaces one still speaking: the packer is already on the next item.
      synth.cancel();
      synth.speak(u);
    },
    onVoicesChanged(listener) {
      synth.addEventListener('voiceschanged', listener);
    },
  };
}
