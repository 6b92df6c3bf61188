import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { allowedLayerImports, allowedRepoImports, frontDoor, layers } from '../../eslint.config.js';

const root = path.resolve(import.meta.dirname, '../..');

// The project's own config, with the type-aware rules left out: they need a program, these rules
// read only the import specifiers and the syntax, and the snippets below exist only in memory.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'winsight/layers' || ruleId.startsWith('no-restricted-'),
});

const problemsOf = async (filePath, code) => {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

describe('layer and front-door rules', () => {
  it.each([
    [
      'a service importing another concept repository',
      'src/server/accounts/merge.service.ts',
      "import { x } from '../opportunities/opportunities.repo.ts';",
      /repository of the `opportunities` concept/,
    ],
    [
      'the same, spelled from further up',
      'src/server/accounts/merge.service.ts',
      "import { x } from '../../server/stages/stages.repo.ts';",
      /repository of the `stages` concept/,
    ],
    [
      'a re-export of another concept repository',
      'src/server/deals/index.ts',
      "export { x } from '../knowledge/knowledge.repo.ts';",
      /repository of the `knowledge` concept/,
    ],
    [
      'a dynamic import of another concept repository',
      'src/server/deals/change.ts',
      "await import('../users/users.repo.ts');",
      /repository of the `users` concept/,
    ],
    [
      'a top-level server file importing a concept repository',
      'src/server/app-extra.ts',
      "import { x } from './audit/audit.repo.ts';",
      /repository of the `audit` concept/,
    ],
    [
      'an allowlisted file importing a repository not on its list',
      'src/server/accounts/accounts.service.ts',
      "import { x } from '../stages/stages.repo.ts';",
      /repository of the `stages` concept/,
    ],
    [
      'the domain importing the server',
      'src/domain/knowledge/x.ts',
      "import { x } from '../../server/deps.ts';",
      /src\/domain may not import from src\/server/,
    ],
    [
      'the domain importing the contract',
      'src/domain/x.ts',
      "import type { X } from '../contract/opportunities.ts';",
      /src\/domain may not import from src\/contract/,
    ],
    [
      'the domain importing node:fs',
      'src/domain/x.ts',
      "import { readFileSync } from 'node:fs';",
      /no Node module \(node:fs\)/,
    ],
    [
      'the domain importing child_process',
      'src/domain/x.ts',
      "import { exec } from 'child_process';",
      /no Node module \(child_process\)/,
    ],
    [
      'the domain importing a package it does not use',
      'src/domain/x.ts',
      "import { Kysely } from 'kysely';",
      /may import only zod/,
    ],
    [
      'the domain reading the clock',
      'src/domain/x.ts',
      'export const at = () => Date.now();',
      /the domain reads no clock/,
    ],
    [
      'the domain making a date of now',
      'src/domain/x.ts',
      'export const at = () => new Date();',
      /the domain reads no clock/,
    ],
    ['the domain drawing Math.random', 'src/domain/x.ts', 'export const draw = () => Math.random();', /seeded source/],
    [
      'the domain reading the environment',
      'src/domain/x.ts',
      'export const mode = () => process.env.MODE;',
      /reads no environment/,
    ],
    [
      'the contract importing the database',
      'src/contract/x.ts',
      "import type { Db } from '../db/database.ts';",
      /src\/contract may not import from src\/db/,
    ],
    [
      'the contract importing fastify',
      'src/contract/x.ts',
      "import type { FastifyRequest } from 'fastify';",
      /may import only zod/,
    ],
    [
      'the web app importing the server',
      'src/web/features/x.tsx',
      "import { AppError } from '../../server/errors.ts';",
      /src\/web may not import from src\/server/,
    ],
    [
      'the web app importing the database',
      'src/web/x.ts',
      "import { createDb } from '../db/database.ts';",
      /src\/web may not import from src\/db/,
    ],
    [
      'the web app importing the CLI',
      'src/web/x.ts',
      "import { main } from '../cli/main.ts';",
      /src\/web may not import from src\/cli/,
    ],
    [
      'the database importing the server',
      'src/db/x.ts',
      "import { AppError } from '../server/errors.ts';",
      /src\/db may not import from src\/server/,
    ],
  ])('fails on %s', async (_name, filePath, code, expected) => {
    const problems = await problemsOf(filePath, code);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(expected);
  });

  it.each([
    [
      'a concept importing its own repository',
      'src/server/accounts/merge.service.ts',
      "import { x } from './accounts.repo.ts';",
    ],
    [
      'a concept importing another concept through its front door',
      'src/server/accounts/merge.service.ts',
      "import { x } from '../opportunities/index.ts';",
    ],
    [
      'a concept importing the shared server files',
      'src/server/accounts/merge.service.ts',
      "import { x } from '../tracked.repo.ts';\nimport { y } from '../deps.ts';",
    ],
    [
      'the domain importing zod and itself',
      'src/domain/x.ts',
      "import { z } from 'zod';\nimport { y } from './knowledge/schema.ts';",
    ],
    ['the domain taking a date it is given', 'src/domain/x.ts', 'export const at = (iso: string) => new Date(iso);'],
    [
      'the contract importing the domain and zod',
      'src/contract/x.ts',
      "import { z } from 'zod';\nimport { y } from '../domain/enums.ts';",
    ],
    [
      'the web app importing the contract and the domain',
      'src/web/x.ts',
      "import { y } from '../contract/opportunities.ts';\nimport { z } from '../domain/enums.ts';",
    ],
    [
      'the server importing the database and the domain',
      'src/server/x.ts',
      "import { y } from '../db/database.ts';\nimport { z } from '../domain/enums.ts';",
    ],
  ])('passes %s', async (_name, filePath, code) => {
    expect(await problemsOf(filePath, code)).toEqual([]);
  });

  describe('with a front door named', () => {
    // what eslint.config.js holds once the concepts have their front doors (frontDoor there)
    const strict = new ESLint({
      cwd: root,
      overrideConfig: {
        languageOptions: { parserOptions: { projectService: false } },
        rules: {
          'winsight/layers': [
            'error',
            { root, layers, allowedRepoImports, allowedLayerImports, frontDoor: frontDoor ?? 'index.ts' },
          ],
        },
      },
      ruleFilter: ({ ruleId }) => ruleId === 'winsight/layers',
    });
    const strictProblems = async (filePath, code) => {
      const [result] = await strict.lintText(code, { filePath: path.join(root, filePath) });
      return (result?.messages ?? []).map((m) => m.message);
    };
    const door = frontDoor ?? 'index.ts';

    it('fails on a concept reaching past another concept front door', async () => {
      expect(
        await strictProblems(
          'src/server/accounts/merge.ts',
          "import { x } from '../opportunities/opportunities.service.ts';",
        ),
      ).toEqual([
        `../opportunities/opportunities.service.ts is inside the \`opportunities\` concept: use its front door, src/server/opportunities/${door}.`,
      ]);
    });

    it('passes the front door itself, the concept own files and the shared server files', async () => {
      const code = [
        `import { a } from '../opportunities/${door}';`,
        "import { b } from './accounts.repo.ts';",
        "import { c } from '../deps.ts';",
      ].join('\n');
      expect(await strictProblems('src/server/accounts/merge.ts', code)).toEqual([]);
    });
  });

  // The allowlist only shrinks: once an import is gone, its entry must go too, or it would quietly
  // let the import back in.
  it.each(Object.entries(allowedRepoImports))('allowlisted imports in %s still exist', (file, repos) => {
    expect(existsSync(path.join(root, file)), `${file} is gone: drop it from allowedRepoImports`).toBe(true);
    const source = readFileSync(path.join(root, file), 'utf8');
    const stale = repos.filter((repo) => !source.includes(`/${path.basename(repo)}'`));
    expect(stale, `${file} no longer imports these: drop them from allowedRepoImports in eslint.config.js`).toEqual([]);
  });
});
