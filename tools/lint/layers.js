import path from 'node:path';
import { builtinModules } from 'node:module';

// Judged on the resolved path of every relative import, not on how the specifier is spelled, so
// `../../db/schema.ts` and `../db/schema.ts` are the same import wherever they are written from.

const NODE_BUILTINS = new Set(builtinModules);

const isNodeBuiltin = (specifier) =>
  specifier.startsWith('node:') || NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier);

/** `src/server/accounts/x.ts` -> `accounts`; undefined for files directly in `src/server`. */
const conceptOf = (relativePath) => {
  const parts = relativePath.split('/');
  return parts[0] === 'src' && parts[1] === 'server' && parts.length > 3 ? parts[2] : undefined;
};

const layerOf = (relativePath) => {
  const parts = relativePath.split('/');
  return parts[0] === 'src' ? parts[1] : undefined;
};

/**
 * Options: { root, layers, allowedRepoImports, allowedLayerImports, frontDoor }.
 * - layers: { [layer]: { forbid?: string[], only?: string[], packages?: string[], nodeBuiltins?: boolean } }
 *   `forbid` names layers this one may not import; `only` names the only layers it may import (its own
 *   always allowed); `packages` lists the only bare packages allowed (when given); `nodeBuiltins: false`
 *   bans node:* modules (not in *.test.ts files: a test may read its fixtures and hash its results).
 * - allowedRepoImports: { [file]: string[] } known cross-concept repository imports, to be removed.
 * - allowedLayerImports: { [file]: string[] } layers one file may import despite its layer's policy.
 * - frontDoor: the one file name (e.g. 'index.ts') through which a concept under src/server may use
 *   another; unset, only the repositories are closed.
 */
const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers apart and concepts behind their front doors' },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      layer: '{{from}} may not import from {{to}} ({{specifier}}).',
      package: '{{from}} may import only {{allowed}}, not {{specifier}}.',
      builtin: '{{from}} stays pure: no Node module ({{specifier}}).',
      frontDoor: '{{specifier}} is inside the `{{to}}` concept: use its front door, {{door}}.',
      repo:
        '{{specifier}} is the repository of the `{{to}}` concept; `{{from}}` must use what that concept ' +
        'exports from its front door, never its repository.',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const root = options.root ?? context.cwd;
    const layers = options.layers ?? {};
    const allowed = options.allowedRepoImports ?? {};
    const allowedLayers = options.allowedLayerImports ?? {};
    const frontDoor = options.frontDoor;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const fromLayer = layerOf(file);
    const fromConcept = conceptOf(file);
    const policy = fromLayer ? layers[fromLayer] : undefined;

    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return;
      if (!specifier.startsWith('.')) {
        if (!policy) return;
        if (isNodeBuiltin(specifier)) {
          if (policy.nodeBuiltins === false && !file.endsWith('.test.ts')) {
            context.report({ node, messageId: 'builtin', data: { from: `src/${fromLayer}`, specifier } });
          }
          return;
        }
        if (policy.packages && !policy.packages.some((p) => specifier === p || specifier.startsWith(`${p}/`))) {
          context.report({
            node,
            messageId: 'package',
            data: { from: `src/${fromLayer}`, allowed: policy.packages.join(', '), specifier },
          });
        }
        return;
      }
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), specifier))
        .split(path.sep)
        .join('/');
      const toLayer = layerOf(target);
      if (policy && toLayer && toLayer !== fromLayer && !(allowedLayers[file] ?? []).includes(toLayer)) {
        const banned = policy.only ? !policy.only.includes(toLayer) : (policy.forbid ?? []).includes(toLayer);
        if (banned) {
          context.report({
            node,
            messageId: 'layer',
            data: { from: `src/${fromLayer}`, to: `src/${toLayer}`, specifier },
          });
        }
      }
      const toConcept = conceptOf(target);
      const isRepo = /\.repo(\.ts)?$/.test(target);
      if (isRepo && toConcept && toConcept !== fromConcept && fromLayer === 'server') {
        if ((allowed[file] ?? []).includes(target)) return;
        context.report({ node, messageId: 'repo', data: { specifier, to: toConcept, from: fromConcept ?? file } });
        return;
      }
      const door = toConcept && frontDoor ? `src/server/${toConcept}/${frontDoor}` : undefined;
      if (door && fromConcept && toConcept !== fromConcept && target !== door && `${target}.ts` !== door) {
        context.report({ node, messageId: 'frontDoor', data: { specifier, to: toConcept, door } });
      }
    };

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export const layersPlugin = { meta: { name: 'winsight' }, rules: { layers: layersRule } };
