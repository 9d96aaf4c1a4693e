import { beforeEach, describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { initI18n, setLanguage } from '../i18n/setup';
import { describeError } from '../components/ErrorText';
import { hostText, pickLanguage } from './host-text';

describe('host text', () => {
  beforeEach(() => {
    initI18n('zh-CN');
    setLanguage('zh-CN');
  });

  it('picks the half of a bilingual host message that matches the UI language', () => {
    expect(pickLanguage('PIN 不正确 / Wrong PIN', 'zh-CN')).toBe('PIN 不正确');
    expect(pickLanguage('PIN 不正确 / Wrong PIN', 'en')).toBe('Wrong PIN');
    expect(pickLanguage('请选择快递公司（未设置默认快递）/ Choose a carrier: no rule matched', 'en')).toBe('Choose a carrier: no rule matched');
    expect(pickLanguage('打印机 10.0.0.5:9100 无响应 / printer at 10.0.0.5:9100 stopped answering', 'zh-CN')).toBe('打印机 10.0.0.5:9100 无响应');
  });

  it('leaves one-language messages and paths alone', () => {
    expect(pickLanguage('缺少列：商家编码', 'en')).toBe('缺少列：商家编码');
    expect(pickLanguage('SKU SKU-1 not found', 'zh-CN')).toBe('SKU SKU-1 not found');
    expect(pickLanguage('无法保存到 /tmp/labels', 'en')).toBe('无法保存到 /tmp/labels');
  });

  it('renders a host message in the UI language, nested messages included', () => {
    const t = i18next.t.bind(i18next);
    const reason = { key: 'ship.poolEmpty', params: { carrier: { key: 'carrierNames.YTO' }, advice: { key: 'ship.poolAdvice.import' } } } as const;
    expect(hostText(t, reason)).toBe('圆通速递没有单号了。可以在“快递”中换一家快递，或请主管导入单号。');
    setLanguage('en');
    expect(hostText(t, reason)).toBe('YTO Express has run out. Choose another carrier in the Carrier list, or ask a supervisor to import numbers.');
    expect(hostText(t, { key: 'blocked.reasons.TRADE_CLOSED' })).toBe('The trade is closed (TRADE_CLOSED)');
  });

  it('shows an error from the host in one language only: the meaning of its code, then its message', () => {
    const t = i18next.t.bind(i18next);
    const error = { code: 'NOT_FOUND' as const, msg: { key: 'ship.notFound' as const, params: { id: 'X1' } } };
    expect(describeError(t, error)).toMatch(/^未找到：.*X1/);
    setLanguage('en');
    expect(describeError(t, error)).toMatch(/^[^\u3400-\u9fff]*X1[^\u3400-\u9fff]*$/);
  });

  it('shows a refusal that says what it is without the generic "conflicts with existing data" in front', () => {
    const t = i18next.t.bind(i18next);
    const error = { code: 'CONFLICT' as const, msg: { key: 'ship.alreadyVoid' as const, params: { tracking: 'YT7400000000001' } } };
    expect(describeError(t, error)).toBe('运单 YT7400000000001 已作废');
    setLanguage('en');
    expect(describeError(t, error)).toBe('Waybill YT7400000000001 is already void');
    expect(describeError(t, { code: 'CONFLICT', msg: null })).toBe('Conflicts with existing data');
  });

  it('says a refusal once when the host’s message only repeats the meaning of its code, whatever its case or end punctuation', () => {
    const t = i18next.t.bind(i18next);
    const error = { code: 'FORBIDDEN' as const, msg: { key: 'session.supervisorRequired' as const } };
    expect(describeError(t, error)).toBe('权限不足，需要主管授权');
    setLanguage('en');
    expect(describeError(t, error)).toBe('Not allowed: a supervisor must authorise this');
    expect(describeError(t, { code: 'FORBIDDEN', msg: { key: 'legacy.text', params: { text: 'A SUPERVISOR must authorise this.' } } })).toBe('Not allowed: a supervisor must authorise this');
  });

  it('writes a time the host sent in a message as the screen writes every other time, in the reader\'s language', async () => {
    const { msg } = await import('#shared/i18n/message');
    const { createTranslator } = await import('#shared/i18n/translator');
    const missing = msg('inbox.evidence.handoverMissing', {
      carrier: msg('carrierNames.YTO'), trackingNo: 'YT7500000000139', order: '2000000460471681041', at: '2026-12-07T12:13:00.000Z', courier: '张师傅',
    });
    setLanguage('en');
    expect(hostText(i18next.t, missing)).toContain('went to courier 张师傅 at Dec 7, 2026, 20:13');
    setLanguage('zh-CN');
    expect(hostText(i18next.t, missing)).toContain('2026/12/07 20:13 交给快递员 张师傅');
    // Outside the screens (the CLI, a PDF): Beijing time as the host writes it.
    expect(createTranslator('en').t(missing)).toContain('at 2026-12-07 20:13');
  });

  it('writes the tracking evidence, a repeated handover scan and a no-pickup row in the same format as every other time on an English screen', async () => {
    const { msg } = await import('#shared/i18n/message');
    const at = '2026-12-07T14:40:00.000Z';
    const parcel = { carrier: msg('carrierNames.YTO'), trackingNo: 'YT7500000000139', order: '2000000460471681041' };
    setLanguage('en');
    const stalled = msg('inbox.evidence.trackingStalled', { ...parcel, state: msg('tracking.states.in-transit'), hours: 30, last: msg('inbox.evidence.trackingLast', { at, text: '到达杭州' }) });
    expect(hostText(i18next.t, stalled)).toContain('Last event Dec 7, 2026, 22:40: 到达杭州');
    expect(hostText(i18next.t, msg('handover.detail.handedOver', { at: '2026-12-07T14:24:00.000Z' }))).toBe('Handed over at Dec 7, 2026, 22:24');
    expect(hostText(i18next.t, msg('inbox.evidence.trackingNoPickup', { ...parcel, handedOver: at, hours: 30, limit: 24 }))).toContain('was handed over Dec 7, 2026, 22:40, 30 h ago');
  });
});
