import { shell, type Session, type WebContents } from 'electron';
import type { Logger } from '../runtime/logging/logging';
import { vetExternalUrl, type ExternalUrlPolicy } from './external-url';
import { isPermissionGranted } from './permission-policy';
import { isTrustedRendererUrl, type TrustedOrigin } from './renderer-origin';

export interface SecurityPolicy {
  trusted: readonly TrustedOrigin[];
  external: ExternalUrlPolicy;
  logger: Logger;
}

/**
 * Applied to every webContents the app creates (app 'web-contents-created'): no navigation
 * away from our origin, no new windows (vetted https links go to the OS browser instead), no
 * <webview>. All decisions are the pure functions next to this file.
 */
export function hardenWebContents(contents: WebContents, policy: SecurityPolicy): void {
  const { trusted, logger } = policy;
  const guardNavigation = (event: { url: string; preventDefault(): void }, kind: string): void => {
    if (isTrustedRendererUrl(event.url, trusted)) return;
    event.preventDefault();
    logger.warn({ url: event.url, kind }, 'blocked navigation away from the panel');
  };
  contents.on('will-frame-navigate', (event) => guardNavigation(event, 'navigate'));
  contents.on('will-redirect', (event) => guardNavigation(event, 'redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('blocked a <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const verdict = vetExternalUrl(url, policy.external);
    if (verdict.ok) {
      shell
        .openExternal(verdict.url)
        .catch((err: unknown) => logger.warn({ err, url }, 'openExternal failed'));
    } else {
      logger.warn({ url, reason: verdict.reason }, 'refused to open a window');
    }
    return { action: 'deny' };
  });
}

/** Session-wide: every permission request and check is denied except our small allow-list. */
export function hardenSession(ses: Session, policy: SecurityPolicy): void {
  const { trusted, logger } = policy;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl, trusted);
    if (!granted) logger.warn({ permission, url: details.requestingUrl }, 'denied a permission request');
    callback(granted);
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl ?? requestingOrigin, trusted),
  );
}
