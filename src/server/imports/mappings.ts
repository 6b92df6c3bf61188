import { readFile } from 'node:fs/promises';
import { BUILTIN_MAPPINGS, type BuiltinMappingName } from '../../domain/imports/builtin.ts';
import { mappingProblems, mappingSchema, type Mapping } from '../../domain/imports/mapping.ts';

// A mapping by name (salesforce, hubspot, generic, or one saved for a data set in ./mappings) or
// from a JSON file; what is wrong with one names the field.

export class MappingError extends Error {}

export const DATASET_MAPPINGS = ['ibm-sales-win-loss', 'maven-crm-sales-opportunities', 'it-consulting-win-prediction'];

export function parseMapping(json: unknown, origin: string): Mapping {
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new MappingError(`${origin} is not a valid mapping:\n  ${mappingProblems(parsed.error).join('\n  ')}`);
  }
  return parsed.data;
}

export function builtinMapping(name: BuiltinMappingName): Mapping {
  return mappingSchema.parse(BUILTIN_MAPPINGS[name]);
}

/** `salesforce`, `hubspot`, `generic`, a data set's saved mapping, or a path to a JSON file. */
export async function loadMapping(nameOrPath: string): Promise<Mapping> {
  if (Object.hasOwn(BUILTIN_MAPPINGS, nameOrPath)) return builtinMapping(nameOrPath as BuiltinMappingName);
  const path = DATASET_MAPPINGS.includes(nameOrPath)
    ? new URL(`./mappings/${nameOrPath}.json`, import.meta.url)
    : nameOrPath;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new MappingError(
      `cannot read the mapping ${nameOrPath} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give salesforce, hubspot, generic or a JSON file`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new MappingError(`${nameOrPath} is not JSON: ${(error as Error).message}`);
  }
  return parseMapping(json, nameOrPath);
}
