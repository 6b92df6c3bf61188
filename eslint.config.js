import globals from 'globals';
import tseslint, { layersPlugin } from '@winsight/lint';

const root = import.meta.dirname;

// Cross-concept repository imports that exist today (file -> repository it imports). Each one is a
// service reaching into another concept's table; the server restructuring replaces them with the
// owning concept's front door and a use-case layer. This list only shrinks: it should reach zero.
export const allowedRepoImports = {
  'src/server/health.routes.ts': ['src/server/organizations/organizations.repo.ts'],
  'src/server/accounts/accounts.service.ts': [
    'src/server/audit/audit.repo.ts',
    'src/server/opportunities/opportunities.repo.ts',
  ],
  'src/server/assessment/assessment.service.ts': [
    'src/server/accounts/accounts.repo.ts',
    'src/server/knowledge/knowledge.repo.ts',
    'src/server/opportunities/opportunities.repo.ts',
  ],
  'src/server/assessment/model.service.ts': [
    'src/server/knowledge/knowledge.repo.ts',
    'src/server/opportunities/opportunities.repo.ts',
  ],
  'src/server/assessment/nightly.ts': ['src/server/organizations/organizations.repo.ts'],
  'src/server/auth/auth.service.ts': ['src/server/users/users.repo.ts'],
  'src/server/contacts/contacts.service.ts': ['src/server/accounts/accounts.repo.ts', 'src/server/audit/audit.repo.ts'],
  'src/server/demo/demo.service.ts': [
    'src/server/accounts/accounts.repo.ts',
    'src/server/audit/audit.repo.ts',
    'src/server/contacts/contacts.repo.ts',
    'src/server/knowledge/knowledge.repo.ts',
    'src/server/opportunities/opportunities.repo.ts',
    'src/server/organizations/organizations.repo.ts',
    'src/server/stages/stages.repo.ts',
    'src/server/users/users.repo.ts',
  ],
  'src/server/knowledge/knowledge.service.ts': [
    'src/server/contacts/contacts.repo.ts',
    'src/server/opportunities/opportunities.repo.ts',
    'src/server/users/users.repo.ts',
  ],
  'src/server/opportunities/opportunities.service.ts': [
    'src/server/accounts/accounts.repo.ts',
    'src/server/audit/audit.repo.ts',
    'src/server/stages/stages.repo.ts',
  ],
  'src/server/organizations/organizations.service.ts': [
    'src/server/audit/audit.repo.ts',
    'src/server/stages/stages.repo.ts',
  ],
  'src/server/stages/stages.service.ts': [
    'src/server/audit/audit.repo.ts',
    'src/server/opportunities/opportunities.repo.ts',
  ],
  'src/server/users/users.service.ts': [
    'src/server/accounts/accounts.repo.ts',
    'src/server/audit/audit.repo.ts',
    'src/server/auth/auth.repo.ts',
    'src/server/opportunities/opportunities.repo.ts',
  ],
};

// Files that cross a layer on purpose (file -> layers it may import).
export const allowedLayerImports = {
  // drives the whole app through dropped PostgreSQL connections; it would sit as well in src/server
  'src/db/connection-faults.postgres.test.ts': ['server'],
};

// The file through which a concept under src/server offers itself to the others. Unset while the
// server is being restructured; once every concept has one, name it here (e.g. 'index.ts') and any
// import past it from another concept fails, not only repository imports.
export const frontDoor = undefined;

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
