import type { mediaContract } from '#shared/contract/media.contract';
import { AppError } from '#shared/contract/errors';
import { msg } from '#shared/i18n/message';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';
import { sniffImage } from './image-sniff';



export const mediaHandlers: Handlers<typeof mediaContract, HostContext> = {
  'media.ticket': (_input, ctx) => {
    ctx.session.requireUser();
    return { ticket: ctx.media.ticket() };
  },
  'clips.forOrder': ({ orderId }, ctx) => {
    ctx.session.requireUser();
    return { clips: ctx.media.forOrder(orderId) };
  },
  'clips.usage': (_input, ctx) => {
    ctx.session.requireUser();
    return ctx.media.usage();
  },
  'catalog.setImage': ({ skuCode, mime, dataBase64 }, ctx) => {
    ctx.session.authorize(['supervisor', 'admin']);

    if (!ctx.catalogRepo.exists(skuCode)) throw new AppError('NOT_FOUND', msg('catalog.image.noSku', { sku: skuCode }));
    const bytes = Buffer.from(dataBase64, 'base64');
    // The declared type must be what the bytes are: the file is served back with it.
    if (sniffImage(bytes) !== mime) throw new AppError('INVALID_INPUT', msg('catalog.image.notImage'));
    const { sha256 } = ctx.media.store.put(bytes, mime);
    ctx.media.setSkuImage(skuCode, { sha256 });
    ctx.pack.refresh();
    return { sha256 };
  },
};
