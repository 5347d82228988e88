// electron-builder afterPack hook: flips Electron's hardening fuses in the packaged binary.
// (electron-builder 26 does this from `electronFuses` in its config, but its native-module
// rebuild tooling needs Node 22; this project builds on Node 20, so it uses 25.x plus this hook.)
const path = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

const EXECUTABLE = {
  darwin: (ctx) => path.join(ctx.appOutDir, `${ctx.packager.appInfo.productFilename}.app`),
  win32: (ctx) => path.join(ctx.appOutDir, `${ctx.packager.appInfo.productFilename}.exe`),
  linux: (ctx) => path.join(ctx.appOutDir, ctx.packager.executableName),
};

/**
 * `PROTOS_FUSES_PROFILE=test` at packaging time keeps the inspector arguments on, the one fuse
 * Playwright's `_electron.launch` needs to attach (it passes --inspect=0); everything else stays
 * hardened. Release builds never set it.
 */
const testProfile = process.env.PROTOS_FUSES_PROFILE === 'test';

exports.default = async function afterPack(ctx) {
  const platform = ctx.electronPlatformName;
  const target = EXECUTABLE[platform]?.(ctx);
  if (!target) throw new Error(`afterPack: unknown platform ${platform}`);
  await flipFuses(target, {
    version: FuseVersion.V1,
    // macOS binaries are re-signed by electron-builder after this hook
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: testProfile,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
};
