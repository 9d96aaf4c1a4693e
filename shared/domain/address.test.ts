import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseProvince, splitChineseAddress, splitCompactAddress, splitTaobaoAddress } from '#shared/domain/address';

describe('splitTaobaoAddress', () => {
  it('splits the export form and collapses the runs of spaces in the detail', () => {
    expect(splitTaobaoAddress('吉林省 通化市 柳河县 柳河镇紫御府   七号楼    3单元   201室(135300)')).toEqual({
      province: '吉林省',
      city: '通化市',
      district: '柳河县',
      detail: '柳河镇紫御府 七号楼 3单元 201室',
      zip: '135300',
    });
  });

  it('normalises municipalities written without 市', () => {
    expect(splitTaobaoAddress('上海 上海市 浦东新区 张江镇 祖冲之路1号(200120)')).toMatchObject({
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      detail: '张江镇 祖冲之路1号',
    });
    expect(splitTaobaoAddress('北京 北京 朝阳区 建国路1号')).toMatchObject({ province: '北京市', city: '北京市' });
  });

  it('drops the (000000) unknown-zip placeholder and accepts full-width brackets and a bare zip', () => {
    expect(splitTaobaoAddress('浙江省 杭州市 余杭区 五常街道 文一西路969号(000000)').zip).toBe('');
    expect(splitTaobaoAddress('浙江省 杭州市 余杭区 文一西路969号（311121）').zip).toBe('311121');
    expect(splitTaobaoAddress('上海 上海市 浦东新区 张江镇 祖冲之路1号 000000')).toMatchObject({ zip: '', detail: '张江镇 祖冲之路1号' });
  });

  it('keeps long autonomous-region names and short spellings', () => {
    expect(splitTaobaoAddress('新疆维吾尔自治区 伊犁哈萨克自治州 霍尔果斯市 卡拉苏河路1号')).toMatchObject({
      province: '新疆维吾尔自治区',
      city: '伊犁哈萨克自治州',
      district: '霍尔果斯市',
    });
    expect(splitTaobaoAddress('广西 南宁市 青秀区 民族大道1号').province).toBe('广西壮族自治区');
  });

  it('keeps an address with no detail', () => {
    expect(splitTaobaoAddress('北京 北京市 朝阳区')).toEqual({ province: '北京市', city: '北京市', district: '朝阳区', detail: '', zip: '' });
  });

  it.each([
    '广东省深圳市南山区科技园1号',
    '海外 美国 加州 123 Main St',
    '张三 13812345678 人民路1号',
    '',
    '   ',
    '(123456)',
  ])('never rejects: %j stays whole in detail', (text) => {
    const r = splitTaobaoAddress(text);
    expect(r.province).toBe('');
    expect(r.city).toBe('');
    expect(r.district).toBe('');
    expect(r.detail).toBe(text.replace(/\(\d{6}\)$/, '').replace(/\s+/g, ' ').trim());
  });

  it('never throws and never loses text (property)', () => {
    const unit = fc.constantFrom('上', '海', '市', '广', '东', '省', ' ', '\u3000', '\t', '(', ')', '（', '1', '0', '区', '路', 'a');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        const r = splitTaobaoAddress(text);
        expect(r.detail).toBe(r.detail.trim());
        expect(r.detail).not.toMatch(/\s{2}|[\t\u3000]/);
        for (const token of r.detail.split(' ')) expect(text).toContain(token);
        // Unsplit text loses only its zip tail: the detail is the start of the input, spaces aside.
        if (r.province === '') expect(text.replace(/\s/g, '').startsWith(r.detail.replace(/ /g, ''))).toBe(true);
        else expect(r.city).not.toBe('');
      }),
    );
  });
});

describe('splitTaobaoAddress against its regex formulation', () => {
  // The split used to be written with regexes; it now scans by index (it runs once per imported
  // order). This is that first version, kept as the reference the scan must agree with.
  const SPACE = /[\s\u3000]+/;
  const collapse = (t: string) => t.replace(/[\s\u3000]+/g, ' ').trim();
  function reference(text: string) {
    const trimmed = text.trim();
    const m = /\s*(?:[(（]\s*(\d{6})\s*[)）]|\s(\d{6}))\s*$/.exec(trimmed);
    const zipText = m ? (m[1] ?? m[2] ?? '') : '';
    const zip = zipText === '000000' ? '' : zipText;
    const rest = m ? trimmed.slice(0, m.index) : trimmed;
    const tokens = rest.trim().split(SPACE);
    const [p, c, d] = tokens;
    const province = p === undefined ? '' : provinceOf(p);
    if (province === '' || c === undefined || d === undefined || d === '') return { province: '', city: '', district: '', detail: collapse(rest), zip };
    const municipality = ['北京市', '天津市', '上海市', '重庆市'].includes(province);
    return { province, city: municipality && provinceOf(c) === province ? province : c, district: d, detail: tokens.slice(3).join(' '), zip };
  }
  /** The whole-token province lookup, which the rewrite left as it was. */
  const provinceOf = (token: string) => splitTaobaoAddress(`${token} 市 区`).province;

  it('agrees on spaces of every kind, zips in every spelling and short inputs (property)', () => {
    const unit = fc.constantFrom('上海', '上海市', '浙江省', '杭州市', '广西', '区', ' ', '  ', '\u3000', '\t', '\u00a0', '\u2003', '\ufeff', '\n', '\u200b', '\u0085', '(', ')', '（', '）', '1', '0', '123456', '000000', '号');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 14 }), (text) => {
        expect(splitTaobaoAddress(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('splitCompactAddress and splitChineseAddress', () => {
  it('splits run-together text', () => {
    expect(splitCompactAddress('广东省深圳市南山区科技南十二路2号金蝶软件园B10')).toEqual({
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '科技南十二路2号金蝶软件园B10',
      zip: '',
    });
    expect(splitCompactAddress('上海市浦东新区张江镇祖冲之路1号')).toMatchObject({ province: '上海市', city: '上海市', district: '浦东新区' });
    expect(splitCompactAddress('内蒙古自治区呼和浩特市赛罕区大学东街1号')).toMatchObject({ province: '内蒙古自治区', city: '呼和浩特市', district: '赛罕区' });
  });

  it('prefers the spaced export form and falls back to the compact one', () => {
    expect(splitChineseAddress('吉林省 通化市 柳河县 柳河镇(135300)').district).toBe('柳河县');
    expect(splitChineseAddress('浙江省杭州市余杭区文一西路969号').district).toBe('余杭区');
    expect(splitChineseAddress('火星基地1号')).toMatchObject({ province: '', detail: '火星基地1号' });
  });

  it('normaliseProvince maps short names only', () => {
    expect(normaliseProvince('上海')).toBe('上海市');
    expect(normaliseProvince('内蒙古')).toBe('内蒙古自治区');
    expect(normaliseProvince('浙江省')).toBe('浙江省');
    expect(normaliseProvince('火星')).toBe('火星');
  });
});
