import { describe, expect, it } from 'vitest';
import { checkPairDraft, isInsecureHubUrl, normalizeHubUrl } from './pair-form';

const fp = '3F2A 9C1B 77E0 D4C5 8A1E';
const draft = (extra: Partial<Parameters<typeof checkPairDraft>[0]> = {}) => ({
  hubUrl: '192.168.1.10:5180', code: '01234567', stationName: '打包台 1', fingerprint: fp, insecureHttp: false, ...extra,
});

describe('pairing form checks', () => {
  it('makes a hub address out of what people type; a bare address is https', () => {
    expect(normalizeHubUrl('192.168.1.10:5180')).toBe('https://192.168.1.10:5180');
    expect(normalizeHubUrl(' http://192.168.1.10:5180/ ')).toBe('http://192.168.1.10:5180');
    expect(normalizeHubUrl('HTTPS://hub.example.cn')).toBe('https://hub.example.cn');
    expect(normalizeHubUrl('https://hub.local:5180/shop/')).toBe('https://hub.local:5180/shop');
    expect(normalizeHubUrl('')).toBeNull();
    expect(normalizeHubUrl('http://')).toBeNull();
    expect(normalizeHubUrl('ftp://192.168.1.10')).toBeNull();
    expect(normalizeHubUrl('192.168.1.10 5180')).toBeNull();
    expect(normalizeHubUrl('http://192.168.1.10:99999')).toBeNull();
    expect(isInsecureHubUrl('http://192.168.1.10:5180')).toBe(true);
    expect(isInsecureHubUrl('192.168.1.10:5180')).toBe(false);
  });

  it('names each field that is wrong', () => {
    expect(checkPairDraft(draft({ hubUrl: '', code: '', stationName: ' ', fingerprint: '' }))).toEqual({
      hubUrl: 'sync.pairForm.hubUrlMissing',
      fingerprint: 'sync.pairForm.fingerprintMissing',
      code: 'sync.pairForm.codeBad',
      stationName: 'sync.pairForm.nameMissing',
    });
    expect(checkPairDraft(draft({ hubUrl: 'x y', code: '123456789', stationName: '台'.repeat(61), fingerprint: '3F2A 9C1B' }))).toEqual({
      hubUrl: 'sync.pairForm.hubUrlBad',
      fingerprint: 'sync.pairForm.fingerprintBad',
      code: 'sync.pairForm.codeBad',
      stationName: 'sync.pairForm.nameLong',
    });
    expect(checkPairDraft(draft())).toEqual({});
    expect(checkPairDraft(draft({ fingerprint: '3f:2a:9c:1b:77:e0:d4:c5:8a:1e' }))).toEqual({});
    expect(checkPairDraft(draft({ fingerprint: 'ZZZZ 9C1B 77E0 D4C5 8A1E' }))).toEqual({ fingerprint: 'sync.pairForm.fingerprintBad' });
  });

  it('a plain-HTTP hub needs no fingerprint but an explicit yes to no encryption', () => {
    expect(checkPairDraft(draft({ hubUrl: 'http://192.168.1.10:5180', fingerprint: '' }))).toEqual({ insecureHttp: 'sync.pairForm.insecureUnconfirmed' });
    expect(checkPairDraft(draft({ hubUrl: 'http://192.168.1.10:5180', fingerprint: '', insecureHttp: true }))).toEqual({});
  });
});
