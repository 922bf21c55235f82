// The Dockerfile's runtime stage without Docker (base images cannot be pulled on these machines): copy
// what its COPY --from=build lines copy into a clean directory, run the same production install
// (npm ci --omit=dev, scripts on, so `prepare` must cope without TypeScript), then check the command
// answers from there: `ask`, `kb check`, and `start` without tokens (the piped terminal chat, through
// dist/app/start.js). The npm cache is preferred (--prefer-offline); the registry is used for what it
// lacks. The PGlite template step is left out here: it only makes a first start faster.
//
// The install takes 15-40 s, so it runs with PROD_INSTALL=1 (`npm run test:prod-install`); `npm test`
// runs the fast checks below it: the runtime stage copies what the built code needs, every package
// the built code imports is a production dependency, and `prepare` passes without TypeScript.
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const built = existsSync(join(root, 'dist/src/cli/main.js'));

/** The runtime stage's `COPY --from=build /app/X ./X` sources, in order. */
export function runtimeCopies(dockerfile: string): string[] {
  const runtime = dockerfile.slice(dockerfile.indexOf(' AS runtime'));
  return [...runtime.matchAll(/^COPY --from=build \/app\/(\S+) \.\/(\S+)$/gm)].map((m) => {
    expect(m[1]).toBe(m[2]);
    return m[1]!;
  });
}

const slow = built && process.env.PROD_INSTALL === '1';
if (!built) it.skip('dist/ is not built: the production install is not tested (npm test builds it first)', () => {});
else if (!slow) it.skip('the production install itself runs with PROD_INSTALL=1 (npm run test:prod-install); the fast checks ran', () => {});

describe.runIf(built)('what the runtime stage copies and installs (fast)', () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
  const copies = runtimeCopies(readFileSync(join(root, 'Dockerfile'), 'utf8'));

  it('copies the package files, bin/, dist/, knowledge/ and the scripts npm ci and the template step run', () => {
    expect(copies).toEqual(['package.json', 'package-lock.json', 'bin', 'dist', 'knowledge', 'scripts/prepare.js', 'scripts/pglite-template.js']);
    expect(pkg.dependencies).toBeDefined();
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts.prepare).toBe('node scripts/prepare.js');
  });

  it('imports only production dependencies and Node built-ins from the code the service runs', () => {
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith('.js') ? [p] : [];
    });
    const runtime = [...files(join(root, 'dist/src')), ...files(join(root, 'dist/app')), ...files(join(root, 'dist/adapters')), ...files(join(root, 'bin'))];
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const packages = new Set<string>();
    for (const f of runtime) {
      const code = readFileSync(f, 'utf8');
      const specs = [
        ...code.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
        ...code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
      ].map((m) => m[1]!).filter((spec) => !spec.startsWith('.') && !spec.startsWith('/'));
      for (const spec of specs) {
        if (builtins.has(spec) || builtins.has(spec.split('/')[0]!)) continue;
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(packages.size).toBeGreaterThan(3);
    for (const p of packages) expect(Object.keys(pkg.dependencies), `${p} is imported at run time`).toContain(p);
  });

  it('prepare passes where TypeScript is not installed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backbuddy-prepare-'));
    try {
      cpSync(join(root, 'scripts/prepare.js'), join(dir, 'scripts/prepare.js'));
      const r = spawnSync(process.execPath, ['scripts/prepare.js'], { cwd: dir, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^prepare: TypeScript is not installed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(slow)('the production install the Dockerfile performs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backbuddy-prod-'));
  let install: ReturnType<typeof spawnSync>;
  const env = { ...process.env, SLACK_BOT_TOKEN: '', SLACK_APP_TOKEN: '', DATABASE_URL: '', DATA_DIR: join(dir, 'data'), NODE_ENV: 'production' };
  const run = (args: string[], input?: string) => spawnSync(process.execPath, ['bin/backbuddy.js', ...args], { cwd: dir, env, input, encoding: 'utf8' });

  beforeAll(() => {
    const copies = runtimeCopies(readFileSync(join(root, 'Dockerfile'), 'utf8'));
    expect(copies).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'bin', 'dist', 'knowledge']));
    for (const c of copies) cpSync(join(root, c), join(dir, c), { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    install = spawnSync(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, env, encoding: 'utf8' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('installs production dependencies only, with prepare skipping the build', () => {
    expect(install.status, String(install.stderr)).toBe(0);
    expect(String(install.stdout)).toContain('prepare: TypeScript is not installed');
    // Development-only packages are absent (some, like @types/node, also come in through production ones).
    for (const dev of ['typescript', 'vitest', 'fast-check', 'nock']) expect(existsSync(join(dir, 'node_modules', dev)), dev).toBe(false);
    expect(existsSync(join(dir, 'node_modules', '@electric-sql', 'pglite'))).toBe(true);
  });

  it('answers a question, checks the knowledge base, and runs start as the piped chat', () => {
    const ask = run(['ask', 'is bed rest good for back pain?']);
    expect(ask.status, ask.stderr).toBe(0);
    expect(ask.stdout).toMatch(/Sources:/);
    const check = run(['kb', 'check']);
    expect(check.status, check.stdout).toBe(0);
    const chat = run(['start'], 'what helps tight hips?\n');
    expect(chat.status, chat.stderr).toBe(0);
    expect(chat.stdout).toMatch(/Sources:/);
  });
});
