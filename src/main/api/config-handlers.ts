import type { Bot } from '../runtime/bot';
import { ConfigSchema } from '../runtime/config/schema';
import { mergeSecrets, redactSecrets, SecretPathError } from '../runtime/config/secrets';
import { UnsafePathError } from '../../shared/config/safe-keys';
import { ConfigConflictError } from '../runtime/config/three-way';
import { panelAudit } from './panel-audit';
import { ApiError, type Handlers } from './router';

type ConfigHandlers = Pick<Handlers, 'config.get' | 'config.set'>;

/** Settings: the config without secrets, and validated saves that keep secrets bound to their endpoint. */
export function configHandlers(bot: Bot): ConfigHandlers {
  const panelLog = bot.logging.child('panel');
  return {
    'config.get': () => {
      const effective = redactSecrets(bot.config.all());
      const stored = redactSecrets(bot.config.stored());
      return {
        config: effective.config,
        stored: stored.config,
        secrets: { ...effective.secrets, ...stored.secrets },
        overridden: bot.config.overriddenKeys(),
        file: bot.config.file,
        revision: bot.config.revision,
        diskProblem: bot.config.diskProblem,
      };
    },
    'config.set': async ({ config, secrets, baseRevision }) => {
      let merged: ReturnType<typeof mergeSecrets>;
      try {
        merged = mergeSecrets(config, bot.config.stored(), secrets);
      } catch (err) {
        if (err instanceof SecretPathError || err instanceof UnsafePathError)
          throw new ApiError({
            code: 'BAD_REQUEST',
            message: err.message,
            issues: [{ path: [err.path], message: err.message }],
          });
        throw err;
      }
      const parsed = ConfigSchema.safeParse(merged.config);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({
          path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
          message: i.message,
        }));
        const first = issues[0];
        const where = first?.path.join('.') || '(root)';
        const again = merged.dropped.includes(where)
          ? ' (its endpoint changed, so the stored secret was cleared: enter it again)'
          : '';
        throw new ApiError({
          code: 'BAD_REQUEST',
          message: `invalid config: ${where}: ${first?.message}${again}`,
          issues,
        });
      }
      const before = bot.config.stored() as Record<string, unknown>;
      try {
        await bot.config.replace(parsed.data, baseRevision !== undefined ? { baseRevision } : {});
      } catch (err) {
        if (!(err instanceof ConfigConflictError)) throw err;
        throw new ApiError({
          code: 'CONFLICT',
          message: err.message,
          issues: err.keys.map((key) => ({ path: key.split('.'), message: 'changed on both sides' })),
        });
      }
      const after = parsed.data as Record<string, unknown>;
      const changed = Object.keys(after).filter(
        (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
      );
      const secretNames = Object.keys(secrets);
      if (changed.length || secretNames.length)
        panelAudit(bot)(
          'config',
          `changed settings: ${[...changed, ...secretNames.map((p) => `${p} (secret)`)].join(', ')}`,
        );
      panelLog.info(
        { secretsChanged: Object.keys(secrets), secretsCleared: merged.dropped },
        'config saved from the panel',
      );
      return { ok: true as const, revision: bot.config.revision };
    },
  };
}
