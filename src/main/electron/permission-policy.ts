import { isTrustedRendererUrl, type TrustedOrigin } from './renderer-origin';

/**
 * Permissions the panel may use, each only for our own origin. Everything else (camera,
 * microphone, geolocation, notifications, HID/serial/USB, clipboard reads, …) is denied,
 * requested or merely checked.
 */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set([
  // navigator.clipboard.writeText: "copy log line" and similar. Writing only, never reading.
  'clipboard-sanitized-write',
]);

export function isPermissionGranted(
  permission: string,
  requestingUrl: string | null | undefined,
  trusted: readonly TrustedOrigin[],
): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isTrustedRendererUrl(requestingUrl, trusted);
}
