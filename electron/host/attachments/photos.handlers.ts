import type { photosContract } from '#shared/contract/photos.contract';
import type { Handlers } from '#shared/rpc/define';
import type { HostContext } from '../host-context';

export const photosHandlers: Handlers<typeof photosContract, HostContext> = {
  // Anyone logged in at the bench files damage and returns, so anyone may add their photos.
  'photos.put': ({ mime, base64 }, ctx) => {
    ctx.session.requireUser();
    return ctx.photos.put(mime, Buffer.from(base64, 'base64'));
  },
  'photos.get': ({ sha256, thumb }, ctx) => {
    ctx.session.requireUser();
    return ctx.readPhoto(sha256, thumb);
  },
};
