import { describe, expect, it } from 'vitest';
import { createTranslator } from '#shared/i18n/translator';
import { createSpeaker, voiceFor, type SpeechPort, type SpeechVoice } from './speech';

/** A speech port that records what the bench asked it to say, with the voices a system might have. */
function fakePort(voices: SpeechVoice[]) {
  const said: { text: string; lang: string; voice: string }[] = [];
  const port: SpeechPort = {
    voices: () => voices,
    speak: ({ text, lang, voice }) => said.push({ text, lang, voice: voice.name }),
    onVoicesChanged: () => undefined,
  };
  return { port, said };
}

const zh = createTranslator('zh-CN');
const en = createTranslator('en');

describe('spoken prompts', () => {
  it('says 错误商品 and 完成 in the Chinese voice from the catalog, and nothing for other outcomes', () => {
    const { port, said } = fakePort([{ name: 'English', lang: 'en-US' }, { name: 'Ting-Ting', lang: 'zh-CN' }]);
    const speaker = createSpeaker(port, (key) => zh.t({ key } as never), () => 'zh-CN');
    speaker.sayOutcome('wrong_item');
    speaker.sayOutcome('verified');
    speaker.sayOutcome('completed');
    expect(said).toEqual([
      { text: '错误商品', lang: 'zh-CN', voice: 'Ting-Ting' },
      { text: '完成', lang: 'zh-CN', voice: 'Ting-Ting' },
    ]);
  });

  it('in English says the English prompt in an English voice', () => {
    const { port, said } = fakePort([{ name: 'Ting-Ting', lang: 'zh-CN' }, { name: 'Samantha', lang: 'en_US' }]);
    createSpeaker(port, (key) => en.t({ key } as never), () => 'en').sayOutcome('wrong_item');
    expect(said).toEqual([{ text: 'Wrong item', lang: 'en_US', voice: 'Samantha' }]);
  });

  it('stays silent, and says no voice was found, when the system has no Chinese voice or no speech at all', () => {
    const { port, said } = fakePort([{ name: 'English', lang: 'en-US' }]);
    const speaker = createSpeaker(port, (key) => zh.t({ key } as never), () => 'zh-CN');
    expect(speaker.sayOutcome('wrong_item')).toBeNull();
    expect(speaker.voice()).toBeNull();
    expect(said).toEqual([]);
    expect(createSpeaker(null, () => 'x', () => 'zh-CN').sayOutcome('completed')).toBeNull();
  });

  it('takes a Mandarin voice however the system spells its language', () => {
    expect(voiceFor([{ name: 'a', lang: 'cmn-Hans-CN' }], 'zh-CN')?.name).toBe('a');
    expect(voiceFor([{ name: 'b', lang: 'zh_CN' }], 'zh-CN')?.name).toBe('b');
    expect(voiceFor([{ name: 'c', lang: 'zh-TW' }, { name: 'd', lang: 'zh-CN' }], 'zh-CN')?.name).toBe('d');
    expect(voiceFor([{ name: 'e', lang: 'ja-JP' }], 'zh-CN')).toBeNull();
  });
});
