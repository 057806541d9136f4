/** Which language the interface speaks: `--lang`, `RUNBOOK_LANG`, the locale, else English. */
export type Lang = 'en' | 'es';

export const LANGS: readonly Lang[] = ['en', 'es'];

export function normalizeLang(value: string | undefined): Lang | undefined {
  if (!value) return undefined;
  const code = value.toLowerCase().slice(0, 2);
  return code === 'es' ? 'es' : code === 'en' ? 'en' : undefined;
}

export function detectLang(flag: string | undefined, env: NodeJS.ProcessEnv): Lang {
  const explicit = normalizeLang(flag) ?? normalizeLang(env.RUNBOOK_LANG);
  if (explicit) return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('es') ? 'es' : 'en';
}
