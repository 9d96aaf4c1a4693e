import type { LabelSize } from '#shared/contract/devices.contract';
import type { Settings } from '#shared/contract/settings.contract';
import type { Language } from '#shared/i18n/catalog';
import { msg } from '#shared/i18n/message';
import type { WaybillLabelData } from './label-data';
import type { Layout } from './label-layout';
import { labelText } from './label-text';
import { waybillLayoutFor } from './standard-waybill-layout';

/**
 * The test print (设备 → 测试打印): a waybill laid out exactly as a parcel's, with the shop's own
 * sender and privacy setting, so the owner sees the label before the first parcel (a calibration
 * sheet with rulers showed no sender, and a blank sender block went unnoticed until the courier
 * came). Its carrier line, recipient and contents say it is a test, in the station's language, and
 * where the sender is not filled in yet the sender block says so instead of staying blank.
 */
export function buildTestLabelLayout(
  size: LabelSize,
  shop: Pick<Settings, 'sender' | 'privacyMasking'>,
  lang: Language = 'zh-CN',
  printedAt = new Date().toISOString(),
): Layout {
  const t = labelText(lang);
  const { name, phone, address } = shop.sender;
  const complete = [name, phone, address].every((s) => s.trim() !== '');
  const data: WaybillLabelData = {
    trackingNo: 'PACKDESK-TEST-0123',
    carrierCode: 'OTHER',
    carrierName: t(msg('labelText.testTitle')),
    routing: null,
    recipient: {
      name: t(msg('labelText.testRecipient')), mobile: '13800000000', phone: '',
      province: '', city: '', district: '', detail: t(msg('labelText.testAddress')),
    },
    // The note goes first: with a long address it still fits the block's two lines.
    sender: complete ? shop.sender : { name, phone, address: [t(msg('labelText.testSenderMissing')), address].filter(Boolean).join(' ') },
    itemSummary: t(msg('labelText.testItems', { size })),
    orderId: 'TEST',
    parcelNo: 1,
    parcelCount: 1,
    weightG: null,
    printedAt,
    privacy: shop.privacyMasking,
  };
  return waybillLayoutFor(data, size);
}
