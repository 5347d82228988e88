import { ApiError, type Handlers } from './router';

/**
 * `panel.rotateToken` belongs to the browser-mode web server (it owns the token and answers the
 * method before relaying). Reaching the runtime means there is no token to rotate: Electron mode.
 */
export function panelSessionHandlers(): Pick<Handlers, 'panel.rotateToken'> {
  return {
    'panel.rotateToken': () => {
      throw new ApiError({
        code: 'BAD_REQUEST',
        message: 'Only the browser-mode panel has an access token to rotate.',
      });
    },
  };
}
