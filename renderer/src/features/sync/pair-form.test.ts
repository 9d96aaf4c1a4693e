import { describe, expect, it } from 'vitest';
import { checkPairDraft, normalizeHubUrl } from './pair-form';

describe('pairing form checks', () => {
  it('makes a hub address out of what people type', () => {
    expect(normalizeHubUrl('192.168.1.10:5180')).toBe('http://192.168.1.10:5180');
    expect(normalizeHubUrl(' http://192.168.1.10:5180/ ')).toBe('http://192.168.1.10:5180');
    expect(normalizeHubUrl('HTTPS://hub.example.cn')).toBe('https://hub.example.cn');
    expect(normalizeHubUrl('http://hub.local:5180/shop/')).toBe('http://hub.local:5180/shop');
    expect(normalizeHubUrl('')).toBeNull();
    expect(normalizeHubUrl('http://')).toBeNull();
    expect(normalizeHubUrl('ftp://192.168.1.10')).toBeNull();
    expect(normalizeHubUrl('192.168.1.10 5180')).toBeNull();
    expect(normalizeHubUrl('http://192.168.1.10:99999')).toBeNull();
  });

  it('names each field that is wrong', () => {
    expect(checkPairDraft({ hubUrl: '', code: '', stationName: ' ' })).toEqual({
      hubUrl: 'sync.pairForm.hubUrlMissing',
      code: 'sync.pairForm.codeBad',
      stationName: 'sync.pairForm.nameMissing',
    });
    expect(checkPairDraft({ hubUrl: 'x y', code: '123456789', stationName: '台'.repeat(61) })).toEqual({
      hubUrl: 'sync.pairForm.hubUrlBad',
      code: 'sync.pairForm.codeBad',
      stationName: 'sync.pairForm.nameLong',
    });
    expect(checkPairDraft({ hubUrl: '192.168.1.10:5180', code: '01234567', stationName: '打包台 1' })).toEqual({});
  });
});
