import globals from 'globals';
import tseslint, { layersPlugin } from '@winsight/lint';

const root = import.meta.dirname;

// Cross-concept repository imports still tolerated (file -> repository it imports). The server's
// concepts now use each other through their front doors, so none is left; keep it that way.
export const allowedRepoImports = {};

// Files that cross a layer on purpose (file -> layers it may import).
export const allowedLayerImports = {
  // drives the whole app through dropped PostgreSQL connections; it would sit as well in src/server
  'src/db/connection-faults.postgres.test.ts': ['server'],
};

// The file through which a concept under src/server offers itself to the others: any import past it
// from another concept fails, not only repository imports.
export const frontDoor = 'index.ts';

// Which layer may import which (ARCHITECTURE.md): the domain is pure, the contract is zod over the
// domain, the web app never reaches the server's code, and the database layer sits below the server.
export const layers = {
  domain: {
    only: [],
    packages: ['zod', 'csv-parse', 'vitest'],
    nodeBuiltins: false,
  },
  contract: { only: ['domain'], packages: ['zod', 'vitest'] },
  web: { forbid: ['server', 'db', 'cli'] },
  db: { forbid: ['server'] },
};

// Pure domain code takes the clock, randomness and configuration as arguments.
const impureInDomain = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Pass `asOf` in: the domain reads no clock.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Pass `asOf` in: the domain reads no clock.',
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'Use the seeded source in domain/random.ts.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'coverage/**',
      'node_modules/**',
      'tools/lint/node_modules/**',
      'bench/results/**',
      'src/server/assessment/fit.worker.mjs',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: root },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin, winsight: layersPlugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // a `default:` is taken as a decision about the rest of a union (valueSchema hands the other
      // kinds to a table typed by kind); a switch without one must name every member
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: false },
      ],
      'winsight/layers': ['error', { root, layers, allowedRepoImports, allowedLayerImports, frontDoor }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...impureInDomain],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'The domain reads no environment: pass values in.' },
      ],
    },
  },
);
